// Notes: every saved text kept as a version, deletion through a trash.
#include "journal/support.hpp"

#include <algorithm>
#include <iterator>

namespace casebook {

using detail::Statement;
using detail::Transaction;

namespace {

// Every note query goes through these columns and is filtered by profile_id.
const char* note_columns =
    "SELECT id, profile_id, title, body, tags, attached_kind, COALESCE(attached_id, ''), "
    "created_at, edited_at, COALESCE(deleted_at, ''), "
    "COALESCE((SELECT MAX(number) FROM note_version v WHERE v.note_id = note.id), 0) FROM note ";

Note read_note(const Statement& s) {
    return {s.text(0),    s.text(1), s.text(2), s.text(3), detail::split_tags(s.text(4)),
            s.text(5),    s.text(6), s.text(7), s.text(8), s.text(9),
            s.integer(10)};
}

NoteDraft checked(const NoteDraft& draft) {
    NoteDraft d = draft;
    if (d.attached_kind.empty()) d.attached_kind = "none";
    if (std::find_if(std::begin(note_attachments), std::end(note_attachments), [&](const char* k) {
            return d.attached_kind == k;
        }) == std::end(note_attachments))
        throw JournalError("a note is attached to none, case, decision or checklist_record, not '" +
                           d.attached_kind + "'");
    if (d.attached_kind == "none")
        d.attached_id.clear();
    else if (d.attached_id.empty())
        throw JournalError("a note attached to a " + d.attached_kind + " needs its id");
    if (d.attached_kind == "decision" && d.attached_id.find('/') == std::string::npos)
        throw JournalError("a decision is named case-id/decision-id, not '" + d.attached_id + "'");
    d.tags = detail::clean_tags(d.tags);
    return d;
}

} // namespace

Note Journal::add_note(const std::string& profile_id, const NoteDraft& draft) {
    const NoteDraft d = checked(draft);
    require_profile(profile_id);
    Note n{random_id(),   profile_id, d.title, d.body, d.tags, d.attached_kind,
           d.attached_id, now(),      {},      {},     1};
    n.edited_at = n.created_at;
    const std::string tags = detail::join_tags(n.tags);
    Transaction t(store_.db());
    Statement s(store_.db(),
                "INSERT INTO note (id, profile_id, title, body, tags, attached_kind, attached_id, "
                "created_at, edited_at, hlc) VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?)");
    s.bind(1, n.id).bind(2, profile_id).bind(3, n.title).bind(4, n.body).bind(5, tags);
    s.bind(6, n.attached_kind).bind(7, n.attached_id).bind(8, n.created_at).bind(9, n.edited_at);
    s.bind(10, stamp()).step();
    Statement v(store_.db(),
                "INSERT INTO note_version (note_id, number, title, body, tags, saved_at, hlc) "
                "VALUES (?, 1, ?, ?, ?, ?, ?)");
    v.bind(1, n.id).bind(2, n.title).bind(3, n.body).bind(4, tags).bind(5, n.created_at);
    v.bind(6, stamp()).step();
    t.commit();
    return n;
}

Note Journal::require_note(const std::string& profile_id, const std::string& note_id) const {
    auto n = note(profile_id, note_id);
    // The same words whether the note does not exist or belongs to someone else.
    if (!n) throw JournalError("no note " + note_id + " in this profile");
    return *n;
}

void Journal::write_note_text(const Note& current, const NoteDraft& d, NoteSave how) {
    const std::string tags = detail::join_tags(d.tags);
    const std::string at = now();
    Transaction t(store_.db());
    Statement s(store_.db(), "UPDATE note SET title = ?, body = ?, tags = ?, attached_kind = ?, "
                             "attached_id = NULLIF(?, ''), edited_at = ?, hlc = ? "
                             "WHERE id = ? AND profile_id = ? AND deleted = 0");
    s.bind(1, d.title).bind(2, d.body).bind(3, tags).bind(4, d.attached_kind);
    s.bind(5, d.attached_id).bind(6, at).bind(7, stamp()).bind(8, current.id);
    s.bind(9, current.profile_id).step();
    const bool text_changed =
        d.title != current.title || d.body != current.body || d.tags != current.tags;
    if (text_changed && how == NoteSave::amend_current && current.version > 0) {
        Statement v(store_.db(),
                    "UPDATE note_version SET title = ?, body = ?, tags = ?, saved_at = ?, hlc = ? "
                    "WHERE note_id = ? AND number = ?");
        v.bind(1, d.title).bind(2, d.body).bind(3, tags).bind(4, at).bind(5, stamp());
        v.bind(6, current.id).bind(7, std::to_string(current.version)).step();
    } else if (text_changed) {
        Statement v(store_.db(),
                    "INSERT INTO note_version (note_id, number, title, body, tags, saved_at, hlc) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)");
        v.bind(1, current.id).bind(2, std::to_string(current.version + 1)).bind(3, d.title);
        v.bind(4, d.body).bind(5, tags).bind(6, at).bind(7, stamp()).step();
    }
    t.commit();
}

Note Journal::save_note(const std::string& profile_id, const std::string& note_id,
                        const NoteDraft& draft, NoteSave how) {
    const NoteDraft d = checked(draft);
    const Note current = require_note(profile_id, note_id);
    if (current.in_trash())
        throw JournalError("note " + note_id + " is in the trash: restore it before editing");
    if (d.title == current.title && d.body == current.body && d.tags == current.tags &&
        d.attached_kind == current.attached_kind && d.attached_id == current.attached_id)
        return current;
    write_note_text(current, d, how);
    return require_note(profile_id, note_id);
}

std::optional<Note> Journal::note(const std::string& profile_id, const std::string& note_id) const {
    Statement s(
        store_.db(),
        (std::string(note_columns) + "WHERE id = ? AND profile_id = ? AND deleted = 0").c_str());
    s.bind(1, note_id).bind(2, profile_id);
    if (!s.step()) return std::nullopt;
    return read_note(s);
}

std::vector<Note> Journal::notes(const std::string& profile_id, const NoteFilter& filter) const {
    std::vector<Note> out;
    Statement s(store_.db(), (std::string(note_columns) +
                              "WHERE profile_id = ? AND deleted = 0 AND deleted_at IS NULL "
                              "AND (? = '' OR attached_kind = ?) AND (? = '' OR attached_id = ?) "
                              "ORDER BY edited_at DESC, seq DESC")
                                 .c_str());
    s.bind(1, profile_id).bind(2, filter.attached_kind).bind(3, filter.attached_kind);
    s.bind(4, filter.attached_id).bind(5, filter.attached_id);
    const auto tag = detail::lower_ascii(filter.tag);
    while (s.step()) {
        Note n = read_note(s);
        if (!tag.empty() && std::none_of(n.tags.begin(), n.tags.end(), [&](const std::string& t) {
                return detail::lower_ascii(t) == tag;
            }))
            continue;
        out.push_back(std::move(n));
        if (filter.limit && out.size() == filter.limit) break;
    }
    return out;
}

std::vector<Note> Journal::trash(const std::string& profile_id) const {
    std::vector<Note> out;
    Statement s(store_.db(), (std::string(note_columns) +
                              "WHERE profile_id = ? AND deleted = 0 AND deleted_at IS NOT NULL "
                              "ORDER BY deleted_at DESC, seq DESC")
                                 .c_str());
    s.bind(1, profile_id);
    while (s.step())
        out.push_back(read_note(s));
    return out;
}

std::vector<NoteVersion> Journal::note_versions(const std::string& profile_id,
                                                const std::string& note_id) const {
    require_note(profile_id, note_id);
    std::vector<NoteVersion> out;
    Statement s(store_.db(),
                "SELECT number, title, body, tags, saved_at FROM note_version WHERE note_id = ? "
                "ORDER BY number");
    s.bind(1, note_id);
    while (s.step())
        out.push_back(
            {s.integer(0), s.text(1), s.text(2), detail::split_tags(s.text(3)), s.text(4)});
    return out;
}

Note Journal::restore_version(const std::string& profile_id, const std::string& note_id,
                              int number) {
    const Note current = require_note(profile_id, note_id);
    for (const auto& v : note_versions(profile_id, note_id)) {
        if (v.number != number) continue;
        NoteDraft d{v.title, v.body, v.tags, current.attached_kind, current.attached_id};
        return save_note(profile_id, note_id, d, NoteSave::new_version);
    }
    throw JournalError("note " + note_id + " has no version " + std::to_string(number) +
                       " (it has 1 to " + std::to_string(current.version) + ")");
}

void Journal::trash_note(const std::string& profile_id, const std::string& note_id) {
    const Note n = require_note(profile_id, note_id);
    if (n.in_trash()) return;
    Statement s(store_.db(),
                "UPDATE note SET deleted_at = ?, hlc = ? WHERE id = ? AND profile_id = ?");
    s.bind(1, now()).bind(2, stamp()).bind(3, note_id).bind(4, profile_id).step();
}

Note Journal::restore_note(const std::string& profile_id, const std::string& note_id) {
    const Note n = require_note(profile_id, note_id);
    if (!n.in_trash()) return n;
    Statement s(store_.db(),
                "UPDATE note SET deleted_at = NULL, hlc = ? WHERE id = ? AND profile_id = ?");
    s.bind(1, stamp()).bind(2, note_id).bind(3, profile_id).step();
    return require_note(profile_id, note_id);
}

void Journal::purge_note(const std::string& profile_id, const std::string& note_id) {
    const Note n = require_note(profile_id, note_id);
    if (!n.in_trash())
        throw JournalError("note " + note_id + " is not in the trash: delete it first");
    Transaction t(store_.db());
    Statement versions(store_.db(), "DELETE FROM note_version WHERE note_id = ?");
    versions.bind(1, note_id).step();
    // The text goes; the row stays as a tombstone so sync can tell other devices.
    Statement s(store_.db(),
                "UPDATE note SET title = '', body = '', tags = '', attached_kind = 'none', "
                "attached_id = NULL, deleted = 1, hlc = ? WHERE id = ? AND profile_id = ?");
    s.bind(1, stamp()).bind(2, note_id).bind(3, profile_id).step();
    t.commit();
}

} // namespace casebook
