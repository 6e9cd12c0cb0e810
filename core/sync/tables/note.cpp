// Notes and their versions (each version immutable, numbered again on every device).
#include "sync/tables/tables.hpp"

#include <algorithm>
#include <set>
#include <sodium.h>

namespace casebook::detail {

namespace {

// A note version's id: its note, its stamp, and a hash of what it says (two devices may stamp a
// version of the same note in the same millisecond).
std::string version_id(const std::string& note_id, const std::string& title,
                       const std::string& body, const std::string& tags,
                       const std::string& saved_at, const std::string& hlc) {
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, 8);
    for (const std::string* part : {&title, &body, &tags, &saved_at, &hlc}) {
        crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(part->data()),
                                  part->size());
        const unsigned char zero = 0;
        crypto_generichash_update(&st, &zero, 1);
    }
    unsigned char h[8];
    crypto_generichash_final(&st, h, sizeof h);
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return note_id + "/" + hlc + "/" + hex;
}

const char* const note_attachment_kinds[] = {"none", "case", "decision", "checklist_record"};

} // namespace

void TableReplica::detect_note(const std::string& id) {
    auto& s =
        db_.cached("SELECT profile_id, title, body, tags, attached_kind, "
                   "COALESCE(attached_id, ''), created_at, edited_at, COALESCE(deleted_at, ''), "
                   "hlc, deleted FROM note WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return;
    const std::string profile = s.text(0);
    const RecordKey key{"note", id};
    const std::int64_t wall = stamp_ms(s.text(9));
    const bool purged = s.integer64(10) != 0;
    detect_row(key, true, profile, IfGone::keep, [&](const Record&, View& v) {
        v.wall_ms = wall;
        if (purged) {
            v.purged = true;
            v.fields = {{"tags", ""}, {"attached_id", ""}};
            return;
        }
        v.texts = {{"title", s.text(1)}, {"body", s.text(2)}};
        v.fields = {{"tags", s.text(3)},        {"attached_kind", s.text(4)},
                    {"attached_id", s.text(5)}, {"created_at", s.text(6)},
                    {"edited_at", s.text(7)},   {"deleted_at", s.text(8)}};
        v.state = s.text(8).empty() ? presence::alive : presence::trashed;
    });
    auto versions = children(key, "note_version");
    // A version's end: its text goes everywhere, its tombstone stays.
    auto bury = [&](Record& ver, const Hlc& stamp) {
        ver.set_state(presence::deleted, stamp);
        for (const char* f : {"title", "body", "tags"})
            ver.fields[f] = {"", stamp};
        save(ver, true, true, false);
    };
    if (purged) {
        for (auto& ver : versions)
            if (ver.state() != presence::deleted) bury(ver, clock_.at(wall));
        return;
    }

    // Versions: each is immutable; one amended in place is a new version and the old one's end.
    std::set<std::string> present;
    auto& rows = db_.cached("SELECT title, body, tags, saved_at, hlc FROM note_version "
                            "WHERE note_id = ? ORDER BY number");
    rows.bind(1, id);
    std::vector<View> fresh;
    std::vector<std::string> fresh_ids;
    while (rows.step()) {
        const std::string vid =
            version_id(id, rows.text(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4));
        present.insert(vid);
        if (std::any_of(versions.begin(), versions.end(),
                        [&](const Record& x) { return x.id == vid; }))
            continue;
        View nv;
        nv.fields = {{"title", rows.text(0)},
                     {"body", rows.text(1)},
                     {"tags", rows.text(2)},
                     {"saved_at", rows.text(3)},
                     {"hlc", rows.text(4)}};
        nv.wall_ms = stamp_ms(rows.text(4));
        fresh.push_back(std::move(nv));
        fresh_ids.push_back(vid);
    }
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        Record ver{"note_version", fresh_ids[i], id, profile, {}, {}, {}};
        absorb(ver, fresh[i]);
        save(ver, true, true, false);
    }
    // A version this device had and no longer has (amended, or gone with a purge). Versions
    // not yet applied here are not this device's to remove.
    auto& unapplied = db_.cached("SELECT id FROM sync_record WHERE root_kind = 'note' AND "
                                 "root_id = ? AND kind = 'note_version' AND applied = 0");
    unapplied.bind(1, id);
    std::set<std::string> waiting;
    while (unapplied.step())
        waiting.insert(unapplied.text(0));
    for (auto& ver : versions) {
        if (!present.count(ver.id) && !waiting.count(ver.id) && ver.state() != presence::deleted)
            bury(ver, clock_.now());
    }
}

bool TableReplica::apply_note(const Record& r) {
    if (!profile_exists(r.profile_id)) return false; // its profile has not arrived yet
    require_owner("SELECT profile_id FROM note WHERE id = ?", r.id, r.profile_id);
    const std::string state = r.state();
    const std::string hlc = r.latest().str();
    if (state == presence::deleted) {
        db_.cached("DELETE FROM note_version WHERE note_id = ?").bind(1, r.id).run();
        db_.cached(
               "INSERT INTO note (id, profile_id, title, body, tags, attached_kind, attached_id, "
               "created_at, edited_at, deleted_at, hlc, deleted) "
               "VALUES (?, ?, '', '', '', 'none', NULL, ?, ?, ?, ?, 1) ON CONFLICT (id) DO UPDATE "
               "SET title = '', body = '', tags = '', attached_kind = 'none', attached_id = NULL, "
               "deleted_at = excluded.deleted_at, hlc = excluded.hlc, deleted = 1")
            .bind(1, r.id)
            .bind(2, r.profile_id)
            .bind(3, or_now(r.field("created_at")))
            .bind(4, or_now(r.field("edited_at")))
            .bind(5, or_now(r.field("deleted_at")))
            .bind(6, hlc)
            .run();
        return true;
    }
    std::string kind = r.field("attached_kind");
    if (std::none_of(std::begin(note_attachment_kinds), std::end(note_attachment_kinds),
                     [&](const char* k) { return kind == k; }))
        kind = "none";
    const std::string attached = kind == "none" ? std::string{} : r.field("attached_id");
    const std::string edited = or_now(r.field("edited_at"));
    std::string deleted_at;
    if (state == presence::trashed)
        deleted_at = r.field("deleted_at").empty() ? edited : r.field("deleted_at");
    db_.cached("INSERT INTO note (id, profile_id, title, body, tags, attached_kind, attached_id, "
               "created_at, edited_at, deleted_at, hlc, deleted) "
               "VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, NULLIF(?, ''), ?, 0) "
               "ON CONFLICT (id) DO UPDATE SET profile_id = excluded.profile_id, "
               "title = excluded.title, body = excluded.body, tags = excluded.tags, "
               "attached_kind = excluded.attached_kind, attached_id = excluded.attached_id, "
               "created_at = excluded.created_at, edited_at = excluded.edited_at, "
               "deleted_at = excluded.deleted_at, hlc = excluded.hlc, deleted = 0")
        .bind(1, r.id)
        .bind(2, r.profile_id)
        .bind(3, r.text("title"))
        .bind(4, r.text("body"))
        .bind(5, r.field("tags"))
        .bind(6, kind)
        .bind(7, attached)
        .bind(8, or_now(r.field("created_at")))
        .bind(9, edited)
        .bind(10, deleted_at)
        .bind(11, hlc)
        .run();

    // The versions every device has, oldest first, numbered again when they differ from here.
    std::vector<Record> wanted;
    for (auto& ver : children(r.key(), "note_version"))
        if (ver.state() != presence::deleted) wanted.push_back(std::move(ver));
    // In the order they were first stamped: each device stamps its own versions in the order it
    // saved them, after every version it had seen, so this is the order of saving on every device
    // (saved_at comes from clocks that may be hours apart).
    auto first_stamp = [](const Record& v) {
        auto it = v.fields.find("saved_at");
        return it == v.fields.end() ? v.latest() : it->second.stamp;
    };
    std::sort(wanted.begin(), wanted.end(), [&](const Record& a, const Record& b) {
        const auto sa = first_stamp(a), sb = first_stamp(b);
        return sa != sb ? sa < sb : a.id < b.id;
    });
    std::vector<std::string> have;
    auto& rows = db_.cached("SELECT title, body, tags, saved_at, hlc FROM note_version "
                            "WHERE note_id = ? ORDER BY number");
    rows.bind(1, r.id);
    while (rows.step())
        have.push_back(
            version_id(r.id, rows.text(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4)));
    bool same = have.size() == wanted.size();
    for (std::size_t i = 0; same && i < have.size(); ++i)
        same = have[i] == wanted[i].id;
    if (same) return true;
    db_.cached("DELETE FROM note_version WHERE note_id = ?").bind(1, r.id).run();
    std::int64_t number = 0;
    for (const auto& ver : wanted)
        db_.cached("INSERT INTO note_version (note_id, number, title, body, tags, saved_at, hlc) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, r.id)
            .bind_int64(2, ++number)
            .bind(3, ver.field("title"))
            .bind(4, ver.field("body"))
            .bind(5, ver.field("tags"))
            .bind(6, ver.field("saved_at"))
            .bind(7, ver.field("hlc"))
            .run();
    return true;
}

} // namespace casebook::detail
