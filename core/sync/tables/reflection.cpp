// Reflections on a case, one per profile and case.
#include "sync/tables/tables.hpp"

namespace casebook::detail {

void TableReplica::detect_reflection(const std::string& id) {
    const RecordKey key{"reflection", id};
    const auto [profile, case_id] = split_reflection_id(id);
    auto loaded = load(key);
    auto& s =
        db_.cached("SELECT text, updated_at FROM reflection WHERE profile_id = ? AND case_id = ?");
    s.bind(1, profile).bind(2, case_id);
    if (!s.step()) {
        if (loaded && loaded->state() != presence::deleted) {
            loaded->set_state(presence::deleted, clock_.now());
            save(*loaded, true, true, loaded->conflicted());
        }
        return;
    }
    Record r = loaded.value_or(Record{"reflection", id, "", profile, {}, {}, {}});
    const bool was = r.conflicted();
    View v;
    v.texts = {{"text", s.text(0)}};
    v.fields = {{"updated_at", s.text(1)}};
    if (absorb(r, v)) save(r, true, true, was);
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
