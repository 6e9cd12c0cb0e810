#pragma once
// Shared by the Store's source files: the schema migrations and a small prepared-statement helper.
#include "casebook/store.hpp"

#include <cstdint>
#include <filesystem>
#include <sqlite3.h>
#include <string>

namespace casebook::detail {

// migrations[i] takes the schema from version i to i + 1 (core/src/migrations.cpp).
extern const char* const migrations[];
extern const std::size_t migration_count;

class Statement {
  public:
    Statement(sqlite3* db, const char* sql, const std::filesystem::path& path)
        : db_(db), path_(path) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail("prepare");
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const std::string& value) {
        if (sqlite3_bind_text(stmt_, index, value.c_str(), static_cast<int>(value.size()),
                              SQLITE_TRANSIENT) != SQLITE_OK)
            fail("bind");
        return *this;
    }
    Statement& bind_int64(int index, std::int64_t value) {
        if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail("bind");
        return *this;
    }
    // Ready to run again with new bindings.
    Statement& reset() {
        sqlite3_reset(stmt_);
        return *this;
    }
    // True while there is a row; throws on error.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail("step");
        return false;
    }
    // The column's bytes exactly as stored, NUL bytes included (never cut at the first NUL).
    std::string text(int column) const {
        const auto* p = sqlite3_column_text(stmt_, column);
        if (!p) return {};
        return {reinterpret_cast<const char*>(p),
                static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
    }
    int integer(int column) const { return sqlite3_column_int(stmt_, column); }
    std::int64_t integer64(int column) const { return sqlite3_column_int64(stmt_, column); }

  private:
    [[noreturn]] void fail(const char* what) const {
        throw StoreError(path_.string() + ": " + what + " failed: " + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    const std::filesystem::path& path_;
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace casebook::detail
