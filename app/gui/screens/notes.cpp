// Notes: the list, search as you type, the trash, and the editor with its identifier check and
// earlier versions.
#include "screens/notes.hpp"

#include "casebook/base.hpp"
#include "gui_app.hpp"
#include "session.hpp"

#include <algorithm>
#include <cctype>
#include <imgui_stdlib.h>
#include <span>

namespace casebook::gui {

namespace {

std::string first_line(const std::string& text, std::size_t limit = 140) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > limit) line = line.substr(0, limit) + "\u2026";
    return line;
}

} // namespace

void NoteScreen::start(Context& cx, const std::string& attached_kind,
                       const std::string& attached_id) {
    cx.app.save_pending();
    *this = {};
    draft.attached_kind = attached_kind;
    draft.attached_id = attached_id;
    cx.go(Screen::note);
}

void NoteScreen::open(Context& cx, const std::string& note_id) {
    cx.app.save_pending();
    *this = {};
    if (!cx.person()) return;
    std::optional<Note> n;
    cx.act(cx.session().notes.message, [&] { n = cx.journal.note(cx.profile, note_id); });
    if (n) {
        id = n->id;
        draft = {n->title, n->body, n->tags, n->attached_kind, n->attached_id};
        tags_text = join_tags(n->tags);
        cx.go(Screen::note);
    }
}

void NoteScreen::save(Context& cx) {
    if (!dirty || !cx.person()) return;
    draft.tags = split_tags(tags_text);
    try {
        if (id.empty()) {
            if (draft.title.empty() && draft.body.empty()) return;
            id = cx.journal.add_note(cx.profile, draft).id;
        } else {
            cx.journal.save_note(cx.profile, id, draft,
                                 saved_this_sitting ? NoteSave::amend_current
                                                    : NoteSave::new_version);
        }
        saved_this_sitting = true;
        dirty = false;
        message.clear();
    } catch (const std::exception& e) {
        // Keep the text on screen and say why; the next edit tries again.
        message = std::string("Not saved yet: ") + e.what();
    }
}

void NotesScreen::refresh(Context& cx) {
    NotesScreen& v = *this;
    v.notes.clear();
    v.trash.clear();
    v.hits.clear();
    v.texts.clear();
    v.cards.forget();
    if (!cx.person()) return;
    const std::string& who = cx.profile;
    if (!v.search.empty()) {
        v.hits = cx.journal.search(who, v.search, {});
        return;
    }
    v.trash = cx.journal.trash(who);
    // The most recent notes, a page at a time: a list of thousands would be too much to draw (and
    // search finds the older ones).
    NoteFilter recent;
    recent.limit = v.shown + 1;
    v.notes = cx.journal.notes(who, recent);
    for (const auto& n : v.notes) {
        CardText t{"note-" + n.id, n.title.empty() ? "(untitled)" : n.title, first_line(n.body),
                   "Edited " + readable_time(n.edited_at)};
        if (!n.tags.empty()) t.meta += "  \u00b7  " + join_tags(n.tags);
        v.texts.push_back(std::move(t));
    }
}

void NoteScreen::refresh(Context& cx) {
    if (cx.person() && !id.empty()) versions = cx.journal.note_versions(cx.profile, id);
    refresh_findings();
}

void NoteScreen::refresh_findings() {
    NoteScreen& n = *this;
    if (n.found_in == n.draft.body) return; // checked against its input, as a cache is
    n.found = find_identifiers(n.draft.body);
    n.found_in = n.draft.body;
}

void NotesScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const Palette& p = ui.colours();
    if (!cx.person()) {
        heading(ui, "Notes");
        muted(ui, "Notes belong to a profile, so nobody else using this device can read them.");
        if (big_button(ui, "notes-profile", "Choose or add a profile", 0, true)) cx.app.lock();
        return;
    }
    heading(ui, "Notes");
    if (big_button(ui, "new-note", "New note", 0, true)) {
        cx.session().note.start(cx);
        return;
    }
    ImGui::SetNextItemWidth(ui.avail());
    if (ImGui::InputTextWithHint("##notes-search", "Search your notes, supervision and the cases",
                                 &search))
        cx.act(message, [&] { refresh(cx); }); // as you type: on the change only
    ui.record("##notes-search");
    ui.note_text_field();
    if (!message.empty()) panel(ui, "Not done", message, p.unsafe);

    if (!search.empty()) {
        muted(ui, std::to_string(hits.size()) + (hits.size() == 1 ? " match" : " matches"));
        for (const auto& hit : hits) {
            const std::string id = "hit-" + hit.id;
            const char* kind = hit.kind == SearchKind::note          ? "Note"
                               : hit.kind == SearchKind::supervision ? "Supervision"
                                                                     : "Case";
            if (big_button(ui, id.c_str(), std::string(kind) + ": " + hit.title)) {
                if (hit.kind == SearchKind::note) cx.session().note.open(cx, hit.id);
                if (hit.kind == SearchKind::supervision) cx.app.open_supervision_by_id(hit.id);
                if (hit.kind == SearchKind::case_text) cx.app.open_case(hit.id);
                return;
            }
            rich_text(ui, marked_runs(hit.snippet, "[", "]"), p.accent);
        }
        return;
    }

    if (show_trash) {
        muted(ui, "Deleted notes stay here until you empty them one by one.");
        for (const auto& n : trash) {
            panel(ui, n.title.empty() ? "(untitled)" : n.title,
                  first_line(n.body) + "\nDeleted " + readable_time(n.deleted_at), p.muted);
            if (big_button(ui, ("restore-" + n.id).c_str(),
                           "Restore \u201c" + n.title + "\u201d")) {
                const std::string id = n.id;
                cx.act(message, [&] { cx.journal.restore_note(cx.profile, id); });
                break; // the list is read again after this frame
            }
        }
        if (big_button(ui, "notes-back", "Back to notes")) {
            show_trash = false;
            cx.reread();
        }
        return;
    }
    const bool more = notes.size() > shown;
    const auto listed = std::span(notes.data(), std::min(notes.size(), shown));
    if (listed.empty())
        muted(ui, "No notes yet. Your own notes go here; a reflection on a case stays with the "
                  "case, and supervision sessions are below.");
    const bool opened = cards.draw(ui, listed.size(), [&](std::size_t i) {
        const Note& n = listed[i];
        const CardText& t = texts[i];
        if (card(ui, t.id.c_str(), t.title, t.body, t.meta, "", p.muted)) {
            cx.session().note.open(cx, n.id);
            return true;
        }
        return false;
    });
    if (opened) return;
    if (more && big_button(ui, "more-notes", "Show older notes")) {
        shown += page;
        cx.reread();
    }
    const auto trashed = trash.size();
    if (trashed && big_button(ui, "show-trash", "Trash (" + std::to_string(trashed) + ")"))
        show_trash = true;
    ImGui::Dummy({0, ui.metrics.gap()});
    if (big_button(ui, "open-supervision", "Supervision sessions")) cx.go(Screen::supervisions);
}

void NoteScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    if (!cx.person()) {
        cx.go(Screen::notes);
        return;
    }
    heading(ui, id.empty() ? "New note" : "Note");
    if (draft.attached_kind == "case")
        if (const Case* c = cx.library.find(draft.attached_id)) muted(ui, "About: " + c->title);

    bool changed = false;
    ImGui::SetNextItemWidth(ui.avail());
    changed |= ImGui::InputTextWithHint("##note-title", "Title", &draft.title);
    ui.record("##note-title");
    ui.note_text_field();
    changed |= text_editor(ui, "##note-body", draft.body, 8.0f);
    ImGui::SetNextItemWidth(ui.avail());
    changed |= ImGui::InputTextWithHint("##note-tags", "Tags, separated by commas", &tags_text);
    ui.record("##note-tags");
    ui.note_text_field();
    if (changed) {
        dirty = true;
        cx.edited();
    }
    muted(ui, dirty ? "Saving\u2026" : id.empty() ? "Saved as you type." : "Saved.");
    // Done sits right under the fields: the checks and versions that appear while typing come
    // after it, so they never push it away from a finger.
    if (big_button(ui, "note-done", "Done", 0, true)) {
        cx.go(Screen::notes);
        return;
    }
    if (!message.empty()) panel(ui, "Not saved", message, p.unsafe);

    // Anything that looks like it identifies a patient is marked, with one tap to remove it.
    refresh_findings(); // found again only when the body changed
    if (!found.empty()) {
        heading(ui, "Check before you keep this");
        muted(ui, "These look like details that identify a patient. Notes are for learning: "
                  "remove them unless you are sure they are needed.");
        for (std::size_t i = 0; i < found.size(); ++i) {
            const auto& f = found[i];
            const std::size_t from = f.begin > 40 ? f.begin - 40 : 0;
            std::vector<TextRun> runs{
                {(from ? "\u2026" : "") + draft.body.substr(from, f.begin - from), false},
                {draft.body.substr(f.begin, f.end - f.begin), true},
                {draft.body.substr(f.end, 40) + (f.end + 40 < draft.body.size() ? "\u2026" : ""),
                 false}};
            std::string why = f.reason;
            if (!why.empty())
                why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
            muted(ui, why);
            rich_text(ui, runs, p.unsafe);
            if (big_button(ui, ("redact-" + std::to_string(i)).c_str(),
                           std::string("Remove this ") + label(f.kind))) {
                draft.body = redact(draft.body, {f});
                dirty = true;
                cx.edited();
                break;
            }
        }
        if (found.size() > 1 && big_button(ui, "redact-all", "Remove all of them")) {
            draft.body = redact(draft.body, found);
            dirty = true;
            cx.edited();
        }
    }

    if (!id.empty()) {
        if (versions.size() > 1 &&
            disclosure(ui, "versions",
                       "Earlier versions (" + std::to_string(versions.size() - 1) + ")",
                       p.accent)) {
            for (auto it = versions.rbegin() + 1; it != versions.rend(); ++it) {
                panel(ui,
                      "Version " + std::to_string(it->number) + ", " + readable_time(it->saved_at),
                      first_line(it->body, 300), p.muted);
                if (big_button(ui, ("restore-version-" + std::to_string(it->number)).c_str(),
                               "Restore version " + std::to_string(it->number))) {
                    save(cx);
                    const int number = it->number;
                    cx.act(message, [&] {
                        const Note n = cx.journal.restore_version(cx.profile, id, number);
                        draft = {n.title, n.body, n.tags, n.attached_kind, n.attached_id};
                        tags_text = join_tags(n.tags);
                        saved_this_sitting = false;
                    });
                    break;
                }
            }
        }
    }
    ImGui::Dummy({0, m.gap()});
    if (!id.empty() && big_button(ui, "note-trash", "Move to trash")) {
        save(cx);
        if (cx.act(message, [&] { cx.journal.trash_note(cx.profile, id); })) {
            *this = {};
            cx.go(Screen::notes);
        }
    }
}

} // namespace casebook::gui
