// The database replica, table by table: local changes read from the rows into records, and merged
// records written back to the rows.
//
// Each record kind, its table, its fields (last writer wins) and texts (kept on conflict):
//   profile: profile (never the PIN); name role profession jurisdiction created_at
//   note: note; tags attached_kind attached_id created_at edited_at deleted_at; texts title body
//   note_version: note_version; title body tags saved_at hlc (never changed once written)
//   supervision: supervision; both profiles, case_id checklist_record_id, both signatures,
//     created_at updated_at, sealed; texts discussion trainee_reflection
//   supervision_action: supervision_action; position text due_on
//   supervision_addendum: supervision_addendum; author_profile_id text created_at (never changed)
//   checklist_record: checklist_record; mode case_id jurisdiction answers_json outcome
//     created_at updated_at finalised_at sealed
//   record_addendum: record_addendum; text created_at (never changed)
//   attempt: attempt and choice; case_id started_at finished_at, choice:<decision> and
//     chosen_at:<decision> per decision
//   reflection (id "<profile id>/<case id>"): reflection; updated_at; text text
//
// A note in the trash is presence "trashed"; a purged note, a deleted session or draft, presence
// "deleted". A record that is final (a signed-off session, a finalised decision record) carries a
// "sealed" field: what was signed or finalised (and the signatures), which every device shows
// whatever concurrent edits arrive later (they stay visible as conflicts).
#include "base/json_reader.hpp"
#include "casebook/time.hpp"
#include "sync/db.hpp"

#include <algorithm>
#include <cstring>
#include <sodium.h>

namespace casebook::detail {

struct TableReplica::View {
    std::vector<std::pair<std::string, std::string>> fields;
    std::vector<std::pair<std::string, std::string>> texts;
    std::vector<std::string> force; // fields written with any change, even if unchanged
    std::string state = presence::alive;
    std::int64_t wall_ms = 0; // when the row was changed, if it says (its hlc); else now
};

namespace {

std::int64_t stamp_ms(const std::string& hlc) {
    auto h = Hlc::parse(hlc);
    return h ? h->ms : 0;
}

// A list of texts as one field value: "<length>:<bytes>" each.
std::string pack(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values)
        out += std::to_string(v.size()) + ":" + v;
    return out;
}

std::optional<std::vector<std::string>> unpack(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto colon = text.find(':', at);
        if (colon == std::string::npos || colon == at || colon - at > 12) return std::nullopt;
        std::size_t n = 0;
        for (std::size_t i = at; i < colon; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            n = n * 10 + static_cast<std::size_t>(text[i] - '0');
        }
        if (n > text.size() - colon - 1) return std::nullopt;
        out.push_back(text.substr(colon + 1, n));
        at = colon + 1 + n;
    }
    return out;
}

std::int64_t to_int(const std::string& text) {
    std::int64_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') break;
        n = n * 10 + (c - '0');
        if (n > 1'000'000'000) break;
    }
    return n;
}

std::string or_now(const std::string& text) {
    return text.empty() ? now_iso8601() : text;
}

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

// "<profile id>/<case id>" (the profile id may be empty: the device's use without a profile).
std::pair<std::string, std::string> split_reflection_id(const std::string& id) {
    const auto slash = id.find('/');
    if (slash == std::string::npos) return {{}, id};
    return {id.substr(0, slash), id.substr(slash + 1)};
}

// A PIN verifier another device may hand this one: an Argon2id string with the costs this app
// uses (a hostile one could ask every unlock here for gigabytes).
bool acceptable_verifier(const std::string& v) {
    if (v.empty() || v.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_needs_rehash(v.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ||
           crypto_pwhash_str_needs_rehash(v.c_str(), crypto_pwhash_OPSLIMIT_MIN,
                                          crypto_pwhash_MEMLIMIT_MIN) == 0;
}

} // namespace

std::string TableReplica::refusal(const Record& in, const Record* stored) {
    // Kinds and ids are printable ASCII wherever they are made; anything else is crafted.
    auto plain = [](const std::string& text) {
        return std::all_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
        });
    };
    if (!plain(in.kind) || !plain(in.id) || !plain(in.parent) || !plain(in.profile_id))
        return "its kind or ids hold characters no id has";
    // Whose a record is, and what it is part of, are fixed when it is made: a file that says
    // otherwise is not applied (it would move the record into another profile).
    if (stored) {
        if (!in.profile_id.empty() && !stored->profile_id.empty() &&
            in.profile_id != stored->profile_id)
            return "it claims profile " + in.profile_id + " as its owner, but it belongs to " +
                   stored->profile_id + " (a record's owner never changes)";
        if (!in.parent.empty() && !stored->parent.empty() && in.parent != stored->parent)
            return "it claims to be part of " + in.parent + ", but it is part of " + stored->parent;
        for (const char* f : {"supervisor_profile_id", "trainee_profile_id", "author_profile_id"}) {
            const std::string claimed = in.field(f), known = stored->field(f);
            if (!claimed.empty() && !known.empty() && claimed != known)
                return std::string("it names another ") + f + " (" + claimed + ", not " + known +
                       "; the people of a record never change)";
        }
    }
    if (const RecordKey root = root_of(in); !(root == in.key()) && !in.profile_id.empty())
        if (auto owner = load(root);
            owner && !owner->profile_id.empty() && owner->profile_id != in.profile_id)
            return "it claims profile " + in.profile_id + ", but the " + root.kind +
                   " it is part of belongs to " + owner->profile_id;
    if (in.kind == "reflection" && split_reflection_id(in.id).first != in.profile_id)
        return "its id and its profile disagree";
    if (const std::string sealed = in.field("sealed"); !sealed.empty()) {
        const auto parts = unpack(sealed);
        const bool readable = parts && (in.kind == "supervision"
                                            ? parts->size() >= 4 && parts->size() % 4 == 0 &&
                                                  !(*parts)[2].empty() && !(*parts)[3].empty()
                                            : in.kind != "checklist_record" || parts->size() == 3);
        if (!readable) return "what it says was signed or finalised cannot be read";
        if (in.kind == "checklist_record" && json::nesting_beyond((*parts)[1], json::max_nesting))
            return "its answers nest deeper than " + std::to_string(json::max_nesting) + " levels";
    }
    if (json::nesting_beyond(in.field("answers_json"), json::max_nesting))
        return "its answers nest deeper than " + std::to_string(json::max_nesting) + " levels";
    return {};
}

bool TableReplica::absorb(Record& r, const View& v) {
    const bool fresh = r.presence.entries.empty();
    std::vector<const std::pair<std::string, std::string>*> fields, texts;
    for (const auto& f : v.fields)
        if (r.field(f.first) != f.second && !(is_seal_field(f.first) && !r.field(f.first).empty()))
            fields.push_back(&f); // a seal, once set, is never undone
    for (const auto& t : v.texts)
        if (r.text(t.first) != t.second) texts.push_back(&t);
    const bool state_changed = r.state() != v.state;
    if (!fresh && fields.empty() && texts.empty() && !state_changed) return false;

    const Hlc stamp = v.wall_ms > 0 ? clock_.at(v.wall_ms) : clock_.now();
    for (const auto* f : fields)
        r.fields[f->first] = {f->second, stamp};
    for (const auto& name : v.force)
        for (const auto& f : v.fields)
            if (f.first == name) r.fields[name] = {f.second, stamp};
    for (const auto* t : texts)
        r.texts[t->first].write(t->second, stamp);
    // Any change to a live record is also a fresh "alive": a delete made elsewhere without
    // having seen this change does not take it away.
    r.set_state(v.state, stamp);
    return true;
}

std::string TableReplica::shown_text(const Record& r, const std::string& field) {
    if (r.kind == "supervision" && !r.field("sealed").empty())
        if (auto sealed = unpack(r.field("sealed")); sealed && sealed->size() >= 4) {
            if (field == "discussion") return (*sealed)[0];
            if (field == "trainee_reflection") return (*sealed)[1];
        }
    return r.text(field);
}

bool TableReplica::profile_exists(const std::string& id) {
    auto& s = db_.cached("SELECT 1 FROM profile WHERE id = ?");
    s.bind(1, id);
    return s.step();
}

// ---- profiles ------------------------------------------------------------------------------

void TableReplica::detect_profile(const std::string& id) {
    auto& s = db_.cached("SELECT name, role, profession, jurisdiction, created_at, hlc, deleted, "
                         "COALESCE(pin_hash, '') FROM profile WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return;
    View v;
    v.fields = {{"name", s.text(0)},
                {"role", s.text(1)},
                {"profession", s.text(2)},
                {"jurisdiction", s.text(3)},
                {"created_at", s.text(4)},
                {"pin_hash", s.text(7)}}; // the PIN's Argon2id verifier, never the PIN
    v.wall_ms = stamp_ms(s.text(5));
    v.state = s.integer64(6) ? presence::deleted : presence::alive;
    Record r = load({"profile", id}).value_or(Record{"profile", id, "", id, {}, {}, {}});
    if (absorb(r, v)) save(r, true, true, false);
}

bool TableReplica::apply_profile(const Record& r) {
    std::string role = r.field("role");
    if (role != "trainee" && role != "supervisor") role = "other";
    bool exists = false;
    std::string pin;
    {
        auto& s = db_.cached("SELECT COALESCE(pin_hash, '') FROM profile WHERE id = ?");
        s.bind(1, r.id);
        if (s.step()) {
            exists = true;
            pin = s.text(0);
        }
    }
    // The PIN lock travels with the profile: a profile arrives locked by the same PIN, and a
    // profile without a PIN here takes one set elsewhere. A file never removes or replaces a PIN
    // this device already has: that would let anyone with the group passphrase unlock it.
    const std::string name = r.field("name");
    const std::string offered = r.field("pin_hash");
    if (!offered.empty() && offered != pin) {
        if (!acceptable_verifier(offered))
            notes_.push_back("profile " + name + " (" + r.id +
                             "): its PIN lock from another device is not in a form this device "
                             "accepts: not applied");
        else if (pin.empty())
            pin = offered;
        else
            notes_.push_back("profile " + name + " (" + r.id +
                             "): a PIN changed on another device is not applied here; this "
                             "device keeps the PIN it had (change it here too once unlocked)");
    } else if (offered.empty() && !pin.empty() && r.fields.count("pin_hash")) {
        notes_.push_back("profile " + name + " (" + r.id +
                         "): a PIN removed on another device stays on this device (remove it "
                         "here once unlocked)");
    }
    db_.cached("INSERT INTO profile (id, name, role, profession, jurisdiction, created_at, hlc, "
               "deleted, pin_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, '')) ON CONFLICT (id) "
               "DO UPDATE SET name = excluded.name, role = excluded.role, "
               "profession = excluded.profession, jurisdiction = excluded.jurisdiction, "
               "created_at = excluded.created_at, hlc = excluded.hlc, deleted = excluded.deleted, "
               "pin_hash = excluded.pin_hash")
        .bind(1, r.id)
        .bind(2, r.field("name"))
        .bind(3, role)
        .bind(4, r.field("profession"))
        .bind(5, r.field("jurisdiction"))
        .bind(6, or_now(r.field("created_at")))
        .bind(7, r.latest().str())
        .bind_int64(8, r.state() == presence::deleted ? 1 : 0)
        .bind(9, pin)
        .run();
    // Made on another device of the group: its owner agreed there.
    if (!exists) add_member(r.id, "arrived");
    // Names are unique on a device, but two devices may each have made an "Alice": keep both,
    // and say so (a name alone no longer tells them apart; see Journal::find_profile).
    auto& same = db_.cached("SELECT id FROM profile WHERE deleted = 0 AND id <> ? AND "
                            "lower(name) = lower(?)");
    same.bind(1, r.id).bind(2, name);
    std::vector<std::string> others;
    while (same.step())
        others.push_back(same.text(0));
    if (!others.empty() && r.state() != presence::deleted) {
        std::string ids;
        for (const auto& o : others)
            ids += ", " + o;
        notes_.push_back("two profiles are now named '" + name + "' on this device (" + r.id + ids +
                         "): choose one by its id until one is renamed");
    }
    return true;
}

// ---- notes and their versions --------------------------------------------------------------

void TableReplica::detect_note(const std::string& id) {
    auto& s =
        db_.cached("SELECT profile_id, title, body, tags, attached_kind, "
                   "COALESCE(attached_id, ''), created_at, edited_at, COALESCE(deleted_at, ''), "
                   "hlc, deleted FROM note WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return;
    const std::string profile = s.text(0);
    const RecordKey key{"note", id};
    Record r = load(key).value_or(Record{"note", id, "", profile, {}, {}, {}});
    const bool was = r.conflicted();
    const std::int64_t wall = stamp_ms(s.text(9));
    auto versions = children(key, "note_version");

    if (s.integer64(10)) {
        // Purged: the text goes everywhere; the tombstone stays.
        if (r.state() != presence::deleted) {
            const Hlc stamp = clock_.at(wall);
            r.set_state(presence::deleted, stamp);
            for (auto& t : r.texts)
                t.second.clear();
            for (const char* f : {"tags", "attached_id"})
                r.fields[f] = {"", stamp};
            save(r, true, true, was);
        }
        for (auto& ver : versions) {
            if (ver.state() == presence::deleted) continue;
            const Hlc stamp = clock_.at(wall);
            ver.set_state(presence::deleted, stamp);
            for (const char* f : {"title", "body", "tags"})
                ver.fields[f] = {"", stamp};
            save(ver, true, true, false);
        }
        return;
    }

    View v;
    v.texts = {{"title", s.text(1)}, {"body", s.text(2)}};
    v.fields = {{"tags", s.text(3)},       {"attached_kind", s.text(4)}, {"attached_id", s.text(5)},
                {"created_at", s.text(6)}, {"edited_at", s.text(7)},     {"deleted_at", s.text(8)}};
    v.state = s.text(8).empty() ? presence::alive : presence::trashed;
    v.wall_ms = wall;
    if (absorb(r, v)) save(r, true, true, was);

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
        if (present.count(ver.id) || waiting.count(ver.id) || ver.state() == presence::deleted)
            continue;
        const Hlc stamp = clock_.now();
        ver.set_state(presence::deleted, stamp);
        for (const char* f : {"title", "body", "tags"})
            ver.fields[f] = {"", stamp};
        save(ver, true, true, false);
    }
}

void TableReplica::require_owner(const char* sql, const std::string& id,
                                 const std::string& profile_id) {
    auto& s = db_.cached(sql);
    s.bind(1, id);
    if (s.step() && s.text(0) != profile_id)
        throw StoreError("it would move a record of profile " + s.text(0) + " into profile " +
                         profile_id);
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

// ---- supervision sessions ------------------------------------------------------------------

void TableReplica::detect_supervision(const std::string& id) {
    auto& s =
        db_.cached("SELECT supervisor_profile_id, trainee_profile_id, COALESCE(case_id, ''), "
                   "COALESCE(checklist_record_id, ''), discussion, trainee_reflection, "
                   "COALESCE(signed_by_supervisor_at, ''), COALESCE(signed_by_trainee_at, ''), "
                   "created_at, updated_at, hlc, deleted FROM supervision WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return;
    const std::string supervisor = s.text(0);
    const RecordKey key{"supervision", id};
    Record r = load(key).value_or(Record{"supervision", id, "", supervisor, {}, {}, {}});
    const bool was = r.conflicted();
    const std::int64_t wall = stamp_ms(s.text(10));
    if (s.integer64(11)) {
        if (r.state() != presence::deleted) {
            r.set_state(presence::deleted, clock_.at(wall));
            for (auto& t : r.texts)
                t.second.clear();
            save(r, true, true, was);
        }
        return;
    }
    View v;
    v.fields = {{"supervisor_profile_id", supervisor},
                {"trainee_profile_id", s.text(1)},
                {"case_id", s.text(2)},
                {"checklist_record_id", s.text(3)},
                {"signed_by_supervisor_at", s.text(6)},
                {"signed_by_trainee_at", s.text(7)},
                {"created_at", s.text(8)},
                {"updated_at", s.text(9)}};
    // A save clears both signatures: every change carries the signatures as they now are.
    v.force = {"signed_by_supervisor_at", "signed_by_trainee_at"};
    v.wall_ms = wall;
    const std::string discussion = s.text(4), reflection = s.text(5);
    const bool signed_off = !s.text(6).empty() && !s.text(7).empty();
    if (r.field("sealed").empty()) {
        v.texts = {{"discussion", discussion}, {"trainee_reflection", reflection}};
        if (signed_off) {
            std::vector<std::string> sealed{discussion, reflection, s.text(6), s.text(7)};
            auto& a = db_.cached("SELECT id, position, text, COALESCE(due_on, '') FROM "
                                 "supervision_action WHERE supervision_id = ? AND deleted = 0 "
                                 "ORDER BY position");
            a.bind(1, id);
            while (a.step())
                for (int c = 0; c < 4; ++c)
                    sealed.push_back(a.text(c));
            v.fields.emplace_back("sealed", pack(sealed));
        }
    }
    if (absorb(r, v)) save(r, true, true, was);

    auto parts = [&](const char* kind) {
        std::map<std::string, Record> out;
        for (auto& c : children(key, kind))
            out.emplace(c.id, std::move(c));
        return out;
    };
    auto actions = parts("supervision_action");
    std::vector<std::pair<std::string, View>> changed_actions;
    auto& a = db_.cached("SELECT id, position, text, COALESCE(due_on, ''), deleted, hlc FROM "
                         "supervision_action WHERE supervision_id = ?");
    a.bind(1, id);
    while (a.step()) {
        View av;
        av.fields = {{"position", a.text(1)}, {"text", a.text(2)}, {"due_on", a.text(3)}};
        av.state = a.integer64(4) ? presence::deleted : presence::alive;
        av.wall_ms = stamp_ms(a.text(5));
        changed_actions.emplace_back(a.text(0), std::move(av));
    }
    for (auto& [aid, av] : changed_actions) {
        auto it = actions.find(aid);
        Record ar = it != actions.end()
                        ? it->second
                        : Record{"supervision_action", aid, id, supervisor, {}, {}, {}};
        if (absorb(ar, av)) save(ar, true, true, false);
    }
    auto addenda = parts("supervision_addendum");
    std::vector<std::pair<std::string, View>> new_addenda;
    auto& d = db_.cached("SELECT id, author_profile_id, text, created_at, hlc FROM "
                         "supervision_addendum WHERE supervision_id = ?");
    d.bind(1, id);
    while (d.step()) {
        if (addenda.count(d.text(0))) continue; // never changed once written
        View dv;
        dv.fields = {
            {"author_profile_id", d.text(1)}, {"text", d.text(2)}, {"created_at", d.text(3)}};
        dv.wall_ms = stamp_ms(d.text(4));
        new_addenda.emplace_back(d.text(0), std::move(dv));
    }
    for (auto& [did, dv] : new_addenda) {
        Record dr{"supervision_addendum", did, id, supervisor, {}, {}, {}};
        absorb(dr, dv);
        save(dr, true, true, false);
    }
}

bool TableReplica::apply_supervision(const Record& r) {
    const std::string supervisor = r.field("supervisor_profile_id");
    const std::string trainee = r.field("trainee_profile_id");
    if (!profile_exists(supervisor) || !profile_exists(trainee)) return false;
    const std::string hlc = r.latest().str();
    bool exists = false, signed_off = false;
    {
        auto& s =
            db_.cached("SELECT signed_by_supervisor_at IS NOT NULL AND signed_by_trainee_at IS "
                       "NOT NULL FROM supervision WHERE id = ?");
        s.bind(1, r.id);
        if (s.step()) {
            exists = true;
            signed_off = s.integer64(0) != 0;
        }
    }
    auto add_addenda = [&] {
        for (const auto& d : children(r.key(), "supervision_addendum")) {
            if (!profile_exists(d.field("author_profile_id"))) continue;
            db_.cached("INSERT OR IGNORE INTO supervision_addendum (id, supervision_id, "
                       "author_profile_id, text, created_at, hlc) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(1, d.id)
                .bind(2, r.id)
                .bind(3, d.field("author_profile_id"))
                .bind(4, d.field("text"))
                .bind(5, or_now(d.field("created_at")))
                .bind(6, d.latest().str())
                .run();
        }
    };
    if (signed_off) {
        // Read-only here once both signed: only addenda can still arrive. A seal saying something
        // else (made elsewhere, or forged) is not shown here, but said.
        if (const auto sealed = unpack(r.field("sealed")); sealed && sealed->size() >= 4) {
            auto& s =
                db_.cached("SELECT discussion, trainee_reflection FROM supervision WHERE id = ?");
            s.bind(1, r.id);
            if (s.step() && (s.text(0) != (*sealed)[0] || s.text(1) != (*sealed)[1]))
                notes_.push_back("supervision " + r.id +
                                 ": another device holds a different signed version; this device "
                                 "keeps what was signed here");
        }
        add_addenda();
        index_supervision(r.id);
        return true;
    }
    {
        auto& s = db_.cached("SELECT supervisor_profile_id || '/' || trainee_profile_id FROM "
                             "supervision WHERE id = ?");
        s.bind(1, r.id);
        if (s.step() && s.text(0) != supervisor + "/" + trainee)
            throw StoreError("it would give the session other people");
    }
    // A sealed session is never deleted (a file saying otherwise does not undo a signature).
    if (r.state() == presence::deleted && r.field("sealed").empty()) {
        if (exists) {
            db_.cached("DELETE FROM supervision_search WHERE rowid = "
                       "(SELECT seq FROM supervision WHERE id = ?)")
                .bind(1, r.id)
                .run();
            db_.cached(
                   "UPDATE supervision SET discussion = '', trainee_reflection = '', deleted = 1, "
                   "hlc = ? WHERE id = ?")
                .bind(1, hlc)
                .bind(2, r.id)
                .run();
        }
        return true;
    }

    std::string discussion = r.text("discussion"), reflection = r.text("trainee_reflection");
    struct Action {
        std::string id, position, text, due_on;
        bool deleted = false;
        std::string hlc;
    };
    std::vector<Action> actions;
    std::string by_supervisor = r.field("signed_by_supervisor_at");
    std::string by_trainee = r.field("signed_by_trainee_at");
    const auto sealed = r.field("sealed").empty() ? std::nullopt : unpack(r.field("sealed"));
    if (sealed && sealed->size() >= 4 && sealed->size() % 4 == 0) {
        // What both signed, whatever was written elsewhere meanwhile.
        discussion = (*sealed)[0];
        reflection = (*sealed)[1];
        by_supervisor = (*sealed)[2];
        by_trainee = (*sealed)[3];
        for (std::size_t i = 4; i < sealed->size(); i += 4)
            actions.push_back(
                {(*sealed)[i], (*sealed)[i + 1], (*sealed)[i + 2], (*sealed)[i + 3], false, hlc});
        // Actions the sealed session does not hold are not part of it.
        for (const auto& c : children(r.key(), "supervision_action"))
            if (std::none_of(actions.begin(), actions.end(),
                             [&](const Action& x) { return x.id == c.id; }))
                actions.push_back({c.id, c.field("position"), c.field("text"), c.field("due_on"),
                                   true, c.latest().str()});
    } else {
        for (const auto& c : children(r.key(), "supervision_action"))
            actions.push_back({c.id, c.field("position"), c.field("text"), c.field("due_on"),
                               c.state() == presence::deleted, c.latest().str()});
    }
    const bool both = !by_supervisor.empty() && !by_trainee.empty();
    // The row is written unsigned-by-both first, so its actions can still be written.
    db_.cached(
           "INSERT INTO supervision (id, supervisor_profile_id, trainee_profile_id, case_id, "
           "checklist_record_id, discussion, trainee_reflection, signed_by_supervisor_at, "
           "signed_by_trainee_at, created_at, updated_at, hlc, deleted) "
           "VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, "
           "?, ?, 0) ON CONFLICT (id) DO UPDATE SET "
           "supervisor_profile_id = excluded.supervisor_profile_id, "
           "trainee_profile_id = excluded.trainee_profile_id, case_id = excluded.case_id, "
           "checklist_record_id = excluded.checklist_record_id, "
           "discussion = excluded.discussion, trainee_reflection = excluded.trainee_reflection, "
           "signed_by_supervisor_at = excluded.signed_by_supervisor_at, "
           "signed_by_trainee_at = excluded.signed_by_trainee_at, "
           "created_at = excluded.created_at, updated_at = excluded.updated_at, "
           "hlc = excluded.hlc, deleted = 0")
        .bind(1, r.id)
        .bind(2, supervisor)
        .bind(3, trainee)
        .bind(4, r.field("case_id"))
        .bind(5, r.field("checklist_record_id"))
        .bind(6, discussion)
        .bind(7, reflection)
        .bind(8, by_supervisor)
        .bind(9, both ? std::string{} : by_trainee)
        .bind(10, or_now(r.field("created_at")))
        .bind(11, or_now(r.field("updated_at")))
        .bind(12, hlc)
        .run();
    for (const auto& a : actions)
        db_.cached(
               "INSERT INTO supervision_action (id, supervision_id, position, text, due_on, hlc, "
               "deleted) VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, ?) ON CONFLICT (id) DO UPDATE SET "
               "position = excluded.position, text = excluded.text, due_on = excluded.due_on, "
               "hlc = excluded.hlc, deleted = excluded.deleted")
            .bind(1, a.id)
            .bind(2, r.id)
            .bind_int64(3, to_int(a.position))
            .bind(4, a.text)
            .bind(5, a.due_on)
            .bind(6, a.hlc)
            .bind_int64(7, a.deleted ? 1 : 0)
            .run();
    if (both) {
        db_.cached("UPDATE supervision SET signed_by_trainee_at = ? WHERE id = ?")
            .bind(1, by_trainee)
            .bind(2, r.id)
            .run();
        add_addenda();
    }
    index_supervision(r.id);
    return true;
}

void TableReplica::index_supervision(const std::string& id) {
    // As the Journal indexes a session: who, then everything either of them wrote.
    db_.cached(
           "DELETE FROM supervision_search WHERE rowid = (SELECT seq FROM supervision WHERE id = "
           "?)")
        .bind(1, id)
        .run();
    std::string supervisor, trainee, body, reflection;
    {
        auto& s =
            db_.cached("SELECT (SELECT name FROM profile WHERE id = supervisor_profile_id), "
                       "(SELECT name FROM profile WHERE id = trainee_profile_id), discussion, "
                       "trainee_reflection FROM supervision WHERE id = ? AND deleted = 0");
        s.bind(1, id);
        if (!s.step()) return;
        supervisor = s.text(0);
        trainee = s.text(1);
        body = s.text(2);
        reflection = s.text(3);
    }
    auto& a = db_.cached("SELECT text FROM supervision_action WHERE supervision_id = ? AND "
                         "deleted = 0 ORDER BY position");
    a.bind(1, id);
    while (a.step())
        body += "\n" + a.text(0);
    body += "\n" + reflection;
    auto& d = db_.cached("SELECT text FROM supervision_addendum WHERE supervision_id = ? "
                         "ORDER BY created_at, rowid");
    d.bind(1, id);
    while (d.step())
        body += "\n" + d.text(0);
    db_.cached("INSERT INTO supervision_search (rowid, title, body) "
               "SELECT seq, ?, ? FROM supervision WHERE id = ?")
        .bind(1, "Supervision: " + supervisor + " with " + trainee)
        .bind(2, body)
        .bind(3, id)
        .run();
}

// ---- checklist decision records ------------------------------------------------------------

void TableReplica::detect_checklist_record(const std::string& id) {
    const RecordKey key{"checklist_record", id};
    auto loaded = load(key);
    auto& s = db_.cached("SELECT mode, COALESCE(case_id, ''), jurisdiction, answers_json, outcome, "
                         "created_at, updated_at, COALESCE(finalised_at, ''), profile_id "
                         "FROM checklist_record WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) {
        // A draft deleted here.
        if (loaded && loaded->state() != presence::deleted) {
            loaded->set_state(presence::deleted, clock_.now());
            save(*loaded, true, true, false);
        }
        return;
    }
    Record r = loaded.value_or(Record{"checklist_record", id, "", s.text(8), {}, {}, {}});
    View v;
    v.fields = {{"mode", s.text(0)},
                {"case_id", s.text(1)},
                {"created_at", s.text(5)},
                {"updated_at", s.text(6)},
                {"finalised_at", s.text(7)}};
    if (r.field("sealed").empty()) {
        v.fields.insert(
            v.fields.end(),
            {{"jurisdiction", s.text(2)}, {"answers_json", s.text(3)}, {"outcome", s.text(4)}});
        if (!s.text(7).empty())
            v.fields.emplace_back("sealed", pack({s.text(2), s.text(3), s.text(4)}));
    }
    if (absorb(r, v)) save(r, true, true, false);

    std::set<std::string> known;
    for (const auto& c : children(key, "record_addendum"))
        known.insert(c.id);
    std::vector<Record> fresh;
    auto& a = db_.cached("SELECT id, text, created_at FROM record_addendum WHERE record_id = ?");
    a.bind(1, id);
    while (a.step()) {
        if (known.count(a.text(0))) continue;
        Record ar{"record_addendum", a.text(0), id, r.profile_id, {}, {}, {}};
        View av;
        av.fields = {{"text", a.text(1)}, {"created_at", a.text(2)}};
        absorb(ar, av);
        fresh.push_back(std::move(ar));
    }
    for (const auto& ar : fresh)
        save(ar, true, true, false);
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

// ---- attempts and their choices ------------------------------------------------------------

void TableReplica::detect_attempt(const std::string& id) {
    const RecordKey key{"attempt", id};
    auto loaded = load(key);
    auto& s = db_.cached("SELECT case_id, started_at, COALESCE(finished_at, ''), profile_id "
                         "FROM attempt WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) {
        if (loaded && loaded->state() != presence::deleted) {
            loaded->set_state(presence::deleted, clock_.now());
            save(*loaded, true, true, false);
        }
        return;
    }
    Record r = loaded.value_or(Record{"attempt", id, "", s.text(3), {}, {}, {}});
    View v;
    v.fields = {{"case_id", s.text(0)}, {"started_at", s.text(1)}, {"finished_at", s.text(2)}};
    std::set<std::string> decisions;
    auto& c =
        db_.cached("SELECT decision_id, option_key, chosen_at FROM choice WHERE attempt_id = ?");
    c.bind(1, id);
    while (c.step()) {
        decisions.insert(c.text(0));
        v.fields.emplace_back("choice:" + c.text(0), c.text(1));
        v.fields.emplace_back("chosen_at:" + c.text(0), c.text(2));
    }
    for (const auto& [name, reg] : r.fields)
        if (name.rfind("choice:", 0) == 0 && !decisions.count(name.substr(7)))
            v.fields.emplace_back(name, "");
    if (absorb(r, v)) save(r, true, true, false);
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

// ---- reflections ---------------------------------------------------------------------------

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
