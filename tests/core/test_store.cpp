// The local SQLite store: a fresh database, migration from an older schema, reopening, and
// attempts recorded as a reader works through a case.
#include "casebook/case_run.hpp"
#include "casebook/library.hpp"
#include "casebook/store.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace casebook;

namespace {

std::string scalar(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return out;
}

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
        CHECK(store.user_version() == Store::schema_version);
        CHECK(store.statuses().empty());
    }
    CHECK(std::filesystem::exists(path));
    CHECK(scalar(path, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("a version 1 database is migrated and keeps its attempts", "[store]") {
    test::TempDir dir;
    const auto path = dir / "old.sqlite3";
    {
        sqlite3* h = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &h) == SQLITE_OK);
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
        REQUIRE(sqlite3_exec(h, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(h);
    }
    Store store(path);
    CHECK(store.user_version() == Store::schema_version);
    CHECK(store.status("good-case") == CaseStatus::done);
    auto a = store.latest_attempt("good-case");
    REQUIRE(a);
    REQUIRE(a->choices.size() == 1);
    CHECK(a->choices[0].option_key == "B");
    store.save_reflection("good-case", "new table works");
    CHECK(store.reflection("good-case") == "new table works");
    store.set_setting("theme", "dark");
    CHECK(store.setting("theme") == "dark");
    CHECK(store.setting("missing", "fallback") == "fallback");
}

TEST_CASE("a database from a newer Casebook is refused, untouched", "[store]") {
    test::TempDir dir;
    const auto path = dir / "new.sqlite3";
    { Store store(path); }
    {
        sqlite3* h = nullptr;
        sqlite3_open(path.c_str(), &h);
        sqlite3_exec(h, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
        sqlite3_close(h);
    }
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
        CaseRun run(c, store);
        CHECK(store.status(c.id) == CaseStatus::fresh); // opening is not an attempt
        CHECK_FALSE(run.choose(1, "B"));                // the second decision is not showing
        CHECK(run.choose(0, "B"));
        CHECK_FALSE(run.choose(0, "A")); // a choice is final for this attempt
        CHECK(store.status(c.id) == CaseStatus::in_progress);
    }
    {
        Store store(path);
        CaseRun run(c, store);
        CHECK(run.chosen(0) == std::optional<std::string>("B"));
        CHECK(run.revealed() == 1);
        REQUIRE(run.can_continue());
        run.next();
        CHECK(run.revealed() == 2);
        CHECK(run.choose(1, "B"));
        run.next();
        CHECK(run.finished());
        CHECK(store.status(c.id) == CaseStatus::done);
        auto a = store.latest_attempt(c.id);
        REQUIRE(a);
        CHECK_FALSE(a->finished_at.empty());
        REQUIRE(a->choices.size() == 2);
        CHECK(a->choices[0].decision_id == "first");
        CHECK(a->choices[1].decision_id == "second");
        CHECK_FALSE(a->choices[1].chosen_at.empty());
    }
    {
        Store store(path);
        CaseRun run(c, store);
        CHECK(run.finished()); // a finished case opens finished
        run.restart();
        CHECK(run.choose(0, "C"));
        CHECK(store.attempts(c.id).size() == 2);
        CHECK(store.status(c.id) == CaseStatus::done); // done stays done
    }
}

TEST_CASE("decision records: drafts change, final records are read-only, addenda add", "[store]") {
    test::TempDir dir;
    Store store(dir / "casebook.sqlite3");
    auto r = store.create_record("real", "", "england");
    CHECK_FALSE(store.record(r.id)->final());
    store.save_draft(r.id, "wales", R"({"answers":{"immediate_danger":"no"}})", "seek-advice");
    auto draft = store.record(r.id);
    REQUIRE(draft);
    CHECK(draft->jurisdiction == "wales");
    CHECK(draft->outcome == "seek-advice");
    CHECK_THROWS_WITH(store.add_addendum(r.id, "too early"), Catch::Contains("still a draft"));

    store.finalise_record(r.id);
    CHECK(store.record(r.id)->final());
    CHECK_THROWS_WITH(store.save_draft(r.id, "england", "{}", "share-now"),
                      Catch::Contains("cannot be changed"));
    store.delete_draft(r.id); // a final record is not a draft: nothing happens
    REQUIRE(store.record(r.id));
    CHECK(store.record(r.id)->outcome == "seek-advice");

    store.add_addendum(r.id, "Social worker rang back: visit booked for Friday.");
    auto final_record = store.record(r.id);
    REQUIRE(final_record->addenda.size() == 1);
    CHECK(final_record->addenda[0].text == "Social worker rang back: visit booked for Friday.");
    CHECK_FALSE(final_record->addenda[0].created_at.empty());

    auto practice = store.create_record("practice", "good-case", "england");
    CHECK(store.records().size() == 2);
    store.delete_draft(practice.id);
    CHECK(store.records().size() == 1);
}

TEST_CASE("one profile never sees another's progress, reflections or records", "[store]") {
    test::TempDir dir;
    Store store(dir / "casebook.sqlite3");
    store.set_profile("alice");
    auto a = store.start_attempt("good-case");
    store.record_choice(a.id, "first", "A");
    store.finish_attempt(a.id);
    store.save_reflection("good-case", "Alice's thoughts");
    auto record = store.create_record("real", "", "england");

    store.set_profile("bob");
    CHECK(store.status("good-case") == CaseStatus::fresh);
    CHECK(store.statuses().empty());
    CHECK(store.attempts("good-case").empty());
    CHECK(store.reflection("good-case").empty());
    CHECK(store.records().empty());
    CHECK_FALSE(store.record(record.id));
    // Bob cannot write into Alice's attempt or record either.
    store.record_choice(a.id, "first", "C");
    store.finish_attempt(a.id);
    store.save_draft(record.id, "wales", "{}", "share-now");
    store.delete_draft(record.id);

    store.set_profile("alice");
    auto mine = store.latest_attempt("good-case");
    REQUIRE(mine);
    CHECK(mine->choices.size() == 1);
    CHECK(mine->choices[0].option_key == "A");
    CHECK(store.reflection("good-case") == "Alice's thoughts");
    REQUIRE(store.record(record.id));
    CHECK(store.record(record.id)->jurisdiction == "england");
}
