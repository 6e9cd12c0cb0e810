#include "casebook/store.hpp"

#include "base/sodium.hpp"
#include "casebook/time.hpp"
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

Attempt Store::start_attempt(const std::string& profile_id, const std::string& case_id) {
    Attempt a{random_id(), case_id, now_iso8601(), {}, {}};
    Statement s(*db_,
                "INSERT INTO attempt (id, case_id, started_at, profile_id) VALUES (?, ?, ?, ?)");
    s.bind(1, a.id).bind(2, a.case_id).bind(3, a.started_at).bind(4, profile_id).step();
    return a;
}

void Store::record_choice(const std::string& profile_id, const std::string& attempt_id,
                          const std::string& decision_id, const std::string& option_key) {
    Statement s(*db_, "INSERT INTO choice (attempt_id, decision_id, option_key, chosen_at) "
                      "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM attempt WHERE id = ? AND "
                      "profile_id = ?) ON CONFLICT (attempt_id, decision_id) DO UPDATE SET "
                      "option_key = excluded.option_key, chosen_at = excluded.chosen_at");
    s.bind(1, attempt_id).bind(2, decision_id).bind(3, option_key).bind(4, now_iso8601());
    s.bind(5, attempt_id).bind(6, profile_id).step();
}

void Store::finish_attempt(const std::string& profile_id, const std::string& attempt_id) {
    Statement s(*db_, "UPDATE attempt SET finished_at = ? WHERE id = ? AND profile_id = ? AND "
                      "finished_at IS NULL");
    s.bind(1, now_iso8601()).bind(2, attempt_id).bind(3, profile_id).step();
}

std::vector<Attempt> Store::attempts(const std::string& profile_id,
                                     const std::string& case_id) const {
    std::vector<Attempt> out;
    Statement s(*db_,
                "SELECT id, started_at, COALESCE(finished_at, '') FROM attempt WHERE case_id = ? "
                "AND profile_id = ? ORDER BY rowid");
    s.bind(1, case_id).bind(2, profile_id);
    while (s.step())
        out.push_back({s.text(0), case_id, s.text(1), s.text(2), {}});
    for (auto& a : out) {
        Statement c(*db_,
                    "SELECT decision_id, option_key, chosen_at FROM choice WHERE attempt_id = ? "
                    "ORDER BY chosen_at, rowid");
        c.bind(1, a.id);
        while (c.step())
            a.choices.push_back({c.text(0), c.text(1), c.text(2)});
    }
    return out;
}

std::optional<Attempt> Store::latest_attempt(const std::string& profile_id,
                                             const std::string& case_id) const {
    auto all = attempts(profile_id, case_id);
    if (all.empty()) return std::nullopt;
    return std::move(all.back());
}

CaseStatus Store::status(const std::string& profile_id, const std::string& case_id) const {
    auto all = statuses(profile_id);
    auto it = all.find(case_id);
    return it == all.end() ? CaseStatus::fresh : it->second;
}

std::map<std::string, CaseStatus> Store::statuses(const std::string& profile_id) const {
    std::map<std::string, CaseStatus> out;
    Statement s(*db_,
                "SELECT case_id, MAX(finished_at IS NOT NULL) FROM attempt WHERE profile_id = ? "
                "GROUP BY case_id");
    s.bind(1, profile_id);
    while (s.step())
        out[s.text(0)] = s.integer(1) ? CaseStatus::done : CaseStatus::in_progress;
    return out;
}

void Store::save_reflection(const std::string& profile_id, const std::string& case_id,
                            const std::string& text) {
    Statement s(
        *db_, "INSERT INTO reflection (profile_id, case_id, text, updated_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (profile_id, case_id) DO UPDATE SET text = excluded.text, "
              "updated_at = excluded.updated_at");
    s.bind(1, profile_id).bind(2, case_id).bind(3, text).bind(4, now_iso8601()).step();
}

ChecklistRecord Store::create_record(const std::string& profile_id, const std::string& mode,
                                     const std::string& case_id, const std::string& jurisdiction) {
    ChecklistRecord r;
    r.id = random_id();
    r.mode = mode;
    r.case_id = case_id;
    r.jurisdiction = jurisdiction;
    r.answers_json = "{}";
    r.created_at = r.updated_at = now_iso8601();
    Statement s(*db_,
                "INSERT INTO checklist_record (id, mode, case_id, jurisdiction, answers_json, "
                "outcome, created_at, updated_at, profile_id) "
                "VALUES (?, ?, NULLIF(?, ''), ?, ?, '', ?, ?, ?)");
    s.bind(1, r.id).bind(2, r.mode).bind(3, r.case_id).bind(4, r.jurisdiction);
    s.bind(5, r.answers_json)
        .bind(6, r.created_at)
        .bind(7, r.updated_at)
        .bind(8, profile_id)
        .step();
    return r;
}

void Store::save_draft(const std::string& profile_id, const std::string& id,
                       const std::string& jurisdiction, const std::string& answers_json,
                       const std::string& outcome) {
    Statement s(*db_,
                "UPDATE checklist_record SET jurisdiction = ?, answers_json = ?, outcome = ?, "
                "updated_at = ? WHERE id = ? AND profile_id = ?");
    s.bind(1, jurisdiction).bind(2, answers_json).bind(3, outcome).bind(4, now_iso8601());
    s.bind(5, id).bind(6, profile_id).step();
}

void Store::finalise_record(const std::string& profile_id, const std::string& id) {
    Statement s(*db_,
                "UPDATE checklist_record SET finalised_at = ? WHERE id = ? AND profile_id = ?");
    s.bind(1, now_iso8601()).bind(2, id).bind(3, profile_id).step();
}

void Store::delete_draft(const std::string& profile_id, const std::string& id) {
    Statement s(*db_, "DELETE FROM checklist_record WHERE id = ? AND profile_id = ? AND "
                      "finalised_at IS NULL");
    s.bind(1, id).bind(2, profile_id).step();
}

Addendum Store::add_addendum(const std::string& profile_id, const std::string& record_id,
                             const std::string& text) {
    // Found only among the profile's own records, so nobody adds to another's.
    auto r = record(profile_id, record_id);
    if (!r) throw StoreError(path_.string() + ": no decision record " + record_id);
    if (r->finalised_at.empty())
        throw StoreError("decision record " + record_id +
                         " is still a draft: edit it instead of adding an addendum");
    Addendum a{random_id(), text, now_iso8601()};
    Statement s(
        *db_, "INSERT INTO record_addendum (id, record_id, text, created_at) VALUES (?, ?, ?, ?)");
    s.bind(1, a.id).bind(2, record_id).bind(3, a.text).bind(4, a.created_at).step();
    return a;
}

std::vector<ChecklistRecord> Store::load_records(const std::string& profile_id,
                                                 const std::string& id) const {
    std::vector<ChecklistRecord> out;
    Statement s(
        *db_,
        "SELECT id, mode, COALESCE(case_id, ''), jurisdiction, answers_json, outcome, "
        "created_at, updated_at, COALESCE(finalised_at, '') FROM checklist_record "
        "WHERE profile_id = ?1 AND (?2 = '' OR id = ?2) ORDER BY created_at DESC, rowid DESC");
    s.bind(1, profile_id).bind(2, id);
    while (s.step())
        out.push_back({s.text(0),
                       s.text(1),
                       s.text(2),
                       s.text(3),
                       s.text(4),
                       s.text(5),
                       s.text(6),
                       s.text(7),
                       s.text(8),
                       {}});
    for (auto& r : out) {
        Statement a(*db_, "SELECT id, text, created_at FROM record_addendum WHERE record_id = ? "
                          "ORDER BY created_at, rowid");
        a.bind(1, r.id);
        while (a.step())
            r.addenda.push_back({a.text(0), a.text(1), a.text(2)});
    }
    return out;
}

std::vector<ChecklistRecord> Store::records(const std::string& profile_id) const {
    return load_records(profile_id, {});
}

std::optional<ChecklistRecord> Store::record(const std::string& profile_id,
                                             const std::string& id) const {
    if (id.empty()) return std::nullopt;
    auto found = load_records(profile_id, id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
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

std::string Store::reflection(const std::string& profile_id, const std::string& case_id) const {
    Statement s(*db_, "SELECT text FROM reflection WHERE profile_id = ? AND case_id = ?");
    s.bind(1, profile_id).bind(2, case_id);
    return s.step() ? s.text(0) : std::string{};
}

} // namespace casebook
