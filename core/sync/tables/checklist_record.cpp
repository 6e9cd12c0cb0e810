// Checklist decision records and their addenda; a finalised record is sealed.
#include "sync/tables/tables.hpp"

namespace casebook::detail {

void TableReplica::detect_checklist_record(const std::string& id) {
    const RecordKey key{"checklist_record", id};
    auto& s = db_.cached("SELECT mode, COALESCE(case_id, ''), jurisdiction, answers_json, outcome, "
                         "created_at, updated_at, COALESCE(finalised_at, ''), profile_id "
                         "FROM checklist_record WHERE id = ?");
    s.bind(1, id);
    const bool found = s.step(); // a draft deleted here, if not
    const auto r = detect_row(
        key, found, found ? s.text(8) : "", IfGone::tombstone, [&](const Record& rec, View& v) {
            v.fields = {{"mode", s.text(0)},
                        {"case_id", s.text(1)},
                        {"created_at", s.text(5)},
                        {"updated_at", s.text(6)},
                        {"finalised_at", s.text(7)}};
            if (!rec.field("sealed").empty()) return;
            v.fields.insert(
                v.fields.end(),
                {{"jurisdiction", s.text(2)}, {"answers_json", s.text(3)}, {"outcome", s.text(4)}});
            if (!s.text(7).empty())
                v.fields.emplace_back("sealed", pack({s.text(2), s.text(3), s.text(4)}));
        });
    if (!r) return;
    auto& parts =
        db_.cached("SELECT id, text, created_at FROM record_addendum WHERE record_id = ?");
    parts.bind(1, id);
    detect_parts(key, "record_addendum", r->profile_id, parts, true, [](Statement& row) {
        View av;
        av.fields = {{"text", row.text(1)}, {"created_at", row.text(2)}};
        return av;
    });
}

bool TableReplica::apply_checklist_record(const Record& r) {
    bool exists = false, final = false;
    {
        auto& s = db_.cached("SELECT finalised_at IS NOT NULL FROM checklist_record WHERE id = ?");
        s.bind(1, r.id);
        if (s.step()) {
            exists = true;
            final = s.integer64(0) != 0;
        }
    }
    auto add_addenda = [&] {
        for (const auto& a : children(r.key(), "record_addendum"))
            db_.cached("INSERT OR IGNORE INTO record_addendum (id, record_id, text, created_at) "
                       "VALUES (?, ?, ?, ?)")
                .bind(1, a.id)
                .bind(2, r.id)
                .bind(3, a.field("text"))
                .bind(4, or_now(a.field("created_at")))
                .run();
    };
    if (final) {
        // Read-only here once final: only addenda can still arrive (a differing seal is said).
        if (const auto sealed = unpack(r.field("sealed")); sealed && sealed->size() == 3) {
            auto& s = db_.cached("SELECT jurisdiction, answers_json, outcome FROM checklist_record "
                                 "WHERE id = ?");
            s.bind(1, r.id);
            if (s.step() && (s.text(0) != (*sealed)[0] || s.text(1) != (*sealed)[1] ||
                             s.text(2) != (*sealed)[2]))
                notes_.push_back("decision record " + r.id +
                                 ": another device holds a different finalised version; this "
                                 "device keeps what was finalised here");
        }
        add_addenda();
        return true;
    }
    require_owner("SELECT profile_id FROM checklist_record WHERE id = ?", r.id, r.profile_id);
    // A final record is never deleted (a file saying otherwise does not undo finalising).
    const bool final_here = !r.field("finalised_at").empty() || !r.field("sealed").empty();
    if (r.state() == presence::deleted && !final_here) {
        if (exists)
            db_.cached("DELETE FROM checklist_record WHERE id = ? AND finalised_at IS NULL")
                .bind(1, r.id)
                .run();
        return true;
    }
    std::string jurisdiction = r.field("jurisdiction"), answers = r.field("answers_json"),
                outcome = r.field("outcome");
    if (auto sealed = unpack(r.field("sealed")); sealed && sealed->size() == 3) {
        jurisdiction = (*sealed)[0];
        answers = (*sealed)[1];
        outcome = (*sealed)[2];
    }
    std::string finalised = r.field("finalised_at");
    if (finalised.empty() && final_here) finalised = or_now(r.field("updated_at"));
    std::string mode = r.field("mode");
    if (mode != "real") mode = "practice";
    db_.cached(
           "INSERT INTO checklist_record (id, mode, case_id, jurisdiction, answers_json, outcome, "
           "created_at, updated_at, finalised_at, profile_id) "
           "VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, NULLIF(?, ''), ?) ON CONFLICT (id) DO "
           "UPDATE SET mode = excluded.mode, case_id = excluded.case_id, "
           "jurisdiction = excluded.jurisdiction, answers_json = excluded.answers_json, "
           "outcome = excluded.outcome, created_at = excluded.created_at, "
           "updated_at = excluded.updated_at, finalised_at = excluded.finalised_at, "
           "profile_id = excluded.profile_id")
        .bind(1, r.id)
        .bind(2, mode)
        .bind(3, r.field("case_id"))
        .bind(4, jurisdiction)
        .bind(5, answers.empty() ? std::string("{}") : answers)
        .bind(6, outcome)
        .bind(7, or_now(r.field("created_at")))
        .bind(8, or_now(r.field("updated_at")))
        .bind(9, finalised)
        .bind(10, r.profile_id)
        .run();
    if (!finalised.empty()) add_addenda();
    return true;
}

} // namespace casebook::detail
