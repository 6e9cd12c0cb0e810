// The sync half of the November 2026 security review (issue 12): what a person at a device, a
// carrier, or a hostile member of the group (who holds the passphrase, so can write validly
// encrypted files) tried, and what must hold. Each test names its finding.
#include "casebook/version.hpp"
#include "support/devices.hpp"
#include "support/sqlite_probe.hpp"

#include <future>
#include <numeric>
#include <sodium.h>
#include <sys/stat.h>
#include <thread>

using namespace casebook;
using test::scalar;
namespace fs = std::filesystem;
using synctest::Device;
using synctest::passphrase;

namespace {

NoteDraft draft(const std::string& title, const std::string& body) {
    return {title, body, {}, "none", ""};
}

// What a member of the group can do: derive the key from the group file and the passphrase.
SyncKey group_key(const fs::path& folder) {
    const std::string bytes = test::slurp(folder / group_file_name);
    auto key = GroupFile::parse(bytes, group_file_name).unlock(passphrase);
    REQUIRE(key);
    return *key;
}

std::string group_of(const fs::path& folder) {
    return GroupFile::parse(test::slurp(folder / group_file_name), "g").group_id;
}

const std::string forger(32, '0'); // sorts before every real device: its file merges first

// A validly encrypted segment of `records`, as a hostile member would write it.
std::string plant(const fs::path& folder, const std::vector<Record>& records,
                  std::uint64_t sequence = 1, const std::string& device = forger) {
    EnvelopeHeader h;
    h.group_id = group_of(folder);
    h.device_id = device;
    h.sequence = sequence;
    const std::string name = SyncFileName{SyncFileKind::segment, device, sequence}.str();
    test::spit(folder / name, seal_envelope(h, encode_records(records), group_key(folder)));
    return name;
}

// Every record in every file of the folder, decrypted with the group's key.
std::vector<Record> everything_sent(const fs::path& folder) {
    const SyncKey key = group_key(folder);
    const std::string group = group_of(folder);
    std::vector<Record> out;
    for (const auto& name : synctest::file_names(folder)) {
        auto what = SyncFileName::parse(name);
        if (!what) continue;
        EnvelopeHeader h;
        h.kind = what->kind;
        h.group_id = group;
        h.device_id = what->device;
        h.sequence = what->sequence;
        for (auto& r :
             decode_records(open_envelope(test::slurp(folder / name), name, h, key), name))
            out.push_back(std::move(r));
    }
    return out;
}

bool mentions(const std::vector<Record>& records, const std::string& id) {
    return std::any_of(records.begin(), records.end(), [&](const Record& r) {
        return r.id == id || r.profile_id == id || r.parent == id ||
               r.field("supervisor_profile_id") == id || r.field("trainee_profile_id") == id;
    });
}

bool has_note(const SyncReport& r, const std::string& words) {
    return std::any_of(r.notes.begin(), r.notes.end(),
                       [&](const std::string& n) { return n.find(words) != std::string::npos; });
}

// A stamp an hour from now (later than anything real, well within a day).
Hlc soon(const std::string& device, std::int64_t plus_ms = 3'600'000) {
    return {synctest::now_ms() + plus_ms, 0, device};
}

// A text register that has seen `over` (so its value replaces whatever `over` wrote).
MvRegister text_over(const std::string& value, const Hlc& stamp, const std::string& over) {
    MvRegister reg;
    reg.entries.push_back({value, stamp});
    reg.seen[stamp.device] = stamp;
    reg.seen[over] = {stamp.ms, 0, over};
    return reg;
}

} // namespace

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
    const auto record = a.store->create_record(sam, "real", "", "england");
    a.store->save_draft(sam, record.id, "england", R"({"answers":{"q":"yes"}})", "share");
    a.store->finalise_record(sam, record.id);
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
        auto rec = d->store->record(sam, record.id);
        REQUIRE(rec);
        CHECK(rec->final());
        CHECK(rec->outcome == "share");
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

// ---- M6: nesting inside synced records -----------------------------------------------------

TEST_CASE("M6: a synced decision record nested deeper than the limit is refused, not stored",
          "[sync][security][M6]") {
    Device a;
    test::TempDir folder;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(sam);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    const Hlc stamp = soon(forger);
    Record deep{"checklist_record", std::string(32, '7'), "", sam, {}, {}, {}};
    deep.fields["mode"] = {"real", stamp};
    deep.fields["jurisdiction"] = {"england", stamp};
    deep.fields["answers_json"] = {std::string(1'500'000, '[') + std::string(1'500'000, ']'),
                                   stamp};
    deep.presence.resolve(presence::alive, stamp);
    plant(folder.path(), {deep});
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(r.notes.size());
    CHECK(has_note(r, "nest deeper"));
    CHECK(scalar(a.db_path(), "SELECT COUNT(*) FROM checklist_record") == "0");
    CHECK(scalar(a.db_path(), "SELECT COUNT(*) FROM sync_record WHERE kind = 'checklist_record'") ==
          "0");
}

// ---- M8: FIFOs and devices where files should be -------------------------------------------

TEST_CASE("M8: a FIFO named like the group file or a segment never blocks join or run",
          "[sync][security][M8]") {
    Device a, b;
    test::TempDir folder, trap;
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    REQUIRE(::mkfifo((trap / group_file_name).c_str(), 0600) == 0);
    const std::string seg = std::string(32, 'e') + ".0000000001.segment";
    REQUIRE(::mkfifo((folder / seg).c_str(), 0600) == 0);

    // Each call on its own thread, with a deadline: if it blocks, opening the FIFO for writing
    // lets it go so the test can report the hang instead of hanging.
    auto within = [](const fs::path& fifo, auto&& call) {
        auto done = std::async(std::launch::async, call);
        if (done.wait_for(std::chrono::seconds(10)) == std::future_status::ready) return done.get();
        std::FILE* f = std::fopen(fifo.c_str(), "w");
        if (f) std::fclose(f);
        done.wait();
        return std::string("blocked");
    };
    const auto joined = within(trap / group_file_name, [&] {
        try {
            b.sync->join(trap.path(), passphrase);
            return std::string("joined");
        } catch (const SyncError& e) {
            return std::string(e.what());
        }
    });
    CHECK(joined.find("FIFO") != std::string::npos);
    const auto ran = within(folder / seg, [&] {
        const auto r = a.sync->run(folder.path(), passphrase);
        return synctest::describe(r);
    });
    CHECK(ran.find("FIFO") != std::string::npos);
    CHECK(ran.find(seg) != std::string::npos);

    // The group file itself a FIFO in the folder of a device already in the group.
    fs::remove(folder / group_file_name);
    REQUIRE(::mkfifo((folder / group_file_name).c_str(), 0600) == 0);
    const auto again = within(folder / group_file_name, [&] {
        return synctest::describe(a.sync->run(folder.path(), passphrase));
    });
    CHECK(again.find(group_file_name) != std::string::npos);
    CHECK(again.find("FIFO") != std::string::npos);
}

// ---- M9: a device's id is its own ----------------------------------------------------------

TEST_CASE("M9: junk named like this device's own later file does not change its id",
          "[sync][security][M9]") {
    Device a, b;
    test::TempDir folder;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(sam);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    b.sync->join(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);
    const std::string id = a.sync->device_id();
    const std::string junk = id + ".9999999999.segment";
    test::spit(folder / junk, "junk");
    const std::string next = SyncFileName{SyncFileKind::segment, id, 2}.str();
    test::spit(folder / next, std::string(200, 'x')); // in the way of its next number too

    const auto note = a.journal->add_note(sam, draft("After", "the junk"));
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(a.sync->device_id() == id);
    CHECK(synctest::skipped(r, junk, SkipReason::damaged));
    CHECK_FALSE(has_note(r, "now syncs as"));
    CHECK(r.records_sent > 0);
    b.sync->run(folder.path(), passphrase);
    CHECK(b.journal->note(sam, note.id));
    // And still the same id at the next run.
    a.sync->run(folder.path(), passphrase);
    CHECK(a.sync->device_id() == id);
}

// ---- L2, L3, L9, L10, L11: caps and messages -----------------------------------------------

TEST_CASE("L2: a group file asking for extreme key-derivation costs is refused at once",
          "[sync][security][L2]") {
    Device a, b;
    test::TempDir folder;
    a.sync->init(folder.path(), passphrase);
    std::string bytes = test::slurp(folder / group_file_name);
    auto put = [&](std::size_t at, std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
    };
    put(44, 64);         // passes
    put(52, 1ull << 30); // 1 GiB
    unsigned char sum[32];
    crypto_generichash(sum, sizeof sum, reinterpret_cast<const unsigned char*>(bytes.data()),
                       GroupFile::size - 32, nullptr, 0);
    bytes.replace(GroupFile::size - 32, 32, reinterpret_cast<const char*>(sum), 32);
    test::spit(folder / group_file_name, bytes);
    const auto start = std::chrono::steady_clock::now();
    try {
        b.sync->join(folder.path(), passphrase);
        FAIL("joined a group asking for 64 passes over 1 GiB");
    } catch (const SyncError& e) {
        CHECK(std::string(e.what()).find("out of range") != std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    CHECK(SyncLimits::max_kdf_memory <= (256ull << 20));
    CHECK(SyncLimits::max_kdf_ops <= 4);
}

TEST_CASE("L3: one file's records are refused before they take more memory than the bound",
          "[sync][security][L3]") {
    // Registers that each "saw" 4,096 devices: 27 bytes a device in the file, far more once read.
    std::vector<Record> records;
    for (int i = 0; i < 3; ++i) {
        Record r{"note", std::to_string(i), "", "p", {}, {}, {}};
        MvRegister& reg = r.texts["body"];
        for (std::uint32_t d = 0; d < SyncLimits::max_devices; ++d) {
            char hex[33];
            std::snprintf(hex, sizeof hex, "%032x", d + 1);
            reg.seen[hex] = {1, 0, hex};
        }
        records.push_back(std::move(r));
    }
    const std::string bytes = encode_records(records);
    const std::uint64_t bound = 2ull << 20; // 2 MiB for this test; SyncLimits::max_decoded in use
    try {
        decode_records(bytes, "many.segment", bound);
        FAIL("decoded beyond the memory bound");
    } catch (const SyncError& e) {
        CHECK(e.problem.kind == SkipReason::too_large);
        CHECK(e.problem.reason.find("memory") != std::string::npos);
    }
    // The same number of bytes of plain text is well within the same bound.
    Record plain{"note", "x", "", "p", {}, {}, {}};
    plain.fields["body"] = {std::string(bytes.size(), 'a'), {1, 0, std::string(32, 'a')}};
    CHECK_NOTHROW(decode_records(encode_records({plain}), "plain.segment", bound));
    CHECK(SyncLimits::max_decoded <= (1ull << 30));
}

TEST_CASE("L9: a folder named like a segment is reported, not passed over",
          "[sync][security][L9]") {
    test::TempDir folder;
    const std::string name = std::string(32, 'c') + ".0000000001.segment";
    fs::create_directory(folder / name);
    const auto listing = list_folder(folder.path());
    REQUIRE(listing.skipped.size() == 1);
    CHECK(listing.skipped[0].file == name);
    CHECK(listing.skipped[0].reason.find("folder") != std::string::npos);
}

TEST_CASE("L10: an unauthenticated newer group file does not halt a device already in the group",
          "[sync][security][L10]") {
    Device a;
    test::TempDir folder;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(sam);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    std::string bytes = test::slurp(folder / group_file_name);
    bytes[8] = 2; // "version 2", checksum now wrong: ten bytes anyone could write
    test::spit(folder / group_file_name, bytes);
    a.journal->add_note(sam, draft("Still", "syncing"));
    SyncReport r;
    REQUIRE_NOTHROW(r = a.sync->run(folder.path(), passphrase));
    CHECK(r.records_sent > 0);
    CHECK(synctest::skipped(r, group_file_name, SkipReason::newer_format));
}

TEST_CASE("L11: damage is described once, with the right number", "[sync][security][L11]") {
    SyncKey key;
    key.bytes.fill(7);
    EnvelopeHeader h;
    h.group_id = std::string(32, '1');
    h.device_id = std::string(32, '2');
    h.sequence = 1;
    const std::string file = seal_envelope(h, "payload", key);
    auto reason = [&](const std::string& bytes) {
        try {
            open_envelope(bytes, "f.segment", h, key);
        } catch (const SyncError& e) {
            return e.problem.reason;
        }
        FAIL("opened");
        return std::string{};
    };
    const auto one_more = reason(file + "x");
    CHECK(one_more.find("1 byte more") != std::string::npos);
    CHECK(one_more.find("damaged") == std::string::npos);
    std::string reserved = file;
    reserved[11] = 1;
    CHECK(reason(reserved).find("reserved") != std::string::npos);
}

// ---- M5 (sync side) and L11: what a report says stays readable ------------------------------

namespace {

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80         ? 1
                              : (c >> 5) == 6  ? 2
                              : (c >> 4) == 14 ? 3
                              : (c >> 3) == 30 ? 4
                                               : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        i += n;
    }
    return true;
}

} // namespace

TEST_CASE("M5 L11: crafted ids never reach the report raw, and no note names the database path",
          "[sync][security][M5][L11]") {
    Device a;
    test::TempDir folder;
    const auto lee = a.journal->add_profile({"Lee", Role::supervisor, "", ""}).id;
    a.sync->join_profile(lee);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    const Hlc stamp = soon(forger);
    // Sessions that cannot be applied (one person on both sides): one with a crafted id.
    std::vector<Record> records;
    for (const std::string& id : {std::string("\xff\xfe-\x1b[2J"), std::string(32, '9')}) {
        Record r{"supervision", id, "", lee, {}, {}, {}};
        r.fields["supervisor_profile_id"] = {lee, stamp};
        r.fields["trainee_profile_id"] = {lee, stamp};
        r.presence.resolve(presence::alive, stamp);
        records.push_back(r);
    }
    plant(folder.path(), records);
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(has_note(r, "no id has"));
    CHECK(has_note(r, std::string(32, '9') + " could not be applied here"));
    for (const auto& n : r.notes) {
        CHECK(valid_utf8(n));
        CHECK(n.find('\x1b') == std::string::npos);
        CHECK(n.find(a.db_path().string()) == std::string::npos);
    }
}

// ---- L1: a forged snapshot far ahead under another device's id -----------------------------

TEST_CASE("L1: what a forged snapshot made others skip arrives once its device takes a new id",
          "[sync][security][L1]") {
    Device a, b;
    test::TempDir fa, fb; // each device's own copy of the folder, a carrier between them
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(sam);
    a.sync->init(fa.path(), passphrase);
    a.sync->run(fa.path(), passphrase);
    synctest::carry(fa.path(), fb.path());
    b.sync->join(fb.path(), passphrase);
    b.sync->run(fb.path(), passphrase);

    // A forger puts a snapshot under A's id, numbered as far as a name allows, in B's copy.
    const std::string old_id = a.sync->device_id();
    EnvelopeHeader h;
    h.kind = SyncFileKind::snapshot;
    h.group_id = group_of(fb.path());
    h.device_id = old_id;
    h.sequence = 9'999'999'999'999'999'999ull;
    const std::string forged = SyncFileName{SyncFileKind::snapshot, old_id, h.sequence}.str();
    test::spit(fb / forged, seal_envelope(h, encode_records({}), group_key(fb.path())));
    b.sync->run(fb.path(), passphrase); // A now counts as read up to that number here

    // A writes a note before the forgery reaches its copy of the folder; B skips that file.
    const auto note = a.journal->add_note(sam, draft("Before", "written before A saw it"));
    a.sync->run(fa.path(), passphrase);
    synctest::carry(fa.path(), fb.path());
    b.sync->run(fb.path(), passphrase);
    // The forgery reaches A: A takes a new id, and sends what it sent before under it.
    synctest::carry(fb.path(), fa.path());
    const auto ra = a.sync->run(fa.path(), passphrase);
    INFO(synctest::describe(ra));
    CHECK(a.sync->device_id() != old_id);
    synctest::carry(fa.path(), fb.path());
    b.sync->run(fb.path(), passphrase);
    REQUIRE(b.journal->note(sam, note.id));
    CHECK(b.journal->note(sam, note.id)->body == "written before A saw it");
}

TEST_CASE("H2: a different (earlier-stamped) seal is reported where the record was signed, never "
          "shown there",
          "[sync][security][H2]") {
    Device a;
    test::TempDir folder;
    const auto lee = a.journal->add_profile({"Lee", Role::supervisor, "", ""}).id;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(lee);
    a.sync->join_profile(sam);
    auto session = a.journal->start_supervision(lee, sam);
    a.journal->save_supervision(lee, session.id, {"", "", "Signed text", {}, "Mine"});
    a.journal->sign_supervision(lee, session.id, {"", true});
    a.journal->sign_supervision(sam, session.id, {"", true});
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);

    // A seal backdated before the real one: the merge keeps the earliest on every device.
    const Hlc early{1, 0, forger};
    Record s{"supervision", session.id, "", lee, {}, {}, {}};
    s.fields["sealed"] = {std::string("6:FORGED") + "6:FORGED" + "1:x" + "1:y", early};
    s.presence.resolve(presence::alive, early);
    plant(folder.path(), {s});
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(has_note(r, "different signed version"));
    CHECK(a.journal->supervision(lee, session.id)->discussion == "Signed text");
}

TEST_CASE("each sync file says which Casebook wrote it, and holds nothing else of the device",
          "[sync][format]") {
    Device a, b;
    test::TempDir folder;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "nurse", "wales"}).id;
    a.journal->add_note(sam, draft("Ward round", "spoke to the lead"));
    a.sync->join_profile(sam);
    a.sync->init(folder.path(), passphrase);
    const auto sent = a.sync->run(folder.path(), passphrase);
    CHECK(sent.records_sent == 3); // the profile, the note and its version: the writer is apart

    const auto records = everything_sent(folder.path());
    std::vector<Record> writers;
    std::copy_if(records.begin(), records.end(), std::back_inserter(writers),
                 [](const Record& r) { return r.kind == device_record_kind; });
    REQUIRE(writers.size() == 1);
    CHECK(writers[0].id == a.sync->device_id());
    CHECK(writers[0].profile_id.empty());
    CHECK(writers[0].texts.empty());
    REQUIRE(writers[0].fields.size() == 1);
    CHECK(writers[0].field(device_version_field) == casebook::version);

    b.sync->join(folder.path(), passphrase);
    const auto got = b.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(got));
    CHECK(got.records_received == 3);
    const auto peers = b.sync->peers();
    REQUIRE(peers.size() == 1);
    CHECK(peers[0].device_id == a.sync->device_id());
    CHECK(peers[0].casebook_version == casebook::version);

    // A file from a Casebook that wrote no such record (before it did) is read as before; its
    // writer's version is simply not known.
    test::TempDir old_folder;
    Device c, d;
    const auto alex = c.journal->add_profile({"Alex", Role::trainee, "", ""}).id;
    c.sync->join_profile(alex);
    c.sync->init(old_folder.path(), passphrase);
    c.sync->run(old_folder.path(), passphrase);
    for (const auto& name : synctest::file_names(old_folder.path())) {
        auto what = SyncFileName::parse(name);
        if (!what) continue;
        std::vector<Record> kept;
        for (auto& r : everything_sent(old_folder.path()))
            if (r.kind != device_record_kind) kept.push_back(std::move(r));
        fs::remove(old_folder / name);
        plant(old_folder.path(), kept, what->sequence, what->device);
    }
    d.sync->join(old_folder.path(), passphrase);
    d.sync->run(old_folder.path(), passphrase);
    CHECK(d.journal->profile(alex));
    REQUIRE(d.sync->peers().size() == 1);
    CHECK(d.sync->peers()[0].casebook_version.empty());
}
