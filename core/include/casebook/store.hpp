#pragma once
#include "casebook/case.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace casebook {

namespace detail {
class Db; // core/store/sqlite.hpp
}

// Any failure of the local database: the message names the file and SQLite's reason.
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Choice {
    std::string decision_id;
    std::string option_key;
    std::string chosen_at; // ISO 8601, UTC
};

// One play-through of a case: the option chosen at each decision and when.
struct Attempt {
    std::string id; // random 128-bit, hex
    std::string case_id;
    std::string started_at;
    std::string finished_at; // empty while in progress
    std::vector<Choice> choices;
};

struct Addendum {
    std::string id;
    std::string text;
    std::string created_at;
};

// A disclosure-checklist decision record: a draft while being filled in, then final and
// read-only (the database refuses changes); later additions are addenda with their own time.
struct ChecklistRecord {
    std::string id;
    std::string mode;    // "practice" (from a case) or "real"
    std::string case_id; // practice only
    std::string jurisdiction;
    std::string answers_json; // the answers file format of assets/checklist/SCHEMA.md
    std::string outcome;
    std::string created_at;
    std::string updated_at;
    std::string finalised_at; // empty while a draft
    std::vector<Addendum> addenda;

    bool final() const { return !finalised_at.empty(); }
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

    // Progress, reflections and decision records belong to a profile: every call below names
    // the profile it acts for, and one profile never sees or changes another's. An empty
    // profile_id is the device's use without a profile.
    Attempt start_attempt(const std::string& profile_id, const std::string& case_id);
    // Records (or replaces) the choice at one decision of an attempt.
    void record_choice(const std::string& profile_id, const std::string& attempt_id,
                       const std::string& decision_id, const std::string& option_key);
    void finish_attempt(const std::string& profile_id, const std::string& attempt_id);
    std::optional<Attempt> latest_attempt(const std::string& profile_id,
                                          const std::string& case_id) const;
    std::vector<Attempt> attempts(const std::string& profile_id, const std::string& case_id) const;

    CaseStatus status(const std::string& profile_id, const std::string& case_id) const;
    std::map<std::string, CaseStatus> statuses(const std::string& profile_id) const;

    void save_reflection(const std::string& profile_id, const std::string& case_id,
                         const std::string& text);
    std::string reflection(const std::string& profile_id, const std::string& case_id) const;

    ChecklistRecord create_record(const std::string& profile_id, const std::string& mode,
                                  const std::string& case_id, const std::string& jurisdiction);
    // Throws StoreError if the record is final.
    void save_draft(const std::string& profile_id, const std::string& id,
                    const std::string& jurisdiction, const std::string& answers_json,
                    const std::string& outcome);
    void finalise_record(const std::string& profile_id, const std::string& id);
    void delete_draft(const std::string& profile_id, const std::string& id);
    // Only on a final record; throws StoreError otherwise.
    Addendum add_addendum(const std::string& profile_id, const std::string& record_id,
                          const std::string& text);
    std::vector<ChecklistRecord> records(const std::string& profile_id) const; // newest first
    std::optional<ChecklistRecord> record(const std::string& profile_id,
                                          const std::string& id) const;

    // Settings of this device (theme, text size), as text.
    void set_setting(const std::string& key, const std::string& value);
    std::string setting(const std::string& key, const std::string& fallback = {}) const;

    // The connection, for the core's other façades over this database (Journal, Revision).
    detail::Db& db() const { return *db_; }

  private:
    void migrate();
    // The profile's records, or the one with `id` if it is not empty; with their addenda.
    std::vector<ChecklistRecord> load_records(const std::string& profile_id,
                                              const std::string& id) const;

    std::filesystem::path path_;
    std::unique_ptr<detail::Db> db_;
};

// 128 random bits as 32 lower-case hex digits.
std::string random_id();

} // namespace casebook
