// The decision-record tables: drafts, final records and their addenda. Every statement names the
// profile it acts for; the database itself refuses changes to a final record.
#include "casebook/base.hpp"
#include "casebook/checklist.hpp"
#include "casebook/store.hpp"
#include "store/sqlite.hpp"

namespace casebook {

using detail::Statement;

ChecklistRecord DecisionRecords::create_record(const std::string& profile_id,
                                               const std::string& mode, const std::string& case_id,
                                               const std::string& jurisdiction) {
    ChecklistRecord r;
    r.id = random_id();
    r.mode = mode;
    r.case_id = case_id;
    r.jurisdiction = jurisdiction;
    r.answers_json = "{}";
    r.created_at = r.updated_at = now_iso8601();
    Statement s(store_->db(),
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

void DecisionRecords::save_draft(const std::string& profile_id, const std::string& id,
                                 const std::string& jurisdiction, const std::string& answers_json,
                                 const std::string& outcome) {
    Statement s(store_->db(),
                "UPDATE checklist_record SET jurisdiction = ?, answers_json = ?, outcome = ?, "
                "updated_at = ? WHERE id = ? AND profile_id = ?");
    s.bind(1, jurisdiction).bind(2, answers_json).bind(3, outcome).bind(4, now_iso8601());
    s.bind(5, id).bind(6, profile_id).step();
}

void DecisionRecords::finalise_record(const std::string& profile_id, const std::string& id) {
    // A final record goes into a patient's notes: it must state the decision reached, and its
    // time of finalising never moves.
    const auto r = record(profile_id, id);
    if (!r) throw StoreError(store_->path().string() + ": no decision record " + id);
    if (r->final())
        throw StoreError("decision record " + id +
                         " is already final: add an addendum to say anything more");
    if (!outcome_from_string(r->outcome))
        throw StoreError("decision record " + id +
                         " has no decision yet: answer the open questions before finalising it");
    Statement s(store_->db(), "UPDATE checklist_record SET finalised_at = ? WHERE id = ? AND "
                              "profile_id = ? AND finalised_at IS NULL");
    s.bind(1, now_iso8601()).bind(2, id).bind(3, profile_id).step();
}

void DecisionRecords::delete_draft(const std::string& profile_id, const std::string& id) {
    Statement s(store_->db(), "DELETE FROM checklist_record WHERE id = ? AND profile_id = ? AND "
                              "finalised_at IS NULL");
    s.bind(1, id).bind(2, profile_id).step();
}

Addendum DecisionRecords::add_addendum(const std::string& profile_id, const std::string& record_id,
                                       const std::string& text) {
    // Found only among the profile's own records, so nobody adds to another's.
    auto r = record(profile_id, record_id);
    if (!r) throw StoreError(store_->path().string() + ": no decision record " + record_id);
    if (r->finalised_at.empty())
        throw StoreError("decision record " + record_id +
                         " is still a draft: edit it instead of adding an addendum");
    Addendum a{random_id(), text, now_iso8601()};
    Statement s(
        store_->db(),
        "INSERT INTO record_addendum (id, record_id, text, created_at) VALUES (?, ?, ?, ?)");
    s.bind(1, a.id).bind(2, record_id).bind(3, a.text).bind(4, a.created_at).step();
    return a;
}

std::vector<ChecklistRecord> DecisionRecords::load(const std::string& profile_id,
                                                   const std::string& id) const {
    std::vector<ChecklistRecord> out;
    Statement s(
        store_->db(),
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
        Statement a(store_->db(),
                    "SELECT id, text, created_at FROM record_addendum WHERE record_id = ? "
                    "ORDER BY created_at, rowid");
        a.bind(1, r.id);
        while (a.step())
            r.addenda.push_back({a.text(0), a.text(1), a.text(2)});
    }
    return out;
}

std::vector<ChecklistRecord> DecisionRecords::records(const std::string& profile_id) const {
    return load(profile_id, {});
}

std::optional<ChecklistRecord> DecisionRecords::record(const std::string& profile_id,
                                                       const std::string& id) const {
    if (id.empty()) return std::nullopt;
    auto found = load(profile_id, id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

} // namespace casebook
