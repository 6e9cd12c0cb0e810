// The local SQLite store: a fresh database, migration from an older schema, reopening, and
// attempts recorded as a reader works through a case.
#include "base/json_reader.hpp"
#include "casebook/base.hpp"
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "journal/support.hpp"
#include "support/sqlite_probe.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

using namespace casebook;
using test::scalar;

namespace {

const Case& fixture_case(Library& holder) {
    holder = Library::load_files({test::fixtures_dir / "good-case.json"},
                                 Library::load(test::assets_dir).guidance());
    REQUIRE(holder.cases().size() == 1);
    return holder.cases()[0];
}

} // namespace

TEST_CASE("a fresh database is created at the latest schema, in WAL mode", "[store]") {
    test::TempDir dir;
    const auto path = dir / "casebook.sqlite3";
    {
        Store store(path);
        Progress progress(store);
        CHECK(store.user_version() == Store::schema_version);
        CHECK(progress.statuses("").empty());
    }
    CHECK(std::filesystem::exists(path));
    CHECK(scalar(path, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("a version 1 database is migrated and keeps its attempts", "[store]") {
    test::TempDir dir;
    const auto path = dir / "old.sqlite3";
    {
        const char* v1 = R"sql(
CREATE TABLE attempt (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, started_at TEXT NOT NULL,
                      finished_at TEXT);
CREATE INDEX attempt_case ON attempt(case_id);
CREATE TABLE choice (attempt_id TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
                     decision_id TEXT NOT NULL, option_key TEXT NOT NULL, chosen_at TEXT NOT NULL,
                     PRIMARY KEY (attempt_id, decision_id));
INSERT INTO attempt VALUES ('a1', 'good-case', '2026-01-01T10:00:00.000Z', '2026-01-01T10:05:00.000Z');
INSERT INTO choice VALUES ('a1', 'first', 'B', '2026-01-01T10:01:00.000Z');
PRAGMA user_version = 1;
)sql";
        REQUIRE(test::raw_sql(path, v1) == "");
    }
    Store store(path);
    Progress progress(store);
    CHECK(store.user_version() == Store::schema_version);
    CHECK(progress.status("", "good-case") == CaseStatus::done);
    auto a = progress.latest_attempt("", "good-case");
    REQUIRE(a);
    REQUIRE(a->choices.size() == 1);
    CHECK(a->choices[0].option_key == "B");
    progress.save_reflection("", "good-case", "new table works");
    CHECK(progress.reflection("", "good-case") == "new table works");
    store.set_setting("theme", "dark");
    CHECK(store.setting("theme") == "dark");
    CHECK(store.setting("missing", "fallback") == "fallback");
}

TEST_CASE("a database from a newer Casebook is refused, untouched", "[store]") {
    test::TempDir dir;
    const auto path = dir / "new.sqlite3";
    { Store store(path); }
    REQUIRE(test::raw_sql(path, "PRAGMA user_version = 99") == "");
    CHECK_THROWS_WITH(Store(path), Catch::Contains("newer Casebook"));
    CHECK(scalar(path, "PRAGMA user_version") == "99");
}

TEST_CASE("a file that is not a database is reported by name and left alone", "[store]") {
    test::TempDir dir;
    const auto path = dir / "casebook.sqlite3";
    test::spit(path, "this is not a database, it is a note someone saved here");
    CHECK_THROWS_WITH(Store(path), Catch::Contains(path.string()));
    CHECK(test::slurp(path) == "this is not a database, it is a note someone saved here");
}

TEST_CASE("attempts survive reopening, and a case resumes where the reader left off",
          "[store][run]") {
    test::TempDir dir;
    const auto path = dir / "casebook.sqlite3";
    Library lib;
    const Case& c = fixture_case(lib);
    {
        Store store(path);
        Progress progress(store);
        CaseRun run(c, store, "");
        CHECK(progress.status("", c.id) == CaseStatus::fresh); // opening is not an attempt
        CHECK_FALSE(run.choose(1, "B"));                       // the second decision is not showing
        CHECK(run.choose(0, "B"));
        CHECK_FALSE(run.choose(0, "A")); // a choice is final for this attempt
        CHECK(progress.status("", c.id) == CaseStatus::in_progress);
    }
    {
        Store store(path);
        Progress progress(store);
        CaseRun run(c, store, "");
        CHECK(run.chosen(0) == std::optional<std::string>("B"));
        CHECK(run.revealed() == 1);
        REQUIRE(run.can_continue());
        run.next();
        CHECK(run.revealed() == 2);
        CHECK(run.choose(1, "B"));
        run.next();
        CHECK(run.finished());
        CHECK(progress.status("", c.id) == CaseStatus::done);
        auto a = progress.latest_attempt("", c.id);
        REQUIRE(a);
        CHECK_FALSE(a->finished_at.empty());
        REQUIRE(a->choices.size() == 2);
        CHECK(a->choices[0].decision_id == "first");
        CHECK(a->choices[1].decision_id == "second");
        CHECK_FALSE(a->choices[1].chosen_at.empty());
    }
    {
        Store store(path);
        Progress progress(store);
        CaseRun run(c, store, "");
        CHECK(run.finished()); // a finished case opens finished
        run.restart();
        CHECK(run.choose(0, "C"));
        CHECK(progress.attempts("", c.id).size() == 2);
        CHECK(progress.status("", c.id) == CaseStatus::done); // done stays done
    }
}

TEST_CASE("a decision record cannot be finalised without a decision, nor finalised twice",
          "[store]") {
    // The GUI offers "Finalise" only once every question is answered; the store refuses too, so
    // no other way in (a script, a later screen) can put an undecided record in a patient's notes.
    test::TempDir dir;
    Store store(dir / "casebook.sqlite3");
    DecisionRecords records(store);
    auto r = records.create_record("", "real", "", "england");
    CHECK_THROWS_WITH(records.finalise_record("", r.id), Catch::Contains("no decision yet"));
    records.save_draft("", r.id, "england", "{}", "share"); // not an outcome the checklist has
    CHECK_THROWS_WITH(records.finalise_record("", r.id), Catch::Contains("no decision yet"));
    CHECK_FALSE(records.record("", r.id)->final());

    records.save_draft("", r.id, "england", "{}", "seek-advice");
    records.finalise_record("", r.id);
    const std::string finalised_at = records.record("", r.id)->finalised_at;
    CHECK_THROWS_WITH(records.finalise_record("", r.id), Catch::Contains("already final"));
    CHECK(records.record("", r.id)->finalised_at == finalised_at);
    CHECK_THROWS_WITH(records.finalise_record("", "no-such-record"),
                      Catch::Contains("no decision record no-such-record"));
    // Nor for someone else: the record is found only among the profile's own.
    CHECK_THROWS_WITH(records.finalise_record("someone-else", r.id),
                      Catch::Contains("no decision record"));
}

TEST_CASE("decision records: drafts change, final records are read-only, addenda add", "[store]") {
    test::TempDir dir;
    Store store(dir / "casebook.sqlite3");
    DecisionRecords records(store);
    auto r = records.create_record("", "real", "", "england");
    CHECK_FALSE(records.record("", r.id)->final());
    records.save_draft("", r.id, "wales", R"({"answers":{"immediate_danger":"no"}})",
                       "seek-advice");
    auto draft = records.record("", r.id);
    REQUIRE(draft);
    CHECK(draft->jurisdiction == "wales");
    CHECK(draft->outcome == "seek-advice");
    CHECK_THROWS_WITH(records.add_addendum("", r.id, "too early"),
                      Catch::Contains("still a draft"));

    records.finalise_record("", r.id);
    CHECK(records.record("", r.id)->final());
    CHECK_THROWS_WITH(records.save_draft("", r.id, "england", "{}", "share-now"),
                      Catch::Contains("cannot be changed"));
    records.delete_draft("", r.id); // a final record is not a draft: nothing happens
    REQUIRE(records.record("", r.id));
    CHECK(records.record("", r.id)->outcome == "seek-advice");

    records.add_addendum("", r.id, "Social worker rang back: visit booked for Friday.");
    auto final_record = records.record("", r.id);
    REQUIRE(final_record->addenda.size() == 1);
    CHECK(final_record->addenda[0].text == "Social worker rang back: visit booked for Friday.");
    CHECK_FALSE(final_record->addenda[0].created_at.empty());

    auto practice = records.create_record("", "practice", "good-case", "england");
    CHECK(records.records("").size() == 2);
    records.delete_draft("", practice.id);
    CHECK(records.records("").size() == 1);
}

// Profile isolation through the signatures: whatever one profile (or the use without a profile,
// "") made is never returned for, nor changed by, another profile or "" naming its ids.
TEST_CASE("one profile never sees another's progress, reflections or records", "[store]") {
    const auto [owner, other] = GENERATE(std::pair<std::string, std::string>{"alice", "bob"},
                                         std::pair<std::string, std::string>{"alice", ""},
                                         std::pair<std::string, std::string>{"", "alice"});
    INFO("owner '" << owner << "', other '" << other << "'");
    test::TempDir dir;
    Store store(dir / "casebook.sqlite3");
    Progress progress(store);
    DecisionRecords records(store);
    auto a = progress.start_attempt(owner, "good-case");
    progress.record_choice(owner, a.id, "first", "A");
    progress.finish_attempt(owner, a.id);
    auto open = progress.start_attempt(owner, "other-case"); // still in progress
    progress.save_reflection(owner, "good-case", "The owner's thoughts");
    auto record = records.create_record(owner, "real", "", "england");
    auto final_record = records.create_record(owner, "practice", "good-case", "england");
    records.save_draft(owner, final_record.id, "england", "{}", "seek-advice");
    records.finalise_record(owner, final_record.id);
    records.add_addendum(owner, final_record.id, "The owner's addendum");

    // Nothing of the owner's is returned for the other.
    CHECK(progress.status(other, "good-case") == CaseStatus::fresh);
    CHECK(progress.statuses(other).empty());
    CHECK(progress.attempts(other, "good-case").empty());
    CHECK_FALSE(progress.latest_attempt(other, "good-case"));
    CHECK(progress.reflection(other, "good-case").empty());
    CHECK(records.records(other).empty());
    CHECK_FALSE(records.record(other, record.id));
    CHECK_FALSE(records.record(other, final_record.id));
    Library lib;
    const Case& c = fixture_case(lib);
    CHECK_FALSE(CaseRun(c, store, other).finished()); // does not resume the owner's attempt

    // Nor can the other write into the owner's attempts, records or reflection by their ids.
    progress.record_choice(other, a.id, "first", "C");
    progress.record_choice(other, open.id, "first", "C");
    progress.finish_attempt(other, open.id);
    records.save_draft(other, record.id, "wales", "{}", "share-now");
    CHECK_THROWS_WITH(records.finalise_record(other, record.id),
                      Catch::Contains("no decision record"));
    records.delete_draft(other, record.id);
    CHECK_THROWS_WITH(records.add_addendum(other, final_record.id, "not mine"),
                      Catch::Contains("no decision record"));
    progress.save_reflection(other, "good-case", "The other's thoughts");
    CHECK(progress.reflection(other, "good-case") == "The other's thoughts");

    // The owner's data is as the owner left it.
    auto mine = progress.latest_attempt(owner, "good-case");
    REQUIRE(mine);
    REQUIRE(mine->choices.size() == 1);
    CHECK(mine->choices[0].option_key == "A");
    CHECK(progress.status(owner, "other-case") == CaseStatus::in_progress);
    CHECK(progress.attempts(owner, "other-case").at(0).choices.empty());
    CHECK(progress.reflection(owner, "good-case") == "The owner's thoughts");
    REQUIRE(records.records(owner).size() == 2);
    const auto draft = records.record(owner, record.id);
    REQUIRE(draft);
    CHECK_FALSE(draft->final());
    CHECK(draft->jurisdiction == "england");
    CHECK(draft->outcome.empty());
    const auto kept = records.record(owner, final_record.id);
    REQUIRE(kept);
    REQUIRE(kept->addenda.size() == 1);
    CHECK(kept->addenda[0].text == "The owner's addendum");
    // The other's tries to write made nothing of theirs either.
    CHECK(progress.statuses(other).empty());
    CHECK(records.records(other).empty());
}

// ---- Issue 12, the local half: each test names the review finding it proves fixed. ----

TEST_CASE("M10: a negative schema version is refused as damage, and the file is untouched",
          "[store][issue12]") {
    test::TempDir dir;
    const auto path = dir / "casebook.sqlite3";
    { Store store(path); }
    REQUIRE(test::raw_sql(path, "PRAGMA user_version = -1") == "");
    const auto before = test::slurp(path);
    CHECK_THROWS_WITH(Store(path), Catch::Contains("damaged") && Catch::Contains("-1"));
    // Opened again: still refused the same way, not bricked into "table already exists".
    CHECK_THROWS_WITH(Store(path), Catch::Contains("damaged"));
    CHECK(scalar(path, "PRAGMA user_version") == "-1");
    CHECK(test::slurp(path) == before);
}

TEST_CASE("M4: text with a NUL byte is read back byte for byte and survives an edit",
          "[store][issue12]") {
    test::TempDir dir;
    Store store(dir / "casebook.sqlite3");
    Progress progress(store);
    Journal journal(store);
    const Profile p = journal.add_profile({"Nul Tester", Role::other, "", ""});
    const std::string body("first part\0second part NHS 943 476 5919", 39);
    REQUIRE(body.size() == 39);
    const Note n = journal.add_note(p.id, {"t", body, {}, "none", ""});
    CHECK(journal.note(p.id, n.id)->body == body);
    NoteDraft edit{"renamed", journal.note(p.id, n.id)->body, {}, "none", ""};
    journal.save_note(p.id, n.id, edit);
    CHECK(journal.note(p.id, n.id)->body == body);
    progress.save_reflection("", "case-x", std::string("a\0b", 3));
    CHECK(progress.reflection("", "case-x") == std::string("a\0b", 3));
}

TEST_CASE("M3: a PIN check while another connection writes does not fail with 'locked'",
          "[store][issue12]") {
    test::TempDir dir;
    const auto path = dir / "casebook.sqlite3";
    std::string profile_id;
    {
        Store store(path);
        Journal journal(store);
        profile_id = journal.add_profile({"Pinned", Role::other, "", ""}).id;
        journal.set_pin(profile_id, "2468", KdfCost::minimum);
    }
    // A second process stands in as a thread with its own connection, committing notes all the
    // time; each PIN check lets others commit while Argon2id runs, and used to fail at its write.
    std::atomic<bool> stop{false};
    std::atomic<int> writer_failures{0};
    std::thread writer([&] {
        Store store(path);
        Journal journal(store);
        int i = 0;
        while (!stop) {
            try {
                journal.add_note(profile_id, {"w" + std::to_string(i++), "b", {}, "none", ""});
            } catch (const std::exception&) {
                ++writer_failures;
            }
        }
    });
    Store store(path);
    Journal journal(store);
    int accepted = 0, failed = 0;
    for (int i = 0; i < 12; ++i) {
        try {
            accepted += journal.check_pin(profile_id, "2468").accepted();
        } catch (const std::exception& e) {
            UNSCOPED_INFO(e.what());
            ++failed;
        }
    }
    stop = true;
    writer.join();
    CHECK(failed == 0);
    CHECK(accepted == 12);
    CHECK(writer_failures == 0);
    CHECK(journal.pin_wait(profile_id).count() == 0);
}

TEST_CASE("M3: PIN tries made at once each count towards the back-off", "[store][issue12]") {
    test::TempDir dir;
    const auto path = dir / "casebook.sqlite3";
    std::string profile_id;
    {
        Store store(path);
        Journal journal(store);
        profile_id = journal.add_profile({"Guessed", Role::other, "", ""}).id;
        journal.set_pin(profile_id, "2468", KdfCost::minimum);
    }
    std::vector<std::thread> guessers;
    std::atomic<int> wrong{0}, other{0};
    for (int g = 0; g < 4; ++g)
        guessers.emplace_back([&, g] {
            Store store(path);
            Journal journal(store);
            try {
                const auto c = journal.check_pin(profile_id, "000" + std::to_string(g));
                (c.outcome == PinCheck::Outcome::wrong ? wrong : other)++;
            } catch (const std::exception&) {
                ++other;
            }
        });
    for (auto& t : guessers)
        t.join();
    Store store(path);
    const auto counted = scalar(path, "SELECT failed_attempts FROM pin_failure");
    // Every try that was checked was counted; none slipped through uncounted.
    CHECK(std::stoi(counted) == wrong.load());
    CHECK(wrong + other == 4);
}

TEST_CASE("L4: a query of a word repeated thousands of times searches each word once",
          "[search][issue12]") {
    std::string typed;
    for (int i = 0; i < 5000; ++i)
        typed += i % 2 ? "Care " : "care ";
    typed += "plan";
    CHECK(detail::fts_query(typed) == "\"care\" \"plan\"*");
    CHECK(detail::fts_query("plan care plan care") == "\"plan\" \"care\"*");

    std::string many;
    for (int i = 0; i < 500; ++i)
        many += "word" + std::to_string(i) + " ";
    many += "last";
    const std::string query = detail::fts_query(many);
    CHECK(std::count(query.begin(), query.end(), '"') ==
          2 * static_cast<long>(detail::max_search_words));
    CHECK(query.rfind("\"word0\" ", 0) == 0);
    CHECK(query.size() >= 7);
    CHECK(query.substr(query.size() - 7) == "\"last\"*");

    // And it still finds the note, through the real index.
    test::TempDir dir;
    Store store(dir / "casebook.sqlite3");
    Journal journal(store);
    const Profile p = journal.add_profile({"Searcher", Role::other, "", ""});
    journal.add_note(p.id, {"Care plan", "agreed the care plan", {}, "none", ""});
    CHECK(journal.search(p.id, typed, {}).size() == 1);
}

TEST_CASE("M4: text input is checked for UTF-16, NUL bytes and bytes that are not UTF-8",
          "[text][issue12]") {
    Problems ps;
    CHECK(check_text_input("Seen on ward 7, caf\xc3\xa9\n", "note.md", "", ps));
    CHECK(ps.empty());
    CHECK_FALSE(check_text_input(std::string("\xff\xfeS\0", 4), "u16.md", "", ps));
    CHECK_FALSE(check_text_input(std::string("first\0second", 12), "", "--body", ps));
    CHECK_FALSE(check_text_input("caf\xe9", "", "--title", ps));
    REQUIRE(ps.size() == 3);
    CHECK(ps[0] == Problem{"u16.md", "",
                           "is UTF-16 text (it starts with a UTF-16 byte-order mark): "
                           "save it as UTF-8"});
    CHECK(ps[1] == Problem{"", "--body",
                           "holds a NUL byte at byte 5 (a binary file, or UTF-16 "
                           "text?): only UTF-8 text can be stored"});
    CHECK(ps[2] == Problem{"", "--title",
                           "is not UTF-8 text (byte 3 is not valid UTF-8; a Latin-1 "
                           "or Windows file?): save it as UTF-8"});
    CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == std::size_t{0}); // beyond U+10FFFF
    CHECK(first_invalid_utf8("ok \xe2\x82") == std::size_t{3});      // cut short
}

TEST_CASE("M6: nesting beyond the limit is refused before rapidjson parses it", "[json][issue12]") {
    const std::string deep = "{\"a\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
    rapidjson::Document doc;
    Problems problems;
    CHECK_FALSE(json::parse(doc, deep, "deep.json", problems));
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].to_string(),
               Catch::Contains("deep.json") && Catch::Contains("more than 64 levels deep"));
    // Brackets inside strings are text, not nesting.
    const std::string text = "{\"a\":\"" + std::string(1000, '[') + "\"}";
    problems.clear();
    CHECK(json::parse(doc, text, "text.json", problems));
    CHECK(json::nesting_beyond(std::string(64, '[') + std::string(64, ']'), 64) == std::nullopt);
    CHECK(json::nesting_beyond(std::string(65, '['), 64) == std::size_t{64});
}

TEST_CASE("fuzz finding: an empty or blank file is refused as JSON with a reason",
          "[json][issue12]") {
    // The first input the fuzz targets ran (an empty file) stopped UBSan inside rapidjson; the
    // file itself must be refused cleanly by every reader.
    for (const std::string text : {"", " ", "\n\t", "[", "{"}) {
        rapidjson::Document doc;
        Problems problems;
        CHECK_FALSE(json::parse(doc, text, "empty.json", problems));
        REQUIRE(problems.size() == 1);
        CHECK_THAT(problems[0].to_string(), Catch::Contains("is not valid JSON"));
    }
}
