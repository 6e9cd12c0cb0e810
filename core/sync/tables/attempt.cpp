// Attempts at a case and their choices (one field per decision).
#include "sync/tables/tables.hpp"

#include <set>

namespace casebook::detail {

void TableReplica::detect_attempt(const std::string& id) {
    auto& s = db_.cached("SELECT case_id, started_at, COALESCE(finished_at, ''), profile_id "
                         "FROM attempt WHERE id = ?");
    s.bind(1, id);
    const bool found = s.step();
    detect_row({"attempt", id}, found, found ? s.text(3) : "", IfGone::tombstone,
               [&](const Record& r, View& v) {
                   v.fields = {{"case_id", s.text(0)},
                               {"started_at", s.text(1)},
                               {"finished_at", s.text(2)}};
                   std::set<std::string> decisions;
                   auto& c = db_.cached("SELECT decision_id, option_key, chosen_at "
                                        "FROM choice WHERE attempt_id = ?");
                   c.bind(1, id);
                   while (c.step()) {
                       decisions.insert(c.text(0));
                       v.fields.emplace_back("choice:" + c.text(0), c.text(1));
                       v.fields.emplace_back("chosen_at:" + c.text(0), c.text(2));
                   }
                   for (const auto& [name, reg] : r.fields)
                       if (name.rfind("choice:", 0) == 0 && !decisions.count(name.substr(7)))
                           v.fields.emplace_back(name, "");
               });
}

bool TableReplica::apply_attempt(const Record& r) {
    require_owner("SELECT profile_id FROM attempt WHERE id = ?", r.id, r.profile_id);
    if (r.state() == presence::deleted) {
        db_.cached("DELETE FROM choice WHERE attempt_id = ?").bind(1, r.id).run();
        db_.cached("DELETE FROM attempt WHERE id = ?").bind(1, r.id).run();
        return true;
    }
    db_.cached("INSERT INTO attempt (id, case_id, started_at, finished_at, profile_id) "
               "VALUES (?, ?, ?, NULLIF(?, ''), ?) ON CONFLICT (id) DO UPDATE SET "
               "case_id = excluded.case_id, started_at = excluded.started_at, "
               "finished_at = excluded.finished_at, profile_id = excluded.profile_id")
        .bind(1, r.id)
        .bind(2, r.field("case_id"))
        .bind(3, or_now(r.field("started_at")))
        .bind(4, r.field("finished_at"))
        .bind(5, r.profile_id)
        .run();
    for (const auto& [name, reg] : r.fields) {
        if (name.rfind("choice:", 0) != 0) continue;
        const std::string decision = name.substr(7);
        if (reg.value.empty()) {
            db_.cached("DELETE FROM choice WHERE attempt_id = ? AND decision_id = ?")
                .bind(1, r.id)
                .bind(2, decision)
                .run();
            continue;
        }
        db_.cached("INSERT INTO choice (attempt_id, decision_id, option_key, chosen_at) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (attempt_id, decision_id) DO UPDATE SET "
                   "option_key = excluded.option_key, chosen_at = excluded.chosen_at")
            .bind(1, r.id)
            .bind(2, decision)
            .bind(3, reg.value)
            .bind(4, or_now(r.field("chosen_at:" + decision)))
            .run();
    }
    return true;
}

} // namespace casebook::detail
