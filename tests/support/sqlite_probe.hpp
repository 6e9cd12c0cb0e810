#pragma once
// Reading and writing a database behind the core's back: what a test checks on disk, and the
// damage or old schema it plants. Raw SQL on purpose, so the core's own layer is not trusted.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sqlite3.h>
#include <string>

namespace test {

// The first column of the first row `sql` gives, as text; empty when there is none.
inline std::string scalar(const std::filesystem::path& db, const std::string& sql) {
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

// Runs SQL without results, behind the core's back; returns SQLite's error message, empty on
// success.
inline std::string raw_sql(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &message);
    std::string out = message ? message : (rc == SQLITE_OK ? "" : sqlite3_errstr(rc));
    sqlite3_free(message);
    sqlite3_close(h);
    return out;
}

// "ok" for an intact database, else what PRAGMA integrity_check found.
inline std::string integrity(const std::filesystem::path& db) {
    const std::string out = scalar(db, "PRAGMA integrity_check");
    return out.empty() ? "no answer" : out;
}

} // namespace test
