#pragma once
// The disclosure checklist's decision records as saved: drafts, final records and addenda.
#include <optional>
#include <string>
#include <vector>

namespace casebook {

class Store;

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

// The decision-record tables (checklist_record, record_addendum) of a Store's database. Records
// belong to a profile: every call names the profile it acts for, and one profile never sees or
// changes another's. An empty profile_id is the device's use without a profile. Failures throw
// StoreError.
class DecisionRecords {
  public:
    explicit DecisionRecords(Store& store) : store_(&store) {}

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

  private:
    // The profile's records, or the one with `id` if it is not empty; with their addenda.
    std::vector<ChecklistRecord> load(const std::string& profile_id, const std::string& id) const;

    Store* store_;
};

} // namespace casebook
