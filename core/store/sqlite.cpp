#include "store/sqlite.hpp"

namespace casebook::detail {

// ---- statements ----------------------------------------------------------------------------

Statement::Statement(Db& db, const char* sql, bool persistent) : db_(db) {
    const unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
    if (sqlite3_prepare_v3(db.handle(), sql, -1, flags, &stmt_, nullptr) != SQLITE_OK)
        fail("prepare");
}

Statement& Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        fail("bind");
    return *this;
}

Statement& Statement::bind_int64(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail("bind");
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view value) {
    if (sqlite3_bind_blob(stmt_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        fail("bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail("step");
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    if (!p) return {};
    return {reinterpret_cast<const char*>(p),
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string_view Statement::blob(int column) const {
    const void* p = sqlite3_column_blob(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string_view{};
}

void Statement::fail(const char* what) const {
    std::string why = sqlite3_errmsg(db_.handle());
    // Not left mid-run: a statement on a row would hold its read snapshot open.
    if (stmt_) sqlite3_reset(stmt_);
    throw StoreError(db_.where() + what + " failed: " + why);
}

// ---- the connection ------------------------------------------------------------------------

Db::Db(const std::filesystem::path& path, Role role) : path_(path), role_(role) {
    const bool sync = role == Role::sync;
    // A sync connection is used by one thread at a time: no locking inside SQLite needed.
    const int flags = sync ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(path.string() + ": cannot open the database" +
                         (sync ? " for sync: " : ": ") + why);
    }
    // A sync waits longer: it runs in the background while the app may be writing.
    sqlite3_busy_timeout(db_, sync ? 10000 : 2000);
    try {
        if (!sync) {
            // A file that is not a database fails here, before anything is written to it.
            Statement(*this, "PRAGMA schema_version").step();
            exec("PRAGMA journal_mode = WAL");
        }
        exec("PRAGMA foreign_keys = ON");
        exec("PRAGMA synchronous = NORMAL");
        if (sync) {
            // A first sync touches every page: a larger cache than SQLite's 2 MB default saves
            // reading them again (memory is only taken as pages are used). Changed pages stay
            // in memory until their transaction commits, instead of being written to the WAL
            // again and again; exchange() bounds a transaction
            // (ExchangeOptions::records_per_commit).
            exec("PRAGMA cache_size = -32768");
            exec("PRAGMA cache_spill = OFF");
        }
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

Db::~Db() {
    cache_.clear(); // finalised before the connection closes
    sqlite3_close(db_);
}

std::string Db::where() const {
    return path_.string() + (role_ == Role::sync ? ": sync: " : ": ");
}

void Db::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string why = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        throw StoreError(where() + why);
    }
}

Statement& Db::cached(const char* literal) {
    auto& slot = cache_[literal];
    if (!slot) slot = std::make_unique<Statement>(*this, literal, true);
    return slot->reset();
}

void Db::idle() {
    for (auto& [sql, statement] : cache_)
        statement->reset();
}

// ---- transactions --------------------------------------------------------------------------

Transaction::Transaction(Db& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

} // namespace casebook::detail
