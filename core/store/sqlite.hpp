#pragma once
// The one SQLite layer of the core: a connection with the pragmas Casebook uses, prepared
// statements (optionally cached per connection, keyed by their SQL literal), one transaction
// style and one way to run SQL. Every failure throws StoreError naming the file.
#include "casebook/store.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace casebook::detail {

class Db;

class Statement {
  public:
    // `persistent`: kept for many runs (a cached statement), which SQLite may prepare differently.
    Statement(Db& db, const char* sql, bool persistent = false);
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Ready to run again, its bindings cleared.
    Statement& reset();
    Statement& bind(int index, std::string_view value);
    Statement& bind_int64(int index, std::int64_t value);
    Statement& bind_blob(int index, std::string_view value);
    // True while there is a row; throws StoreError on error.
    bool step();
    // Runs to the end.
    void run() {
        while (step()) {
        }
    }
    // The column's bytes exactly as stored, NUL bytes included (never cut at the first NUL).
    std::string text(int column) const;
    // Valid until the next step or reset.
    std::string_view blob(int column) const;
    int integer(int column) const { return sqlite3_column_int(stmt_, column); }
    std::int64_t integer64(int column) const { return sqlite3_column_int64(stmt_, column); }

  private:
    [[noreturn]] void fail(const char* what) const;
    Db& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// One connection to the device's database.
class Db {
  public:
    // Who the connection is for, which sets how it opens and its pragmas (sqlite.cpp).
    enum class Role {
        store, // the Store's connection: creates the file, WAL, migrations follow
        sync,  // a Sync's own connection to an existing file, used by one thread at a time
    };
    Db(const std::filesystem::path& path, Role role);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Runs SQL without results (one or more statements).
    void exec(const std::string& sql);
    // A cached statement for a string literal (the cache is keyed by its address), reset.
    Statement& cached(const char* literal);
    // Resets every cached statement: a statement left on a row keeps an old read snapshot open,
    // which would refuse the next write transaction and hold back WAL checkpoints.
    void idle();
    // Rows changed by the last INSERT, UPDATE or DELETE.
    int changes() const { return sqlite3_changes(db_); }

    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return db_; }
    // Where a failure's message starts: the file, and "sync: " on a sync connection.
    std::string where() const;

  private:
    std::filesystem::path path_;
    Role role_;
    sqlite3* db_ = nullptr;
    std::map<const char*, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE now (every writer in Casebook takes the write lock up front, so two
// connections never deadlock upgrading a read), COMMIT on commit(), ROLLBACK if left without
// one (an exception).
class Transaction {
  public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Db& db_;
    bool open_ = true;
};

} // namespace casebook::detail
