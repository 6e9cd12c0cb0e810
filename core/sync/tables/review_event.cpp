// Review events (core/revision/) in the sync: a grow-only set. Each event is one record
// whose fields never change, so the merge only ever adds events; the schedules derived from them
// are computed on each device and never synced.
#include "sync/tables/tables.hpp"

namespace casebook::detail {

void TableReplica::detect_review_event(const std::string& id) {
    const RecordKey key{"review_event", id};
    if (load(key)) return; // an event never changes once recorded
    auto& s = db_.cached("SELECT profile_id, item, at_ms, action, rating, answer, guess, device "
                         "FROM review_event WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return;
    Record r{"review_event", id, "", s.text(0), {}, {}, {}};
    const Hlc stamp = clock_.now();
    r.set_field("item", s.text(1), stamp);
    r.set_field("at_ms", std::to_string(s.integer64(2)), stamp);
    r.set_field("action", s.text(3), stamp);
    r.set_field("rating", std::to_string(s.integer64(4)), stamp);
    r.set_field("answer", s.text(5), stamp);
    r.set_field("guess", std::to_string(s.integer64(6)), stamp);
    r.set_field("device", s.text(7), stamp);
    r.set_state(presence::alive, stamp);
    save(r, true, true, false);
}

namespace {

// A field's leading digits as a number (0 if none); never throws on what another device sent.
std::int64_t digits(const std::string& text) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < text.size() && i < 15 && text[i] >= '0' && text[i] <= '9'; ++i)
        n = n * 10 + (text[i] - '0');
    return n;
}

} // namespace

bool TableReplica::apply_review_event(const Record& r) {
    // What the table's checks refuse (a damaged or hostile record) fails this one record only.
    db_.cached(
           "INSERT INTO review_event (id, profile_id, item, at_ms, action, rating, answer, guess, "
           "device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
        .bind(1, r.id)
        .bind(2, r.profile_id)
        .bind(3, r.field("item"))
        .bind_int64(4, digits(r.field("at_ms")))
        .bind(5, r.field("action"))
        .bind_int64(6, digits(r.field("rating")))
        .bind(7, r.field("answer"))
        .bind_int64(8, r.field("guess") == "1" ? 1 : 0)
        .bind(9, r.field("device"))
        .run();
    return true;
}

} // namespace casebook::detail
