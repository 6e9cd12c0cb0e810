// Reflections on a case, one per profile and case.
#include "sync/tables/tables.hpp"

namespace casebook::detail {

void TableReplica::detect_reflection(const std::string& id) {
    const auto [profile, case_id] = split_reflection_id(id);
    auto& s =
        db_.cached("SELECT text, updated_at FROM reflection WHERE profile_id = ? AND case_id = ?");
    s.bind(1, profile).bind(2, case_id);
    detect_row({"reflection", id}, s.step(), profile, IfGone::tombstone,
               [&](const Record&, View& v) {
                   v.texts = {{"text", s.text(0)}};
                   v.fields = {{"updated_at", s.text(1)}};
               });
}

bool TableReplica::apply_reflection(const Record& r) {
    const auto [profile, case_id] = split_reflection_id(r.id);
    if (r.state() == presence::deleted) {
        db_.cached("DELETE FROM reflection WHERE profile_id = ? AND case_id = ?")
            .bind(1, profile)
            .bind(2, case_id)
            .run();
        return true;
    }
    db_.cached("INSERT INTO reflection (profile_id, case_id, text, updated_at) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (profile_id, case_id) DO UPDATE SET text = excluded.text, "
               "updated_at = excluded.updated_at")
        .bind(1, profile)
        .bind(2, case_id)
        .bind(3, r.text("text"))
        .bind(4, or_now(r.field("updated_at")))
        .run();
    return true;
}

} // namespace casebook::detail
