#include "casebook/store.hpp"

#include "base/sodium.hpp"
#include "casebook/base.hpp"
#include "casebook/version.hpp"
#include "store/migrations.hpp"
#include "store/sqlite.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <random>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace casebook {

using detail::Statement;
using detail::Transaction;

std::string random_id() {
    // 128 bits from the system's source of randomness, as hex.
    detail::start_sodium();
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

namespace {

// Checks made before SQLite touches the file, each with its own message: a folder that cannot be
// written (WAL needs its -wal and -shm files beside the database), and a zero-length database
// (L8: SQLite would silently start afresh over what was lost). A new database is created here
// with mode 0600 and SQLite gives its -wal and -shm files the same mode; an older one that others
// could read is made private (M7).
void prepare_database_file(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (fs::is_directory(folder, ec) && ::access(folder.c_str(), W_OK | X_OK) != 0 &&
        (errno == EACCES || errno == EROFS))
        throw StoreError(path.string() + ": the data folder " + folder.string() +
                         " is read-only for this user: Casebook keeps its journal files (-wal, "
                         "-shm) beside the database, so it needs to write there; use a folder "
                         "you can write to (--data-dir)");
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno != ENOENT) return; // SQLite will report it
        const int fd =
            ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) ::close(fd);
        return;
    }
    if (!S_ISREG(st.st_mode)) return; // a folder, a device or a FIFO: SQLite's own message
    if (st.st_size == 0) {
        struct stat wal {};
        const std::string wal_path = path.string() + "-wal";
        const bool wal_has_data = ::stat(wal_path.c_str(), &wal) == 0 && wal.st_size > 0;
        if (!wal_has_data)
            throw StoreError(path.string() +
                             ": the database file is empty (0 bytes): whatever it held is gone. "
                             "Restore it from a backup, or delete it to start a new, empty "
                             "database");
    }
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::string file = path.string() + suffix;
        struct stat f {};
        if (::lstat(file.c_str(), &f) == 0 && S_ISREG(f.st_mode) && (f.st_mode & 077) != 0 &&
            f.st_uid == ::geteuid())
            ::chmod(file.c_str(), f.st_mode & 0700);
    }
}

} // namespace

Store::Store(const std::filesystem::path& path) : path_(path) {
    prepare_database_file(path);
    db_ = std::make_unique<detail::Db>(path, detail::Db::Role::store);
    migrate();
    // Which version of Casebook last wrote this database (written only when it changes).
    db_->exec(std::string("INSERT INTO setting (key, value) VALUES ('written_by_version', '") +
              casebook::version +
              "') ON CONFLICT (key) DO UPDATE SET value = excluded.value "
              "WHERE value <> excluded.value");
}

Store::~Store() = default;

int Store::user_version() const {
    Statement s(*db_, "PRAGMA user_version");
    s.step();
    return s.integer(0);
}

void Store::migrate() {
    const int from = user_version();
    // A negative version is damage, not an old schema: migrations[from] would read out of bounds.
    if (from < 0)
        throw StoreError(path_.string() + ": the database is damaged: its schema version is " +
                         std::to_string(from) + ", which no Casebook ever writes");
    if (from > schema_version)
        throw StoreError(path_.string() + ": the database is from a newer Casebook (schema " +
                         std::to_string(from) + "); this version reads up to " +
                         std::to_string(schema_version));
    if (detail::migration_count != static_cast<std::size_t>(schema_version))
        throw StoreError("internal error: " + std::to_string(detail::migration_count) +
                         " migrations for schema version " + std::to_string(schema_version));
    for (int v = from; v < schema_version; ++v) {
        Transaction t(*db_);
        db_->exec(detail::migrations[v]);
        db_->exec("PRAGMA user_version = " + std::to_string(v + 1));
        t.commit();
    }
}

void Store::set_setting(const std::string& key, const std::string& value) {
    Statement s(*db_, "INSERT INTO setting (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value).step();
}

std::string Store::setting(const std::string& key, const std::string& fallback) const {
    Statement s(*db_, "SELECT value FROM setting WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : fallback;
}

} // namespace casebook
