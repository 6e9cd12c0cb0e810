// Sync between real devices (a database each, with the Journal and the Store writing as the app
// does): the scenarios of issue 6.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "support/devices.hpp"
#include "support/sqlite_probe.hpp"

#include <fstream>
#include <set>
#include <thread>

using namespace casebook;
using test::scalar;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using synctest::Device;
using synctest::passphrase;

namespace {

NoteDraft draft(const std::string& title, const std::string& body,
                std::vector<std::string> tags = {}) {
    return {title, body, std::move(tags), "none", ""};
}

// A shared folder (a network share, a USB stick) and devices in its group.
struct Setup {
    test::TempDir folder;
    std::string profile;

    // A: the first device, with a profile "Sam" and the group.
    void start(Device& a) {
        profile = a.journal->add_profile({"Sam", Role::trainee, "nurse", "wales"}).id;
        a.sync->join_profile(profile); // Sam agrees to sync
        a.sync->init(folder.path(), passphrase);
        a.sync->run(folder.path(), passphrase);
    }
    void join(Device& d) {
        d.sync->join(folder.path(), passphrase);
        d.sync->run(folder.path(), passphrase);
    }
    SyncReport run(Device& d) { return d.sync->run(folder.path(), passphrase); }
};

std::string body_of(Device& d, const std::string& profile, const std::string& note) {
    auto n = d.journal->note(profile, note);
    return n ? n->body : std::string("<missing>");
}

// The device's newest segment.
std::string own_segment(const fs::path& folder, const std::string& device) {
    std::string out;
    for (const auto& name : synctest::file_names(folder))
        if (name.rfind(device, 0) == 0 && name.find(".segment") != std::string::npos) out = name;
    if (out.empty()) FAIL("no segment of " << device);
    return out;
}

} // namespace

TEST_CASE("a group is created, joined, and carries profiles and notes (a PIN's verifier, never "
          "the PIN)",
          "[sync]") {
    Setup s;
    Device a, b;
    s.start(a);
    a.journal->set_pin(s.profile, "4321", KdfCost::minimum);
    const auto note =
        a.journal->add_note(s.profile, draft("Ward round", "Spoke to the lead", {"safeguarding"}));
    a.journal->save_note(s.profile, note.id,
                         draft("Ward round", "Spoke to the lead nurse", {"safeguarding"}));
    const auto sent = s.run(a);
    CHECK(sent.records_sent >= 3);

    s.join(b);
    auto sam = b.journal->profile(s.profile);
    REQUIRE(sam);
    CHECK(sam->name == "Sam");
    CHECK(sam->profession == "nurse");
    // Locked by the same PIN: the Argon2id verifier travelled, the PIN never did.
    CHECK(sam->has_pin);
    CHECK(b.journal->check_pin(s.profile, "4321").accepted());
    CHECK(scalar(b.db_path(), "SELECT pin_hash FROM profile") ==
          scalar(a.db_path(), "SELECT pin_hash FROM profile"));
    auto got = b.journal->note(s.profile, note.id);
    REQUIRE(got);
    CHECK(got->title == "Ward round");
    CHECK(got->body == "Spoke to the lead nurse");
    CHECK(got->tags == std::vector<std::string>{"safeguarding"});
    const auto versions = b.journal->note_versions(s.profile, note.id);
    REQUIRE(versions.size() == 2);
    CHECK(versions[0].body == "Spoke to the lead");
    CHECK(versions[1].body == "Spoke to the lead nurse");
    // Found by search on the receiving device too.
    CHECK_FALSE(b.journal->search(s.profile, "lead nurse").empty());

    // Nothing changed: a run reads nothing and writes nothing.
    const auto quiet = s.run(b);
    CHECK(quiet.files_read == 0);
    CHECK(quiet.records_sent == 0);
    CHECK(quiet.written.empty());
}

TEST_CASE("a note edited on two devices while apart keeps both texts until one is chosen",
          "[sync][conflict]") {
    Setup s;
    Device a, b;
    s.start(a);
    const auto note = a.journal->add_note(s.profile, draft("Consent", "First thoughts"));
    s.run(a);
    s.join(b);

    a.journal->save_note(s.profile, note.id, draft("Consent", "Tablet's view"));
    b.journal->save_note(s.profile, note.id, draft("Consent", "Laptop's view"));
    s.run(a);
    const auto rb = s.run(b);
    s.run(a);
    CHECK(rb.conflicts == 1);
    for (Device* d : {&a, &b}) {
        const auto conflicts = d->sync->conflicts(s.profile);
        REQUIRE(conflicts.size() == 1);
        CHECK(conflicts[0].kind == "note");
        CHECK(conflicts[0].id == note.id);
        CHECK(conflicts[0].field == "body");
        REQUIRE(conflicts[0].values.size() == 2);
        std::set<std::string> texts{conflicts[0].values[0].text, conflicts[0].values[1].text};
        CHECK(texts == std::set<std::string>{"Tablet's view", "Laptop's view"});
        CHECK(conflicts[0].values[0].shown);
        // The same value is shown everywhere.
        CHECK(body_of(*d, s.profile, note.id) == conflicts[0].values[0].text);
    }
    // Another profile does not see it.
    CHECK(a.sync->conflicts("someone-else").empty());

    // Resolved on B with an edited merge; the resolution reaches A.
    b.sync->resolve("note", note.id, "body", "Both: tablet's and laptop's view");
    CHECK(b.sync->conflicts().empty());
    CHECK(body_of(b, s.profile, note.id) == "Both: tablet's and laptop's view");
    s.run(b);
    s.run(a);
    CHECK(a.sync->conflicts().empty());
    CHECK(body_of(a, s.profile, note.id) == "Both: tablet's and laptop's view");
}

TEST_CASE("an edit racing a delete brings the note back, a delete after seeing it wins", "[sync]") {
    Setup s;
    Device a, b;
    s.start(a);
    const auto note = a.journal->add_note(s.profile, draft("Race", "original"));
    s.run(a);
    s.join(b);

    a.journal->trash_note(s.profile, note.id);
    b.journal->save_note(s.profile, note.id, draft("Race", "edited on b, not knowing"));
    s.run(a);
    s.run(b);
    s.run(a);
    for (Device* d : {&a, &b}) {
        auto n = d->journal->note(s.profile, note.id);
        REQUIRE(n);
        CHECK_FALSE(n->in_trash());
        CHECK(n->body == "edited on b, not knowing");
    }
    // Now A has seen the edit: its delete (and purge) stand.
    a.journal->trash_note(s.profile, note.id);
    s.run(a);
    s.run(b);
    CHECK(b.journal->note(s.profile, note.id)->in_trash());
    a.journal->purge_note(s.profile, note.id);
    s.run(a);
    s.run(b);
    CHECK_FALSE(b.journal->note(s.profile, note.id));
    CHECK(b.journal->trash(s.profile).empty());
    CHECK(scalar(b.db_path(),
                 "SELECT COUNT(*) FROM note_version WHERE note_id = '" + note.id + "'") == "0");
}

TEST_CASE("clocks hours apart: the later edit wins, not the faster clock", "[sync][clock]") {
    Setup s;
    Device fast(5h), slow(-3h);
    s.start(fast);
    const auto note = fast.journal->add_note(s.profile, draft("Skew", "body", {"first"}));
    s.run(fast);
    s.join(slow);
    // The slow device edits the tags after seeing the fast one's: its edit is the later one.
    slow.journal->save_note(s.profile, note.id, draft("Skew", "body", {"second"}));
    s.run(slow);
    s.run(fast);
    CHECK(fast.journal->note(s.profile, note.id)->tags == std::vector<std::string>{"second"});
    // And back again.
    fast.journal->save_note(s.profile, note.id, draft("Skew", "body", {"third"}));
    s.run(fast);
    s.run(slow);
    CHECK(slow.journal->note(s.profile, note.id)->tags == std::vector<std::string>{"third"});
    slow.journal->save_note(s.profile, note.id, draft("Skew", "body", {"fourth"}));
    s.run(slow);
    s.run(fast);
    CHECK(fast.journal->note(s.profile, note.id)->tags == std::vector<std::string>{"fourth"});
    CHECK(slow.sync->conflicts().empty());
}

TEST_CASE("damaged, oversized and foreign files are reported by name and reason, the rest "
          "applied",
          "[sync][hostile]") {
    Setup s;
    Device a, b, c;
    s.start(a);
    s.join(b);
    // One note per segment, then each segment but the first damaged a different way.
    std::vector<std::string> segs;
    for (int i = 1; i <= 5; ++i) {
        a.journal->add_note(s.profile, draft("Note " + std::to_string(i), "text"));
        s.run(a);
        segs.push_back(own_segment(s.folder.path(), a.sync->device_id()));
    }
    const std::string bytes = test::slurp(s.folder / segs[0]);
    auto damage = [&](const std::string& name, std::string content) {
        test::spit(s.folder / name, content);
    };
    const std::string b1 = test::slurp(s.folder / segs[1]);
    damage(segs[1], b1.substr(0, b1.size() - 10)); // truncated
    std::string b2 = test::slurp(s.folder / segs[2]);
    b2[b2.size() / 2] = static_cast<char>(b2[b2.size() / 2] ^ 0x20); // one bit flipped
    damage(segs[2], b2);
    std::string b3 = test::slurp(s.folder / segs[3]);
    for (std::size_t i = 52; i < 60; ++i)
        b3[i] = '\x7f'; // a huge length prefix
    damage(segs[3], b3);
    fs::resize_file(s.folder / segs[4], 600ull << 20); // oversized (sparse: costs no disk)
    const std::string renamed = std::string(32, '5') + ".0000000001.segment";
    test::spit(s.folder / renamed, bytes);
    // Another group's segment.
    {
        test::TempDir other;
        Device x;
        x.sync->join_profile(x.journal->add_profile({"Other", Role::other, "", ""}).id);
        x.sync->init(other.path(), "another passphrase");
        x.sync->run(other.path(), "another passphrase");
        const auto theirs = own_segment(other.path(), x.sync->device_id());
        fs::copy_file(other / theirs, s.folder / theirs);
    }

    const auto r = s.run(b);
    INFO(synctest::describe(r));
    CHECK(r.damage());
    CHECK(r.files_read == 1);
    CHECK(synctest::skipped(r, segs[1], SkipReason::damaged));
    CHECK(synctest::skipped(r, segs[2], SkipReason::damaged));
    CHECK(synctest::skipped(r, segs[3], SkipReason::too_large));
    CHECK(synctest::skipped(r, segs[4], SkipReason::too_large));
    CHECK(synctest::skipped(r, renamed, SkipReason::damaged));
    const auto other_group =
        std::count_if(r.skipped.begin(), r.skipped.end(),
                      [](const SyncProblem& p) { return p.kind == SkipReason::other_group; });
    CHECK(other_group == 1);
    for (const auto& p : r.skipped)
        CHECK_FALSE(p.reason.empty());
    // Only the intact file's note; nothing from the damaged ones, nothing from the other group.
    const auto notes = b.journal->notes(s.profile);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].title == "Note 1");
    CHECK(b.journal->profiles().size() == 1);
    // Skipped files are not marked as read: they are tried (and reported) again.
    CHECK(s.run(b).damage());

    // A fresh device gets exactly the same.
    s.join(c);
    CHECK(c.journal->notes(s.profile).size() == 1);
}

TEST_CASE("a file from a newer format version is set aside, then read by a newer Casebook",
          "[sync][hostile]") {
    Setup s;
    Device a, b;
    s.start(a);
    s.join(b);
    a.journal->add_note(s.profile, draft("Newer", "from the future"));
    s.run(a);
    const std::string seg = own_segment(s.folder.path(), a.sync->device_id());
    std::string bytes = test::slurp(s.folder / seg);
    const std::string original = bytes;
    bytes[8] = 2; // format version 2
    test::spit(s.folder / seg, bytes);
    const auto r = s.run(b);
    CHECK(synctest::skipped(r, seg, SkipReason::newer_format));
    CHECK_FALSE(r.damage());
    CHECK(b.journal->notes(s.profile).empty());
    // Once readable (here: the same content at version 1) it is applied: it was never marked read.
    test::spit(s.folder / seg, original);
    s.run(b);
    CHECK(b.journal->notes(s.profile).size() == 1);
}

TEST_CASE("a wrong passphrase, a damaged group file and a foreign folder are told apart",
          "[sync][hostile]") {
    Setup s;
    Device a, b;
    s.start(a);
    try {
        b.sync->join(s.folder.path(), "not the passphrase");
        FAIL("joined with a wrong passphrase");
    } catch (const SyncError& e) {
        CHECK(e.problem.kind == SkipReason::wrong_passphrase);
    }
    CHECK_FALSE(b.sync->group_id());
    const auto group_file = s.folder / group_file_name;
    const std::string bytes = test::slurp(group_file);
    std::string bad = bytes;
    bad[20] = static_cast<char>(bad[20] ^ 1);
    test::spit(group_file, bad);
    try {
        b.sync->join(s.folder.path(), passphrase);
        FAIL("joined a damaged group");
    } catch (const SyncError& e) {
        CHECK(e.problem.kind == SkipReason::damaged);
    }
    test::spit(group_file, bytes);
    s.join(b);

    CHECK_THROWS_AS(a.sync->run(s.folder.path(), "not the passphrase"), SyncError);
    // A folder replaced by another group's: nothing happens.
    test::TempDir other;
    Device x;
    x.sync->init(other.path(), "another passphrase");
    try {
        a.sync->run(other.path(), passphrase);
        FAIL("synced with another group's folder");
    } catch (const SyncError& e) {
        CHECK(e.problem.kind == SkipReason::other_group);
    }
    CHECK(synctest::file_names(other.path()).size() == 1);
    // A folder that is not there (a USB stick not plugged in).
    CHECK_THROWS_AS(a.sync->run(s.folder / "missing", passphrase), SyncError);
    CHECK(a.journal->profiles().size() == 1);
}

TEST_CASE("an emptied folder deletes nothing and is filled again", "[sync]") {
    Setup s;
    Device a, b, c;
    s.start(a);
    s.join(b);
    const auto note = a.journal->add_note(s.profile, draft("Keep", "must survive"));
    s.run(a);
    s.run(b);
    for (const auto& e : fs::directory_iterator(s.folder.path()))
        fs::remove_all(e.path());

    const auto ra = s.run(a);
    INFO(synctest::describe(ra));
    s.run(b);
    CHECK(body_of(a, s.profile, note.id) == "must survive");
    CHECK(body_of(b, s.profile, note.id) == "must survive");
    CHECK(fs::exists(s.folder / group_file_name));
    s.join(c);
    CHECK(body_of(c, s.profile, note.id) == "must survive");
}

TEST_CASE("temporary and conflict-copy files in the folder are never applied", "[sync]") {
    Setup s;
    Device a, b;
    s.start(a);
    s.join(b);
    a.journal->add_note(s.profile, draft("One", "one"));
    s.run(a);
    const std::string seg = own_segment(s.folder.path(), a.sync->device_id());
    const std::string copy =
        seg.substr(0, seg.size() - 8) + ".sync-conflict-20250101-000000-AAAAAAA.segment";
    fs::copy_file(s.folder / seg, s.folder / copy);
    fs::copy_file(s.folder / seg, s.folder / ("~syncthing~" + seg + ".tmp"));
    fs::copy_file(s.folder / seg, s.folder / "casebook (Sam's conflicted copy).group");
    const auto r = s.run(b);
    CHECK(r.files_read == 1);
    CHECK(synctest::skipped(r, copy, SkipReason::debris));
    CHECK(synctest::skipped(r, "~syncthing~" + seg + ".tmp", SkipReason::debris));
    CHECK(synctest::skipped(r, "casebook (Sam's conflicted copy).group", SkipReason::debris));
    CHECK_FALSE(r.damage());
    CHECK(b.journal->notes(s.profile).size() == 1);
}

TEST_CASE("a copied database takes a new device id and both copies keep syncing", "[sync][clone]") {
    Setup s;
    Device a, c;
    s.start(a);
    const auto first = a.journal->add_note(s.profile, draft("Before", "before the copy"));
    s.run(a);
    const std::string original_id = a.sync->device_id();
    a.close();
    c.close();
    for (const char* tail : {"", "-wal", "-shm"})
        fs::remove(c.dir / (std::string(Store::file_name) + tail));
    fs::copy_file(a.db_path(), c.db_path());
    a.open();
    c.open();
    CHECK(a.sync->device_id() == original_id);
    CHECK(a.sync->notices().empty());
    CHECK(c.sync->device_id() != original_id);
    REQUIRE(c.sync->notices().size() == 1);
    CHECK(c.sync->notices()[0].find(original_id) != std::string::npos);

    const auto from_a = a.journal->add_note(s.profile, draft("A", "after, on the original"));
    const auto from_c = c.journal->add_note(s.profile, draft("C", "after, on the copy"));
    s.run(c);
    s.run(a);
    s.run(c);
    for (Device* d : {&a, &c}) {
        CHECK(body_of(*d, s.profile, first.id) == "before the copy");
        CHECK(body_of(*d, s.profile, from_a.id) == "after, on the original");
        CHECK(body_of(*d, s.profile, from_c.id) == "after, on the copy");
    }
}

TEST_CASE("a backup restored over the database is noticed through the folder too",
          "[sync][clone]") {
    Setup s;
    Device a, b;
    s.start(a);
    s.join(b);
    a.close();
    const auto backup = a.dir / "backup.sqlite3";
    fs::copy_file(a.db_path(), backup);
    a.open();
    const auto lost = a.journal->add_note(s.profile, draft("Later", "written after the backup"));
    s.run(a);
    a.close();
    // Restored in place (same file, same inode): only the folder can tell.
    {
        std::ifstream in(backup, std::ios::binary);
        std::ofstream out(a.db_path(), std::ios::binary | std::ios::trunc);
        out << in.rdbuf();
    }
    fs::remove(a.dir / (std::string(Store::file_name) + "-wal"));
    fs::remove(a.dir / (std::string(Store::file_name) + "-shm"));
    a.open();
    const auto before = a.sync->device_id();
    const auto r = s.run(a);
    INFO(synctest::describe(r));
    CHECK(a.sync->device_id() != before);
    // The note written after the backup comes back from the folder.
    CHECK(body_of(a, s.profile, lost.id) == "written after the backup");
    a.journal->add_note(s.profile, draft("Next", "after the restore"));
    s.run(a);
    s.run(b);
    CHECK(b.journal->notes(s.profile).size() == 2);
}

TEST_CASE("segments arriving out of order and with gaps, over separate folders", "[sync]") {
    Device a, b;
    test::TempDir fa, fb;
    const auto profile = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(profile);
    a.sync->init(fa.path(), passphrase);
    a.sync->run(fa.path(), passphrase);
    const auto note = a.journal->add_note(profile, draft("Steps", "one"));
    a.sync->run(fa.path(), passphrase);
    a.journal->save_note(profile, note.id, draft("Steps", "two"));
    a.sync->run(fa.path(), passphrase);
    a.journal->save_note(profile, note.id, draft("Steps", "three"));
    a.sync->run(fa.path(), passphrase);
    const auto names = synctest::file_names(fa.path());
    // The group file first, then segment 3 (without 1: the profile is not there yet), then 2.
    fs::copy_file(fa / group_file_name, fb / group_file_name);
    b.sync->join(fb.path(), passphrase);
    const auto dev = a.sync->device_id();
    fs::copy_file(fa / (dev + ".0000000004.segment"), fb / (dev + ".0000000004.segment"));
    auto r = b.sync->run(fb.path(), passphrase);
    CHECK(r.files_read == 1);
    CHECK(b.journal->profiles().empty()); // the note waits for its profile
    fs::copy_file(fa / (dev + ".0000000002.segment"), fb / (dev + ".0000000002.segment"));
    b.sync->run(fb.path(), passphrase);
    fs::copy_file(fa / (dev + ".0000000001.segment"), fb / (dev + ".0000000001.segment"));
    b.sync->run(fb.path(), passphrase);
    REQUIRE(b.journal->note(profile, note.id));
    CHECK(body_of(b, profile, note.id) == "three");
    CHECK(b.journal->note_versions(profile, note.id).size() == 2); // "two" is in the missing 3
    CHECK(b.sync->peers().at(0).applied_upto == 2);
    fs::copy_file(fa / (dev + ".0000000003.segment"), fb / (dev + ".0000000003.segment"));
    b.sync->run(fb.path(), passphrase);
    CHECK(b.journal->note_versions(profile, note.id).size() == 3);
    CHECK(b.sync->peers().at(0).applied_upto == 4);
    CHECK(body_of(b, profile, note.id) == "three");
}

TEST_CASE("supervision sessions, decision records, attempts and reflections travel too",
          "[sync][tables]") {
    Setup s;
    Device a, b;
    s.start(a);
    const auto lead = a.journal->add_profile({"Lee", Role::supervisor, "doctor", "england"}).id;
    a.sync->join_profile(lead);
    auto session = a.journal->start_supervision(lead, s.profile, "some-case");
    a.journal->save_supervision(s.profile, session.id,
                                {"some-case",
                                 "",
                                 "We talked it through",
                                 {{"Read the policy", "2026-04-01"}},
                                 "I learned"});
    a.journal->sign_supervision(lead, session.id, {"", true});
    a.journal->sign_supervision(s.profile, session.id, {"", true});
    a.journal->add_supervision_addendum(lead, session.id, "A week later: all done");

    auto rec = DecisionRecords(*a.store).create_record(s.profile, "practice", "some-case", "wales");
    DecisionRecords(*a.store).save_draft(s.profile, rec.id, "wales", R"({"answers":{}})",
                                         "share-now");
    DecisionRecords(*a.store).finalise_record(s.profile, rec.id);
    DecisionRecords(*a.store).add_addendum(s.profile, rec.id, "Told the GP");
    auto draft_rec = DecisionRecords(*a.store).create_record(s.profile, "real", "", "england");
    auto attempt = Progress(*a.store).start_attempt(s.profile, "some-case");
    Progress(*a.store).record_choice(s.profile, attempt.id, "d1", "B");
    Progress(*a.store).finish_attempt(s.profile, attempt.id);
    Progress(*a.store).save_reflection(s.profile, "some-case", "What I would do next time");
    s.run(a);

    s.join(b);
    auto got = b.journal->supervision(s.profile, session.id);
    REQUIRE(got);
    CHECK(got->discussion == "We talked it through");
    CHECK(got->signed_off());
    REQUIRE(got->actions.size() == 1);
    CHECK(got->actions[0].due_on == "2026-04-01");
    REQUIRE(got->addenda.size() == 1);
    CHECK(got->addenda[0].text == "A week later: all done");
    CHECK_FALSE(b.journal->search(lead, "talked").empty());

    auto records = DecisionRecords(*b.store).records(s.profile);
    REQUIRE(records.size() == 2);
    auto final_rec = DecisionRecords(*b.store).record(s.profile, rec.id);
    REQUIRE(final_rec);
    CHECK(final_rec->final());
    CHECK(final_rec->outcome == "share-now");
    REQUIRE(final_rec->addenda.size() == 1);
    CHECK(Progress(*b.store).status(s.profile, "some-case") == CaseStatus::done);
    CHECK(Progress(*b.store).latest_attempt(s.profile, "some-case")->choices.at(0).option_key ==
          "B");
    CHECK(Progress(*b.store).reflection(s.profile, "some-case") == "What I would do next time");

    // A draft deleted on one device goes everywhere; a reflection edited on both conflicts.
    DecisionRecords(*a.store).delete_draft(s.profile, draft_rec.id);
    Progress(*a.store).save_reflection(s.profile, "some-case", "A's second thoughts");
    Progress(*b.store).save_reflection(s.profile, "some-case", "B's second thoughts");
    s.run(a);
    s.run(b);
    s.run(a);
    CHECK_FALSE(DecisionRecords(*b.store).record(s.profile, draft_rec.id));
    for (Device* d : {&a, &b}) {
        const auto conflicts = d->sync->conflicts(s.profile);
        REQUIRE(conflicts.size() == 1);
        CHECK(conflicts[0].kind == "reflection");
        CHECK(conflicts[0].values.size() == 2);
    }
}

TEST_CASE("a session signed on one device keeps what was signed against a concurrent edit",
          "[sync][tables]") {
    Setup s;
    Device a, b;
    s.start(a);
    const auto lead = a.journal->add_profile({"Lee", Role::supervisor, "doctor", "england"}).id;
    a.sync->join_profile(lead);
    auto session = a.journal->start_supervision(lead, s.profile);
    a.journal->save_supervision(s.profile, session.id, {"", "", "Draft", {}, ""});
    s.run(a);
    s.join(b);
    // A: both sign what it says. B, apart: edits the discussion later in time.
    a.journal->save_supervision(s.profile, session.id, {"", "", "What we agreed", {}, ""});
    a.journal->sign_supervision(lead, session.id, {"", true});
    a.journal->sign_supervision(s.profile, session.id, {"", true});
    std::this_thread::sleep_for(5ms);
    b.journal->save_supervision(s.profile, session.id, {"", "", "B's later wording", {}, ""});
    s.run(a);
    s.run(b);
    s.run(a);
    for (Device* d : {&a, &b}) {
        auto got = d->journal->supervision(s.profile, session.id);
        REQUIRE(got);
        CHECK(got->discussion == "What we agreed");
        CHECK(got->signed_off());
        // B's words are not lost: a conflict on the session.
        const auto conflicts = d->sync->conflicts(lead);
        REQUIRE(conflicts.size() == 1);
        CHECK(conflicts[0].field == "discussion");
        for (const auto& v : conflicts[0].values)
            CHECK(v.shown == (v.text == "What we agreed"));
        CHECK(d->sync->conflicts(s.profile).size() == 1); // the trainee sees it too
    }
}

TEST_CASE("an existing database's records go with its first sync", "[sync]") {
    Device a, b;
    test::TempDir folder;
    // Written before the device ever synced (as after an upgrade to this schema).
    const auto p = a.journal->add_profile({"Early", Role::other, "", ""}).id;
    a.journal->add_note(p, draft("Old", "written long ago"));
    a.sync->join_profile(p);
    a.sync->init(folder.path(), passphrase);
    const auto r = a.sync->run(folder.path(), passphrase);
    CHECK(r.records_sent == 3); // profile, note, its first version
    b.sync->join(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);
    CHECK(b.journal->notes(p).size() == 1);
}
