// The progress tables: attempts with their choices, and reflections. Every statement names the
// profile it acts for.
#include "casebook/base.hpp"
#include "casebook/cases.hpp"
#include "casebook/store.hpp"
#include "store/sqlite.hpp"

namespace casebook {

using detail::Statement;

Attempt Progress::start_attempt(const std::string& profile_id, const std::string& case_id) {
    Attempt a{random_id(), case_id, now_iso8601(), {}, {}};
    Statement s(store_->db(),
                "INSERT INTO attempt (id, case_id, started_at, profile_id) VALUES (?, ?, ?, ?)");
    s.bind(1, a.id).bind(2, a.case_id).bind(3, a.started_at).bind(4, profile_id).step();
    return a;
}

void Progress::record_choice(const std::string& profile_id, const std::string& attempt_id,
                             const std::string& decision_id, const std::string& option_key) {
    Statement s(store_->db(),
                "INSERT INTO choice (attempt_id, decision_id, option_key, chosen_at) "
                "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM attempt WHERE id = ? AND "
                "profile_id = ?) ON CONFLICT (attempt_id, decision_id) DO UPDATE SET "
                "option_key = excluded.option_key, chosen_at = excluded.chosen_at");
    s.bind(1, attempt_id).bind(2, decision_id).bind(3, option_key).bind(4, now_iso8601());
    s.bind(5, attempt_id).bind(6, profile_id).step();
}

void Progress::finish_attempt(const std::string& profile_id, const std::string& attempt_id) {
    Statement s(store_->db(),
                "UPDATE attempt SET finished_at = ? WHERE id = ? AND profile_id = ? AND "
                "finished_at IS NULL");
    s.bind(1, now_iso8601()).bind(2, attempt_id).bind(3, profile_id).step();
}

std::vector<Attempt> Progress::attempts(const std::string& profile_id,
                                        const std::string& case_id) const {
    std::vector<Attempt> out;
    Statement s(store_->db(),
                "SELECT id, started_at, COALESCE(finished_at, '') FROM attempt WHERE case_id = ? "
                "AND profile_id = ? ORDER BY rowid");
    s.bind(1, case_id).bind(2, profile_id);
    while (s.step())
        out.push_back({s.text(0), case_id, s.text(1), s.text(2), {}});
    for (auto& a : out) {
        Statement c(store_->db(),
                    "SELECT decision_id, option_key, chosen_at FROM choice WHERE attempt_id = ? "
                    "ORDER BY chosen_at, rowid");
        c.bind(1, a.id);
        while (c.step())
            a.choices.push_back({c.text(0), c.text(1), c.text(2)});
    }
    return out;
}

std::optional<Attempt> Progress::latest_attempt(const std::string& profile_id,
                                                const std::string& case_id) const {
    auto all = attempts(profile_id, case_id);
    if (all.empty()) return std::nullopt;
    return std::move(all.back());
}

CaseStatus Progress::status(const std::string& profile_id, const std::string& case_id) const {
    auto all = statuses(profile_id);
    auto it = all.find(case_id);
    return it == all.end() ? CaseStatus::fresh : it->second;
}

std::map<std::string, CaseStatus> Progress::statuses(const std::string& profile_id) const {
    std::map<std::string, CaseStatus> out;
    Statement s(store_->db(),
                "SELECT case_id, MAX(finished_at IS NOT NULL) FROM attempt WHERE profile_id = ? "
                "GROUP BY case_id");
    s.bind(1, profile_id);
    while (s.step())
        out[s.text(0)] = s.integer(1) ? CaseStatus::done : CaseStatus::in_progress;
    return out;
}

void Progress::save_reflection(const std::string& profile_id, const std::string& case_id,
                               const std::string& text) {
    Statement s(
        store_->db(),
        "INSERT INTO reflection (profile_id, case_id, text, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (profile_id, case_id) DO UPDATE SET text = excluded.text, "
        "updated_at = excluded.updated_at");
    s.bind(1, profile_id).bind(2, case_id).bind(3, text).bind(4, now_iso8601()).step();
}

std::string Progress::reflection(const std::string& profile_id, const std::string& case_id) const {
    Statement s(store_->db(), "SELECT text FROM reflection WHERE profile_id = ? AND case_id = ?");
    s.bind(1, profile_id).bind(2, case_id);
    return s.step() ? s.text(0) : std::string{};
}

} // namespace casebook
