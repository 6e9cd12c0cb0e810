// The sync half of the November 2026 security review (issue 12), first part: locks (H1),
// signatures (H2), owners (H3), clocks (M1) and names (M2) against what a person at a device, a
// carrier, or a hostile member of the group (who holds the passphrase, so can write validly
// encrypted files) tried. Each test names its finding; the rest is in test_sync_hardening.cpp.
#include "casebook/checklist.hpp"
#include "casebook/version.hpp"
#include "hostile.hpp"
#include "support/devices.hpp"
#include "support/sqlite_probe.hpp"

#include <future>
#include <numeric>
#include <sodium.h>
#include <sys/stat.h>
#include <thread>

using namespace casebook;
using namespace hostile;
using test::scalar;
namespace fs = std::filesystem;
using synctest::Device;
using synctest::passphrase;

// ---- H1: a locked profile stays locked everywhere ------------------------------------------

TEST_CASE("H1: nothing of a profile that has not joined leaves the device, even into a new group",
          "[sync][security][H1]") {
    Device a;
    test::TempDir folder, second;
    const auto alice = a.journal->add_profile({"Alice", Role::trainee, "nurse", "england"}).id;
    a.journal->set_pin(alice, "1234", KdfCost::minimum);
    const auto secret = a.journal->add_note(alice, draft("CP concern: J Smith", "locked body"));
    const auto bob = a.journal->add_profile({"Bob", Role::other, "", ""}).id;
    a.journal->add_note(bob, draft("Bob's", "not locked, but not agreed either"));

    a.sync->init(folder.path(), passphrase);
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(r.records_sent == 0);
    CHECK(std::count(r.held_back.begin(), r.held_back.end(), "Alice") == 1);
    CHECK(std::count(r.held_back.begin(), r.held_back.end(), "Bob") == 1);
    const auto sent = everything_sent(folder.path());
    CHECK_FALSE(mentions(sent, alice));
    CHECK_FALSE(mentions(sent, secret.id));
    CHECK_FALSE(mentions(sent, bob));

    // Bob agrees; Alice still has not: only Bob's records go.
    a.sync->join_profile(bob);
    a.sync->run(folder.path(), passphrase);
    const auto after = everything_sent(folder.path());
    CHECK(mentions(after, bob));
    CHECK_FALSE(mentions(after, alice));

    // Alice agrees (the app asks once she has unlocked); then she goes. A new group started from
    // this device does not inherit her consent: nothing of hers goes there until she agrees again.
    a.sync->join_profile(alice);
    a.sync->run(folder.path(), passphrase);
    CHECK(mentions(everything_sent(folder.path()), secret.id));
    a.sync->init(second.path(), passphrase);
    const auto fresh = a.sync->run(second.path(), passphrase);
    INFO(synctest::describe(fresh));
    CHECK_FALSE(a.sync->is_member(alice));
    const auto in_second = everything_sent(second.path());
    CHECK_FALSE(mentions(in_second, alice));
    CHECK_FALSE(mentions(in_second, secret.id));
    CHECK_FALSE(mentions(in_second, bob));
}

TEST_CASE("H1: a joined profile arrives on another device locked by the same PIN; back-off stays "
          "per device",
          "[sync][security][H1]") {
    Device a, b;
    test::TempDir folder;
    const auto alice = a.journal->add_profile({"Alice", Role::trainee, "nurse", "england"}).id;
    a.journal->set_pin(alice, "1234", KdfCost::minimum);
    const auto note = a.journal->add_note(alice, draft("Mine", "locked body"));
    a.sync->join_profile(alice);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    b.sync->join(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);

    const auto there = b.journal->profile(alice);
    REQUIRE(there);
    CHECK(there->has_pin);
    CHECK(b.sync->is_member(alice)); // arrived from the group: in it
    // The PIN itself is in no file: only its Argon2id verifier.
    for (const auto& r : everything_sent(folder.path()))
        for (const auto& [name, reg] : r.fields)
            CHECK(reg.value.find("1234") == std::string::npos);
    CHECK(b.journal->check_pin(alice, "0000").outcome == PinCheck::Outcome::wrong);
    CHECK(b.journal->check_pin(alice, "0000").outcome == PinCheck::Outcome::wrong);
    CHECK(b.journal->check_pin(alice, "0000").outcome == PinCheck::Outcome::wrong);
    CHECK(b.journal->check_pin(alice, "1234").outcome == PinCheck::Outcome::wait);
    // The wrong tries on B are B's: A lets Alice in at once.
    CHECK(a.journal->check_pin(alice, "1234").accepted());
    b.sync->run(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    CHECK(a.journal->check_pin(alice, "1234").accepted());
    CHECK(scalar(a.db_path(), "SELECT COUNT(*) FROM pin_failure") == "0");
    CHECK(b.journal->note(alice, note.id)->body == "locked body");

    // A PIN set later on A locks the profile on B too (B had none for Bob).
    const auto bob = a.journal->add_profile({"Bob", Role::other, "", ""}).id;
    a.sync->join_profile(bob);
    a.sync->run(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);
    REQUIRE(b.journal->profile(bob));
    CHECK_FALSE(b.journal->profile(bob)->has_pin);
    a.journal->set_pin(bob, "5678", KdfCost::minimum);
    a.sync->run(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);
    CHECK(b.journal->profile(bob)->has_pin);
    CHECK(b.journal->check_pin(bob, "5678").accepted());
}

TEST_CASE("H1: a file cannot remove or replace a PIN, nor make a profile join",
          "[sync][security][H1]") {
    Device a, b;
    test::TempDir folder;
    const auto alice = a.journal->add_profile({"Alice", Role::trainee, "", ""}).id;
    a.journal->set_pin(alice, "1234", KdfCost::minimum);
    a.journal->add_note(alice, draft("Mine", "locked body"));
    const auto bob = a.journal->add_profile({"Bob", Role::other, "", ""}).id;
    a.sync->join_profile(bob);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);

    // A forger writes Alice's profile without a PIN, and with a verifier of a PIN it knows.
    char known[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str(known, "0000", 4, crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN) == 0);
    for (const std::string& verifier : {std::string(), std::string(known)}) {
        Record forged{"profile", alice, "", alice, {}, {}, {}};
        const Hlc stamp = soon(forger);
        forged.fields["name"] = {"Alice", stamp};
        forged.fields["pin_hash"] = {verifier, stamp};
        forged.presence.resolve(presence::alive, stamp);
        fs::remove(folder / SyncFileName{SyncFileKind::segment, forger, 1}.str());
        plant(folder.path(), {forged}, verifier.empty() ? 1 : 2);
        const auto r = a.sync->run(folder.path(), passphrase);
        INFO(synctest::describe(r));
        CHECK(a.journal->profile(alice)->has_pin);
        CHECK(a.journal->check_pin(alice, "0000").outcome != PinCheck::Outcome::accepted);
        CHECK(a.journal->check_pin(alice, "1234").accepted());
        // Alice's record arriving from the group does not make her a member here.
        CHECK_FALSE(a.sync->is_member(alice));
    }
    const auto sent = everything_sent(folder.path());
    CHECK(std::none_of(sent.begin(), sent.end(),
                       [&](const Record& r) { return r.kind == "note" && r.profile_id == alice; }));
}

// ---- H2: signed is signed ------------------------------------------------------------------

TEST_CASE("H2: a crafted file neither un-signs a session nor un-finalises a record, in any order",
          "[sync][security][H2]") {
    Device a, c;
    test::TempDir folder;
    const auto lee = a.journal->add_profile({"Lee", Role::supervisor, "doctor", "england"}).id;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "nurse", "england"}).id;
    a.sync->join_profile(lee);
    a.sync->join_profile(sam);
    auto session = a.journal->start_supervision(lee, sam);
    a.journal->save_supervision(
        lee, session.id,
        {"", "", "What we agreed", {{"Read the policy", "2026-12-01"}}, "What I learned"});
    a.journal->sign_supervision(lee, session.id, {"", true});
    a.journal->sign_supervision(sam, session.id, {"", true});
    const auto record = DecisionRecords(*a.store).create_record(sam, "real", "", "england");
    DecisionRecords(*a.store).save_draft(sam, record.id, "england", R"({"answers":{"q":"yes"}})",
                                         "share-now");
    DecisionRecords(*a.store).finalise_record(sam, record.id);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    const std::string dev_a = a.sync->device_id();

    // The forgery: both seals and both signatures emptied, texts and outcome rewritten, every
    // stamp later than A's, the session deleted too, from a device that sorts first.
    const Hlc stamp = soon(forger);
    Record s{"supervision", session.id, "", lee, {}, {}, {}};
    for (const char* f : {"signed_by_supervisor_at", "signed_by_trainee_at", "sealed"})
        s.fields[f] = {"", stamp};
    s.fields["supervisor_profile_id"] = {lee, stamp};
    s.fields["trainee_profile_id"] = {sam, stamp};
    s.texts["discussion"] = text_over("FORGED discussion", stamp, dev_a);
    s.texts["trainee_reflection"] = text_over("FORGED reflection", stamp, dev_a);
    s.presence = text_over(presence::alive, stamp, dev_a);
    Record k{"checklist_record", record.id, "", sam, {}, {}, {}};
    for (const char* f : {"finalised_at", "sealed"})
        k.fields[f] = {"", stamp};
    k.fields["outcome"] = {"FORGED", stamp};
    k.fields["answers_json"] = {R"({"forged":true})", stamp};
    k.presence = text_over(presence::deleted, stamp, dev_a);
    plant(folder.path(), {s, k});

    // A device that receives the forgery with (and before) the originals.
    c.sync->join(folder.path(), passphrase);
    const auto rc_report = c.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(rc_report));
    // And the device that has the originals.
    a.sync->run(folder.path(), passphrase);
    for (Device* d : {&a, &c}) {
        auto got = d->journal->supervision(lee, session.id);
        REQUIRE(got);
        CHECK(got->signed_off());
        CHECK(got->discussion == "What we agreed");
        CHECK(got->trainee_reflection == "What I learned");
        REQUIRE(got->actions.size() == 1);
        CHECK(got->actions[0].text == "Read the policy");
        auto rec = DecisionRecords(*d->store).record(sam, record.id);
        REQUIRE(rec);
        CHECK(rec->final());
        CHECK(rec->outcome == "share-now");
        CHECK(rec->answers_json == R"({"answers":{"q":"yes"}})");
    }
    // The replicas hold the same sealed state after more exchanges.
    c.sync->run(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    const std::string sealed_sql =
        "SELECT discussion || '|' || signed_by_supervisor_at || '|' || signed_by_trainee_at "
        "FROM supervision";
    CHECK(scalar(a.db_path(), sealed_sql) == scalar(c.db_path(), sealed_sql));
}

TEST_CASE("H2: sealing is monotone in the merge, and every order of states converges",
          "[sync][security][H2][property]") {
    synctest::property("H2 seals only grow and converge", 300, [] {
        // States of one record written on three devices: seals set, emptied, edited.
        const int n = *rc::gen::inRange(2, 7);
        std::vector<Record> states;
        bool any_seal = false;
        Hlc earliest;
        std::string earliest_value;
        for (int i = 0; i < n; ++i) {
            Record r{"checklist_record", "id", "", "p", {}, {}, {}};
            const std::string device(32, static_cast<char>('a' + *rc::gen::inRange(0, 3)));
            const Hlc stamp{*rc::gen::inRange<std::int64_t>(1, 50), 0, device};
            for (const char* f : {"sealed", "finalised_at", "outcome"}) {
                const bool set = *rc::gen::arbitrary<bool>();
                const std::string value = set ? "v" + std::to_string(*rc::gen::inRange(0, 3)) : "";
                r.fields[f] = {value, stamp};
                if (std::string(f) == "sealed" && set) {
                    if (!any_seal || stamp < earliest ||
                        (stamp == earliest && earliest_value < value)) {
                        earliest = stamp;
                        earliest_value = value;
                    }
                    any_seal = true;
                }
            }
            states.push_back(r);
        }
        auto fold = [&](const std::vector<int>& order) {
            Record out = states[static_cast<std::size_t>(order[0])];
            for (std::size_t i = 1; i < order.size(); ++i)
                out.merge(states[static_cast<std::size_t>(order[i])]);
            return out;
        };
        std::vector<int> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        const Record first = fold(order);
        const auto keys =
            *rc::gen::container<std::vector<int>>(order.size(), rc::gen::arbitrary<int>());
        std::vector<int> shuffled = order;
        std::sort(shuffled.begin(), shuffled.end(), [&](int x, int y) {
            return std::tie(keys[static_cast<std::size_t>(x)], x) <
                   std::tie(keys[static_cast<std::size_t>(y)], y);
        });
        const Record second = fold(shuffled);
        RC_ASSERT(first == second);
        // Merging again changes nothing (idempotent).
        Record again = first;
        for (const auto& st : states)
            RC_ASSERT(!again.merge(st) || again == first);
        if (any_seal) {
            RC_ASSERT(first.field("sealed") == earliest_value);
        }
        // Once sealed, no state merged later unseals it.
        Record sealed = first;
        for (const auto& st : states)
            sealed.merge(st);
        RC_ASSERT(sealed.field("sealed").empty() == !any_seal);
    });
}

// ---- H3: a record belongs to one profile for life ------------------------------------------

TEST_CASE("H3: a file claiming another owner for a note, session or record is refused",
          "[sync][security][H3]") {
    Device a;
    test::TempDir folder;
    const auto alice = a.journal->add_profile({"Alice", Role::trainee, "", ""}).id;
    a.journal->set_pin(alice, "1234", KdfCost::minimum);
    const auto lee = a.journal->add_profile({"Lee", Role::supervisor, "", ""}).id;
    const auto note = a.journal->add_note(alice, draft("Locked", "Alice's locked note"));
    auto session = a.journal->start_supervision(lee, alice);
    a.journal->save_supervision(lee, session.id, {"", "", "Talk", {}, ""});
    for (const auto& p : {alice, lee})
        a.sync->join_profile(p);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);

    const Hlc stamp = soon(forger);
    Record zed{"profile", forger, "", forger, {}, {}, {}};
    zed.fields["name"] = {"Zed", stamp};
    zed.presence.resolve(presence::alive, stamp);
    Record moved{"note", note.id, "", forger, {}, {}, {}};
    moved.fields["tags"] = {"moved", stamp};
    moved.presence.resolve(presence::alive, stamp);
    Record taken{"supervision", session.id, "", lee, {}, {}, {}};
    taken.fields["trainee_profile_id"] = {forger, stamp};
    taken.presence.resolve(presence::alive, stamp);
    plant(folder.path(), {zed, moved, taken});

    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(has_note(r, "refused"));
    CHECK(has_note(r, note.id));
    CHECK(has_note(r, session.id));
    CHECK_FALSE(a.journal->note(forger, note.id));
    REQUIRE(a.journal->note(alice, note.id));
    CHECK(a.journal->note(alice, note.id)->tags.empty());
    CHECK(scalar(a.db_path(), "SELECT profile_id FROM note WHERE id = '" + note.id + "'") == alice);
    CHECK(scalar(a.db_path(), "SELECT trainee_profile_id FROM supervision WHERE id = '" +
                                  session.id + "'") == alice);
    CHECK(a.journal->search(forger, "locked").empty());
}

// ---- M1: clocks cannot be poisoned ---------------------------------------------------------

TEST_CASE("M1: a stamp far in the future is not taken into the clock; later edits still win",
          "[sync][security][M1]") {
    Device x, y;
    test::TempDir folder;
    const auto sam = x.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    x.sync->join_profile(sam);
    const auto note = x.journal->add_note(sam, draft("Plan", "body"));
    x.sync->init(folder.path(), passphrase);
    x.sync->run(folder.path(), passphrase);
    y.sync->join(folder.path(), passphrase);
    y.sync->run(folder.path(), passphrase);

    Record poisoned{"note", note.id, "", sam, {}, {}, {}};
    const Hlc end{Hlc::max_ms, Hlc::max_counter, forger};
    poisoned.fields["tags"] = {"poisoned", end};
    poisoned.presence.resolve(presence::alive, end);
    const auto file = plant(folder.path(), {poisoned});
    const auto r = x.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(has_note(r, file));
    CHECK(has_note(r, "ahead of this device's clock"));
    CHECK(x.sync->device_id() != forger);
    CHECK(x.journal->note(sam, note.id)->tags.empty());
    // The clock stayed within a day of now.
    const auto clock = Hlc::parse(scalar(x.db_path(), "SELECT value FROM sync_meta WHERE key = "
                                                      "'hlc'"));
    REQUIRE(clock);
    CHECK(clock->ms < synctest::now_ms() + max_ahead_ms);

    x.journal->save_note(sam, note.id, {"Plan", "body", {"edited-after-sync"}, "none", ""});
    x.sync->run(folder.path(), passphrase);
    y.sync->run(folder.path(), passphrase);
    CHECK(y.journal->note(sam, note.id)->tags == std::vector<std::string>{"edited-after-sync"});
    CHECK(x.journal->note(sam, note.id)->tags == std::vector<std::string>{"edited-after-sync"});
}

TEST_CASE("M1: a clock at its last stamp refuses rather than wrapping", "[sync][security][M1]") {
    const std::string me(32, 'a');
    HlcClock clock(me, [] { return std::int64_t{1000}; });
    clock.receive({Hlc::max_ms, Hlc::max_counter, std::string(32, 'b')});
    const Hlc before = clock.last();
    bool refused = false;
    try {
        const Hlc next = clock.now();
        CHECK(before < next); // never a stamp that orders before the last
    } catch (const std::overflow_error&) {
        refused = true;
    }
    CHECK(refused);
}

// ---- M2: one name, two people --------------------------------------------------------------

TEST_CASE("M2: a second profile of the same name from a sync makes the name ask for the id",
          "[sync][security][M2]") {
    Device a;
    test::TempDir folder;
    const auto alice = a.journal->add_profile({"Alice", Role::trainee, "", ""}).id;
    a.journal->set_pin(alice, "1234", KdfCost::minimum);
    a.sync->join_profile(alice);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);

    Record impostor{"profile", forger, "", forger, {}, {}, {}};
    const Hlc stamp = soon(forger);
    impostor.fields["name"] = {"alice", stamp};
    impostor.fields["created_at"] = {"2000-01-01T00:00:00.000Z", stamp};
    impostor.presence.resolve(presence::alive, stamp);
    plant(folder.path(), {impostor});
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(has_note(r, "two profiles are now named"));
    CHECK_THROWS_AS(a.journal->find_profile("Alice"), JournalError);
    CHECK_THROWS_WITH(a.journal->find_profile("ALICE"),
                      Catch::Contains(alice) && Catch::Contains(forger));
    // By id each is still found.
    CHECK(a.journal->find_profile(alice)->has_pin);
    CHECK_FALSE(a.journal->find_profile(forger)->has_pin);
}
