// The journal: profiles and their PIN lock, notes with versions and a trash, supervision sessions
// signed off by both and read-only after, migrations, and one profile never seeing another's
// records. Search and export are in test_journal_search.cpp.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "journal_support.hpp"
#include "support/sqlite_probe.hpp"

#include <algorithm>
#include <sqlite3.h>

using namespace casebook;
using namespace journal_test;
using namespace std::chrono_literals;
using test::raw_sql;
using test::scalar;

TEST_CASE("profiles: added, listed by name, found by id or name, names unique", "[journal]") {
    Ward w;
    auto all = w.journal.profiles();
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "Dr Asha Patel");
    CHECK(all[1].name == "Kit Morgan");
    CHECK(all[2].name == "Sam Okafor");
    CHECK(all[0].role == Role::supervisor);
    CHECK(all[0].profession == "doctor");
    CHECK_FALSE(all[0].has_pin);
    CHECK(all[0].id.size() == 32);
    CHECK(w.journal.find_profile("sam okafor")->id == w.trainee.id);
    CHECK(w.journal.find_profile(w.trainee.id)->name == "Sam Okafor");
    CHECK_FALSE(w.journal.find_profile("nobody"));
    CHECK_THROWS_WITH(w.journal.add_profile({"SAM OKAFOR", Role::other, "", ""}),
                      Catch::Contains("already exists"));
    CHECK_THROWS_WITH(w.journal.add_profile({"  ", Role::other, "", ""}),
                      Catch::Contains("needs a name"));
    w.journal.update_profile(w.trainee.id, {"Sam Okafor", Role::other, "health-visitor", "wales"});
    CHECK(w.journal.profile(w.trainee.id)->profession == "health-visitor");
    CHECK(role_from_string("supervisor") == Role::supervisor);
    CHECK_FALSE(role_from_string("boss"));
    // Each profile carries a sync stamp.
    CHECK(scalar(w.path, "SELECT COUNT(*) FROM profile WHERE hlc <> '' AND deleted = 0") == "3");
}

TEST_CASE("a PIN is kept only as an Argon2id hash and checked", "[journal][pin]") {
    Ward w;
    CHECK(w.journal.check_pin(w.trainee.id, "anything").accepted()); // no PIN: always open
    CHECK_THROWS_WITH(w.journal.set_pin(w.trainee.id, "123", KdfCost::minimum),
                      Catch::Contains("4 to 64 characters"));
    w.journal.set_pin(w.trainee.id, "4071", KdfCost::minimum);
    CHECK(w.journal.profile(w.trainee.id)->has_pin);
    const auto hash =
        scalar(w.path, "SELECT pin_hash FROM profile WHERE id = '" + w.trainee.id + "'");
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("4071") == std::string::npos);
    CHECK(w.journal.check_pin(w.trainee.id, "4071").accepted());
    const auto wrong = w.journal.check_pin(w.trainee.id, "4072");
    CHECK(wrong.outcome == PinCheck::Outcome::wrong);
    CHECK(wrong.message("Sam") == "wrong PIN for Sam");
    w.journal.remove_pin(w.trainee.id);
    CHECK_FALSE(w.journal.profile(w.trainee.id)->has_pin);
    CHECK(w.journal.check_pin(w.trainee.id, "nothing").accepted());
}

TEST_CASE("the default PIN cost is Argon2id's interactive limits", "[journal][pin]") {
    Ward w;
    w.journal.set_pin(w.other.id, "880011");
    const auto hash =
        scalar(w.path, "SELECT pin_hash FROM profile WHERE id = '" + w.other.id + "'");
    CHECK(hash.find("$argon2id$v=19$m=65536,t=2,") == 0);
    CHECK(w.journal.check_pin(w.other.id, "880011").accepted());
}

TEST_CASE("repeated wrong PINs make each further try wait longer", "[journal][pin]") {
    Ward w;
    w.journal.set_pin(w.trainee.id, "2468", KdfCost::minimum);
    CHECK(Journal::pin_backoff(2) == 0s);
    CHECK(Journal::pin_backoff(3) == 30s);
    CHECK(Journal::pin_backoff(4) == 60s);
    CHECK(Journal::pin_backoff(5) == 120s);
    CHECK(Journal::pin_backoff(20) == 15min);

    CHECK(w.journal.check_pin(w.trainee.id, "0000").wait == 0s); // two slips are free
    CHECK(w.journal.check_pin(w.trainee.id, "0001").wait == 0s);
    const auto third = w.journal.check_pin(w.trainee.id, "0002");
    CHECK(third.outcome == PinCheck::Outcome::wrong);
    CHECK(third.wait == 30s);
    CHECK(w.journal.pin_wait(w.trainee.id) == 30s);

    // During the wait even the right PIN is refused unchecked.
    w.time.now += 10s;
    const auto early = w.journal.check_pin(w.trainee.id, "2468");
    CHECK(early.outcome == PinCheck::Outcome::wait);
    CHECK(early.wait == 20s);
    CHECK(early.message("Sam") == "too many wrong PINs for Sam: try again in 20 s");

    // After the wait, another wrong PIN doubles it, and the count survives reopening.
    w.time.now += 20s;
    CHECK(w.journal.check_pin(w.trainee.id, "0003").wait == 60s);
    {
        Store again(w.path);
        Journal reopened(again, w.time.clock());
        CHECK(reopened.pin_wait(w.trainee.id) == 60s);
        w.time.now += 59s;
        CHECK(reopened.check_pin(w.trainee.id, "2468").outcome == PinCheck::Outcome::wait);
        w.time.now += 1s;
        CHECK(reopened.check_pin(w.trainee.id, "2468").accepted());
    }
    // A right PIN clears the count: two slips are free again.
    CHECK(w.journal.check_pin(w.trainee.id, "1111").wait == 0s);
    CHECK(w.journal.check_pin(w.trainee.id, "1112").wait == 0s);
    // One profile's wrong PINs do not slow another's.
    CHECK(w.journal.pin_wait(w.supervisor.id) == 0s);
}

TEST_CASE("notes keep every saved version, and restoring one saves it as the newest", "[journal]") {
    Ward w;
    const auto& me = w.trainee.id;
    Note n = w.journal.add_note(
        me, draft("Consent", "First thoughts", {"consent", " ward ", "Consent"}));
    CHECK(n.version == 1);
    CHECK(n.tags == std::vector<std::string>{"consent", "ward"});
    CHECK(n.created_at == "2026-03-01T09:00:00.000Z");

    w.time.now += 1min;
    n = w.journal.save_note(me, n.id, draft("Consent", "Second thoughts", {"consent", "ward"}));
    CHECK(n.version == 2);
    CHECK(n.edited_at == "2026-03-01T09:01:00.000Z");
    CHECK(n.created_at == "2026-03-01T09:00:00.000Z");
    // Saving the same text again adds nothing.
    CHECK(w.journal.save_note(me, n.id, draft("Consent", "Second thoughts", {"consent", "ward"}))
              .version == 2);
    w.time.now += 1min;
    n = w.journal.save_note(me, n.id, draft("Consent and capacity", "Third", {"capacity"}));
    CHECK(n.version == 3);

    auto versions = w.journal.note_versions(me, n.id);
    REQUIRE(versions.size() == 3);
    CHECK(versions[0].body == "First thoughts");
    CHECK(versions[1].body == "Second thoughts");
    CHECK(versions[2].title == "Consent and capacity");
    CHECK(versions[2].tags == std::vector<std::string>{"capacity"});

    n = w.journal.restore_version(me, n.id, 1);
    CHECK(n.version == 4);
    CHECK(n.body == "First thoughts");
    CHECK(n.title == "Consent");
    CHECK(n.tags == std::vector<std::string>{"consent", "ward"});
    CHECK(w.journal.note_versions(me, n.id).size() == 4); // nothing was lost
    CHECK_THROWS_WITH(w.journal.restore_version(me, n.id, 9), Catch::Contains("has no version 9"));
}

TEST_CASE("autosave may amend the newest version instead of adding one", "[journal]") {
    Ward w;
    const auto& me = w.trainee.id;
    Note n = w.journal.add_note(me, draft("Ward round", "T"));
    n = w.journal.save_note(me, n.id, draft("Ward round", "Th"), NoteSave::new_version);
    for (const char* typed : {"The", "The c", "The child"})
        n = w.journal.save_note(me, n.id, draft("Ward round", typed), NoteSave::amend_current);
    CHECK(n.body == "The child");
    auto versions = w.journal.note_versions(me, n.id);
    REQUIRE(versions.size() == 2);
    CHECK(versions[0].body == "T");
    CHECK(versions[1].body == "The child");
    // And it is in the database, not in memory: a new connection reads it.
    CHECK(scalar(w.path, "SELECT body FROM note WHERE id = '" + n.id + "'") == "The child");
}

TEST_CASE("notes attach to a case, a decision or a decision record", "[journal]") {
    Ward w;
    const auto& me = w.trainee.id;
    auto on_case = w.journal.add_note(me, {"On the case", "x", {}, "case", "good-case"});
    auto on_decision =
        w.journal.add_note(me, {"On a decision", "y", {}, "decision", "good-case/first"});
    w.journal.add_note(me, draft("Free", "z", {"revision"}));
    CHECK(on_decision.attached_id == "good-case/first");
    CHECK_THROWS_WITH(w.journal.add_note(me, {"t", "b", {}, "decision", "no-slash"}),
                      Catch::Contains("case-id/decision-id"));
    CHECK_THROWS_WITH(w.journal.add_note(me, {"t", "b", {}, "patient", "x"}),
                      Catch::Contains("not 'patient'"));
    CHECK_THROWS_WITH(w.journal.add_note(me, {"t", "b", {}, "case", ""}),
                      Catch::Contains("needs its id"));
    auto attached = w.journal.notes(me, {"", "case", "good-case"});
    REQUIRE(attached.size() == 1);
    CHECK(attached[0].id == on_case.id);
    CHECK(w.journal.notes(me, {"REVISION", "", ""}).size() == 1);
    CHECK(w.journal.notes(me).size() == 3);
}

TEST_CASE("deleted notes go to the trash and come back, and purging leaves a tombstone",
          "[journal]") {
    Ward w;
    const auto& me = w.trainee.id;
    auto keep = w.journal.add_note(me, draft("Keep", "kept"));
    auto bin = w.journal.add_note(me, draft("Bin", "binned words"));
    w.journal.trash_note(me, bin.id);
    CHECK(w.journal.notes(me).size() == 1);
    auto trash = w.journal.trash(me);
    REQUIRE(trash.size() == 1);
    CHECK(trash[0].id == bin.id);
    CHECK(trash[0].in_trash());
    CHECK(w.journal.search(me, "binned").empty()); // the trash is not searched
    CHECK_THROWS_WITH(w.journal.save_note(me, bin.id, draft("Bin", "edit")),
                      Catch::Contains("restore it before editing"));

    auto back = w.journal.restore_note(me, bin.id);
    CHECK_FALSE(back.in_trash());
    CHECK(back.body == "binned words");
    CHECK(w.journal.notes(me).size() == 2);
    CHECK(w.journal.search(me, "binned").size() == 1);

    CHECK_THROWS_WITH(w.journal.purge_note(me, keep.id), Catch::Contains("not in the trash"));
    w.journal.trash_note(me, bin.id);
    w.journal.purge_note(me, bin.id);
    CHECK(w.journal.trash(me).empty());
    CHECK_FALSE(w.journal.note(me, bin.id));
    CHECK(scalar(w.path, "SELECT deleted || '|' || body FROM note WHERE id = '" + bin.id + "'") ==
          "1|");
    CHECK(scalar(w.path, "SELECT COUNT(*) FROM note_version WHERE note_id = '" + bin.id + "'") ==
          "0");
    CHECK(w.journal.search(me, "binned").empty());
}

TEST_CASE("supervision: both sign off, then the record is read-only and takes addenda",
          "[journal][supervision]") {
    Ward w;
    w.journal.set_pin(w.supervisor.id, "9753", KdfCost::minimum);
    auto s = w.journal.start_supervision(w.supervisor.id, w.trainee.id, "good-case");
    CHECK(s.case_id == "good-case");
    CHECK_THROWS_WITH(w.journal.start_supervision(w.trainee.id, w.trainee.id),
                      Catch::Contains("two different profiles"));
    s = w.journal.save_supervision(
        w.trainee.id, s.id,
        {"good-case",
         "",
         "We talked through the bruising case and who to call first.",
         {{"Read the local safeguarding procedure", "2026-03-15"}, {"Shadow the named nurse", ""}},
         "I would ring the safeguarding lead sooner next time."});
    REQUIRE(s.actions.size() == 2);
    CHECK(s.actions[0].due_on == "2026-03-15");
    CHECK_THROWS_WITH(
        w.journal.save_supervision(w.trainee.id, s.id, {"", "", "", {{"Do it", "15/03/2026"}}, ""}),
        Catch::Contains("YYYY-MM-DD"));
    CHECK_THROWS_WITH(w.journal.add_supervision_addendum(w.trainee.id, s.id, "too early"),
                      Catch::Contains("not signed off by both yet"));

    // The supervisor signs with a PIN; a wrong one is refused with the reason.
    try {
        w.journal.sign_supervision(w.supervisor.id, s.id, {"0000", false});
        FAIL("a wrong PIN signed");
    } catch (const PinError& e) {
        CHECK(e.check.outcome == PinCheck::Outcome::wrong);
        CHECK(std::string(e.what()).find("wrong PIN for Dr Asha Patel") != std::string::npos);
    }
    s = w.journal.sign_supervision(w.supervisor.id, s.id, {"9753", false});
    CHECK_FALSE(s.signed_by_supervisor_at.empty());
    CHECK_FALSE(s.signed_off());
    // The trainee has no PIN: an explicit confirmation is needed.
    CHECK_THROWS_WITH(w.journal.sign_supervision(w.trainee.id, s.id, {}),
                      Catch::Contains("explicit confirmation"));
    w.time.now += 5min;
    s = w.journal.sign_supervision(w.trainee.id, s.id, {"", true});
    CHECK(s.signed_off());
    CHECK(s.signed_by_trainee_at == "2026-03-01T09:05:00.000Z");

    // Read-only: the Journal refuses, and so does the database itself.
    CHECK_THROWS_WITH(w.journal.save_supervision(w.trainee.id, s.id, {"", "", "rewritten", {}, ""}),
                      Catch::Contains("signed off by both"));
    CHECK_THROWS_WITH(w.journal.delete_supervision(w.supervisor.id, s.id),
                      Catch::Contains("is kept"));
    CHECK(raw_sql(w.path, "UPDATE supervision SET discussion = 'x' WHERE id = '" + s.id + "'")
              .find("cannot be changed") != std::string::npos);
    CHECK(raw_sql(w.path, "DELETE FROM supervision WHERE id = '" + s.id + "'")
              .find("cannot be deleted") != std::string::npos);
    CHECK(raw_sql(w.path,
                  "UPDATE supervision_action SET text = 'x' WHERE supervision_id = '" + s.id + "'")
              .find("cannot be changed") != std::string::npos);
    CHECK(raw_sql(w.path, "DELETE FROM supervision_action WHERE supervision_id = '" + s.id + "'")
              .find("cannot be changed") != std::string::npos);
    CHECK(raw_sql(w.path, "INSERT INTO supervision_action VALUES ('a', '" + s.id +
                              "', 9, 'sneaked in', NULL, 'h', 0)")
              .find("cannot be changed") != std::string::npos);

    w.time.now += 1h;
    auto addendum = w.journal.add_supervision_addendum(w.trainee.id, s.id,
                                                       "Read the procedure; booked shadowing.");
    CHECK(addendum.created_at == "2026-03-01T10:05:00.000Z");
    CHECK(addendum.author_profile_id == w.trainee.id);
    auto after = w.journal.supervision(w.supervisor.id, s.id);
    REQUIRE(after);
    REQUIRE(after->addenda.size() == 1);
    CHECK(after->addenda[0].text == "Read the procedure; booked shadowing.");
    CHECK(after->discussion == "We talked through the bruising case and who to call first.");
    CHECK(raw_sql(w.path, "UPDATE supervision_addendum SET text = 'x'").find("cannot be changed") !=
          std::string::npos);
    CHECK(raw_sql(w.path, "DELETE FROM supervision_addendum").find("cannot be deleted") !=
          std::string::npos);
}

TEST_CASE("supervision: a change after one signature clears it", "[journal][supervision]") {
    Ward w;
    auto s = w.journal.start_supervision(w.supervisor.id, w.trainee.id);
    s = w.journal.save_supervision(w.supervisor.id, s.id, {"", "", "First draft", {}, ""});
    s = w.journal.sign_supervision(w.supervisor.id, s.id, {"", true});
    CHECK_FALSE(s.signed_by_supervisor_at.empty());
    // Saving what is already there changes nothing and keeps the signature.
    s = w.journal.save_supervision(w.trainee.id, s.id, {"", "", "First draft", {}, ""});
    CHECK_FALSE(s.signed_by_supervisor_at.empty());
    s = w.journal.save_supervision(w.trainee.id, s.id,
                                   {"", "", "First draft", {}, "My reflection"});
    CHECK(s.signed_by_supervisor_at.empty());
    CHECK(s.trainee_reflection == "My reflection");
    // Actions keep their rows: one edited, one removed.
    s = w.journal.save_supervision(w.trainee.id, s.id,
                                   {"", "", "First draft", {{"A", ""}, {"B", "2026-04-01"}}, ""});
    s = w.journal.save_supervision(w.trainee.id, s.id, {"", "", "First draft", {{"A2", ""}}, ""});
    REQUIRE(s.actions.size() == 1);
    CHECK(s.actions[0].text == "A2");
    CHECK(scalar(w.path, "SELECT COUNT(*) FROM supervision_action WHERE deleted = 1") == "1");
    // An unsigned session can be deleted (a tombstone stays).
    w.journal.delete_supervision(w.trainee.id, s.id);
    CHECK(w.journal.supervisions(w.trainee.id).empty());
    CHECK(scalar(w.path, "SELECT deleted FROM supervision WHERE id = '" + s.id + "'") == "1");
}

TEST_CASE("one profile never sees another's notes, sessions or search results",
          "[journal][isolation]") {
    Ward w;
    const auto& mine = w.trainee.id;
    const auto& theirs = w.other.id;
    auto secret =
        w.journal.add_note(mine, draft("Zebra crossing", "confidential zebra words", {"zebra"}));
    w.journal.save_note(mine, secret.id, draft("Zebra crossing", "confidential zebra words v2"));
    auto binned = w.journal.add_note(mine, draft("Binned zebra", "zebra"));
    w.journal.trash_note(mine, binned.id);
    auto session = w.journal.start_supervision(w.supervisor.id, w.trainee.id);
    w.journal.save_supervision(mine, session.id, {"", "", "zebra discussion", {}, ""});

    // Every read.
    CHECK_FALSE(w.journal.note(theirs, secret.id));
    CHECK(w.journal.notes(theirs).empty());
    CHECK(w.journal.notes(theirs, {"zebra", "", ""}).empty());
    CHECK(w.journal.trash(theirs).empty());
    CHECK_THROWS_WITH(w.journal.note_versions(theirs, secret.id), Catch::Contains("no note"));
    CHECK_FALSE(w.journal.supervision(theirs, session.id));
    CHECK(w.journal.supervisions(theirs).empty());
    CHECK(w.journal.search(theirs, "zebra").empty());
    CHECK_THROWS_WITH(w.journal.supervision_markdown(theirs, session.id),
                      Catch::Contains("no supervision session"));
    const auto export_text = w.journal.export_markdown(theirs).text;
    CHECK(export_text.find("zebra") == std::string::npos);
    CHECK(export_text.find("Zebra") == std::string::npos);

    // Every write.
    CHECK_THROWS_WITH(w.journal.save_note(theirs, secret.id, draft("mine now", "")),
                      Catch::Contains("no note"));
    CHECK_THROWS_WITH(w.journal.restore_version(theirs, secret.id, 1), Catch::Contains("no note"));
    CHECK_THROWS_WITH(w.journal.trash_note(theirs, secret.id), Catch::Contains("no note"));
    CHECK_THROWS_WITH(w.journal.restore_note(theirs, binned.id), Catch::Contains("no note"));
    CHECK_THROWS_WITH(w.journal.purge_note(theirs, binned.id), Catch::Contains("no note"));
    CHECK_THROWS_WITH(w.journal.save_supervision(theirs, session.id, {}),
                      Catch::Contains("no supervision session"));
    CHECK_THROWS_WITH(w.journal.sign_supervision(theirs, session.id, {"", true}),
                      Catch::Contains("no supervision session"));
    CHECK_THROWS_WITH(w.journal.add_supervision_addendum(theirs, session.id, "x"),
                      Catch::Contains("no supervision session"));
    CHECK_THROWS_WITH(w.journal.delete_supervision(theirs, session.id),
                      Catch::Contains("no supervision session"));

    // Nothing changed, and the owners still see it all.
    CHECK(w.journal.note(mine, secret.id)->body == "confidential zebra words v2");
    CHECK(w.journal.trash(mine).size() == 1);
    CHECK(w.journal.search(mine, "zebra", {20, true, false, false, "[", "]"}).size() == 1);
    CHECK(w.journal.supervisions(w.supervisor.id).size() == 1); // the supervisor sees the session
    CHECK(w.journal.search(w.supervisor.id, "zebra").size() == 1);
    CHECK(w.journal.search(w.supervisor.id, "zebra")[0].kind == SearchKind::supervision);
}

TEST_CASE("the journal's tables arrive by migration on an existing database", "[journal]") {
    test::TempDir dir;
    const auto path = dir / "old.sqlite3";
    // A schema 1 database with an attempt in it, as the first Casebook wrote it.
    CHECK(raw_sql(path, R"sql(
CREATE TABLE attempt (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, started_at TEXT NOT NULL,
                      finished_at TEXT);
CREATE INDEX attempt_case ON attempt(case_id);
CREATE TABLE choice (attempt_id TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
                     decision_id TEXT NOT NULL, option_key TEXT NOT NULL, chosen_at TEXT NOT NULL,
                     PRIMARY KEY (attempt_id, decision_id));
INSERT INTO attempt VALUES ('a1', 'good-case', '2026-01-01T10:00:00.000Z', NULL);
PRAGMA user_version = 1;
)sql")
              .empty());
    Store store(path);
    CHECK(store.user_version() == Store::schema_version);
    Journal journal(store);
    auto p = journal.add_profile({"After upgrade", Role::other, "", ""});
    CHECK(journal.add_note(p.id, draft("Works", "after migrating")).version == 1);
    CHECK(journal.search(p.id, "migrating").size() == 1);
    CHECK(scalar(path, "SELECT COUNT(*) FROM attempt") == "1");
}

// Review F1: saving the same row again must never fail. Inside an UPSERT that takes its DO UPDATE
// path SQLite applied the statement's ABORT policy to the outbox trigger's INSERT OR IGNORE, so the
// second autosave of a reflection threw "UNIQUE constraint failed: sync_outbox" and lost the text.
TEST_CASE("every record can be saved again and again: reflections, choices, notes, sessions, "
          "decision records",
          "[journal][store][outbox]") {
    Ward w;
    for (const char* text : {"First thoughts", "First thoughts. Next time", "Rewritten"})
        Progress(w.store).save_reflection(w.trainee.id, "case-a", text);
    CHECK(Progress(w.store).reflection(w.trainee.id, "case-a") == "Rewritten");

    const auto attempt = Progress(w.store).start_attempt(w.trainee.id, "case-a");
    for (const char* option : {"a", "b", "b", "c"})
        Progress(w.store).record_choice(w.trainee.id, attempt.id, "d1", option);
    CHECK(scalar(w.path, "SELECT option_key FROM choice") == "c");

    auto note = w.journal.add_note(w.trainee.id, draft("Ward round", "one"));
    for (const char* body : {"one two", "one two three", "four"})
        note = w.journal.save_note(w.trainee.id, note.id, draft("Ward round", body));
    CHECK(w.journal.note(w.trainee.id, note.id)->body == "four");

    auto session = w.journal.start_supervision(w.supervisor.id, w.trainee.id);
    for (const char* words : {"We talked", "We talked about consent", "Consent and capacity"}) {
        SupervisionDraft d;
        d.discussion = words;
        d.actions.push_back({"Read the guidance", "2026-12-31"});
        d.trainee_reflection = words;
        session = w.journal.save_supervision(w.trainee.id, session.id, d);
    }
    CHECK(w.journal.supervision(w.trainee.id, session.id)->discussion == "Consent and capacity");

    const auto record = DecisionRecords(w.store).create_record(w.trainee.id, "real", "", "england");
    for (const char* outcome : {"share", "seek-advice", "share"})
        DecisionRecords(w.store).save_draft(w.trainee.id, record.id, "england", "{}", outcome);
    CHECK(DecisionRecords(w.store).record(w.trainee.id, record.id)->outcome == "share");

    // Every row is in the outbox once.
    CHECK(scalar(w.path, "SELECT COUNT(*) FROM (SELECT kind, id FROM sync_outbox GROUP BY kind, id "
                         "HAVING COUNT(*) > 1)") == "0");
    CHECK(scalar(w.path, "SELECT COUNT(*) FROM sync_outbox WHERE kind = 'reflection'") == "1");

    // And the same through SQL for every table that feeds the outbox: an UPSERT that takes its
    // DO UPDATE path, twice over, on every row.
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(w.path.c_str(), &h) == SQLITE_OK);
    std::vector<std::string> tables;
    {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(h,
                                   "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = "
                                   "'trigger' AND sql LIKE '%INTO sync_outbox%'",
                                   -1, &st, nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
    }
    CHECK(tables.size() >= 10);
    for (const auto& table : tables) {
        // The last column that is not part of the key is set to itself.
        std::string column;
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(h, ("PRAGMA table_info(" + table + ")").c_str(), -1, &st,
                                   nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            if (sqlite3_column_int(st, 5) == 0)
                column = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
        sqlite3_finalize(st);
        REQUIRE_FALSE(column.empty());
        const std::string upsert = "INSERT INTO " + table + " SELECT * FROM " + table +
                                   " WHERE true ON CONFLICT DO UPDATE SET " + column +
                                   " = excluded." + column;
        for (int round = 0; round < 2; ++round) {
            char* message = nullptr;
            sqlite3_exec(h, upsert.c_str(), nullptr, nullptr, &message);
            INFO(table << ": " << (message ? message : ""));
            CHECK(message == nullptr);
            sqlite3_free(message);
        }
    }
    sqlite3_close(h);
}
