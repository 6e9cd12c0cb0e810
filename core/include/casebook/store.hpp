#pragma once
// The device's user database: opening, migrating, settings. Each concern's tables are read and
// written by its own façade over the Store (Progress, DecisionRecords, Journal, Revision, Sync).
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace casebook {

namespace detail {
class Db; // core/store/sqlite.hpp
}

// Any failure of the local database: the message names the file and SQLite's reason.
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The device's user database: one SQLite file, WAL, foreign keys on, migrated by user_version.
class Store {
  public:
    static constexpr int schema_version = 10;
    static constexpr const char* file_name = "casebook.sqlite3";

    // Opens (creating if needed) and migrates the database at `path`. Throws StoreError.
    explicit Store(const std::filesystem::path& path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::filesystem::path& path() const { return path_; }
    int user_version() const;

    // Settings of this device (theme, text size), as text.
    void set_setting(const std::string& key, const std::string& value);
    std::string setting(const std::string& key, const std::string& fallback = {}) const;

    // The connection, for the core's façades over this database (Progress, DecisionRecords,
    // Journal, Revision).
    detail::Db& db() const { return *db_; }

  private:
    void migrate();
    std::filesystem::path path_;
    std::unique_ptr<detail::Db> db_;
};

// 128 random bits as 32 lower-case hex digits.
std::string random_id();

} // namespace casebook
