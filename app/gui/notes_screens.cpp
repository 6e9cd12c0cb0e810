// Notes: the list, search as you type, the trash, and the editor with its identifier check and
// earlier versions.
#include "casebook/base.hpp"
#include "gui_app.hpp"

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

void GuiApp::new_note(const std::string& attached_kind, const std::string& attached_id) {
    save_pending();
    ss().note = {};
    ss().note.draft.attached_kind = attached_kind;
    ss().note.draft.attached_id = attached_id;
    go(Screen::note);
}

void GuiApp::open_note(const std::string& id) {
    save_pending();
    ss().note = {};
    if (!profile()) return;
    std::optional<Note> n;
    act(ss().notes.message, [&] { n = journal_.note(profile()->id, id); });
    if (n) {
        ss().note.id = n->id;
        ss().note.draft = {n->title, n->body, n->tags, n->attached_kind, n->attached_id};
        ss().note.tags_text = join_tags(n->tags);
        go(Screen::note);
    }
}

void GuiApp::save_note_now() {
    if (!ss().note.dirty || !profile()) return;
    ss().note.draft.tags = split_tags(ss().note.tags_text);
    try {
        if (ss().note.id.empty()) {
            if (ss().note.draft.title.empty() && ss().note.draft.body.empty()) return;
            ss().note.id = journal_.add_note(profile()->id, ss().note.draft).id;
        } else {
            journal_.save_note(profile()->id, ss().note.id, ss().note.draft,
                               ss().note.saved_this_sitting ? NoteSave::amend_current
                                                            : NoteSave::new_version);
        }
        ss().note.saved_this_sitting = true;
        ss().note.dirty = false;
        ss().note.message.clear();
    } catch (const std::exception& e) {
        // Keep the text on screen and say why; the next edit tries again.
        ss().note.message = std::string("Not saved yet: ") + e.what();
    }
}

void GuiApp::refresh_notes() {
    NotesScreen& v = ss().notes;
    v.notes.clear();
    v.trash.clear();
    v.hits.clear();
    if (!profile()) return;
    const std::string& who = profile()->id;
    if (!v.search.empty()) {
        v.hits = journal_.search(who, v.search, {});
        return;
    }
    v.trash = journal_.trash(who);
    // The most recent notes, a page at a time: a list of thousands would be too much to draw (and
    // search finds the older ones).
    NoteFilter recent;
    recent.limit = v.shown + 1;
    v.notes = journal_.notes(who, recent);
}

void GuiApp::refresh_note_findings() {
    NoteEdit& n = ss().note;
    if (n.found_in == n.draft.body) return; // checked against its input, as a cache is
    n.found = find_identifiers(n.draft.body);
    n.found_in = n.draft.body;
}

void GuiApp::notes_screen() {
    const Palette& p = ui_.colours();
    if (!profile()) {
        heading(ui_, "Notes");
        muted(ui_, "Notes belong to a profile, so nobody else using this device can read them.");
        if (big_button(ui_, "notes-profile", "Choose or add a profile", 0, true)) lock();
        return;
    }
    heading(ui_, "Notes");
    if (big_button(ui_, "new-note", "New note", 0, true)) {
        new_note();
        return;
    }
    ImGui::SetNextItemWidth(ui_.avail());
    if (ImGui::InputTextWithHint("##notes-search", "Search your notes, supervision and the cases",
                                 &ss().notes.search))
        act(ss().notes.message, [&] { refresh_notes(); }); // as you type: on the change only
    ui_.record("##notes-search");
    ui_.note_text_field();
    if (!ss().notes.message.empty()) panel(ui_, "Not done", ss().notes.message, p.unsafe);

    if (!ss().notes.search.empty()) {
        const auto& hits = ss().notes.hits;
        muted(ui_, std::to_string(hits.size()) + (hits.size() == 1 ? " match" : " matches"));
        for (const auto& hit : hits) {
            const std::string id = "hit-" + hit.id;
            const char* kind = hit.kind == SearchKind::note          ? "Note"
                               : hit.kind == SearchKind::supervision ? "Supervision"
                                                                     : "Case";
            if (big_button(ui_, id.c_str(), std::string(kind) + ": " + hit.title)) {
                if (hit.kind == SearchKind::note) open_note(hit.id);
                if (hit.kind == SearchKind::supervision) open_supervision(hit.id);
                if (hit.kind == SearchKind::case_text) open_case(hit.id);
                return;
            }
            rich_text(ui_, marked_runs(hit.snippet, "[", "]"), p.accent);
        }
        return;
    }

    if (ss().notes.show_trash) {
        muted(ui_, "Deleted notes stay here until you empty them one by one.");
        for (const auto& n : ss().notes.trash) {
            panel(ui_, n.title.empty() ? "(untitled)" : n.title,
                  first_line(n.body) + "\nDeleted " + readable_time(n.deleted_at), p.muted);
            if (big_button(ui_, ("restore-" + n.id).c_str(),
                           "Restore \u201c" + n.title + "\u201d")) {
                const std::string id = n.id;
                act(ss().notes.message, [&] { journal_.restore_note(profile()->id, id); });
                break; // the list is read again after this frame
            }
        }
        if (big_button(ui_, "notes-back", "Back to notes")) {
            ss().notes.show_trash = false;
            stale_ = true;
        }
        return;
    }
    const auto& all = ss().notes.notes;
    const bool more = all.size() > ss().notes.shown;
    const auto notes = std::span(all.data(), std::min(all.size(), ss().notes.shown));
    if (notes.empty())
        muted(ui_, "No notes yet. Your own notes go here; a reflection on a case stays with the "
                   "case, and supervision sessions are below.");
    for (const auto& n : notes) {
        std::string meta = "Edited " + readable_time(n.edited_at);
        if (!n.tags.empty()) meta += "  \u00b7  " + join_tags(n.tags);
        if (card(ui_, ("note-" + n.id).c_str(), n.title.empty() ? "(untitled)" : n.title,
                 first_line(n.body), meta, "", p.muted)) {
            open_note(n.id);
            return;
        }
    }
    if (more && big_button(ui_, "more-notes", "Show older notes")) {
        ss().notes.shown += NotesScreen::page;
        stale_ = true;
    }
    const auto trashed = ss().notes.trash.size();
    if (trashed && big_button(ui_, "show-trash", "Trash (" + std::to_string(trashed) + ")"))
        ss().notes.show_trash = true;
    ImGui::Dummy({0, ui_.metrics.gap()});
    if (big_button(ui_, "open-supervision", "Supervision sessions")) go(Screen::supervisions);
}

void GuiApp::note_screen() {
    const UiMetrics& m = ui_.metrics;
    const Palette& p = ui_.colours();
    if (!profile()) {
        go(Screen::notes);
        return;
    }
    heading(ui_, ss().note.id.empty() ? "New note" : "Note");
    if (ss().note.draft.attached_kind == "case")
        if (const Case* c = library_.find(ss().note.draft.attached_id))
            muted(ui_, "About: " + c->title);

    bool changed = false;
    ImGui::SetNextItemWidth(ui_.avail());
    changed |= ImGui::InputTextWithHint("##note-title", "Title", &ss().note.draft.title);
    ui_.record("##note-title");
    ui_.note_text_field();
    changed |= text_editor(ui_, "##note-body", ss().note.draft.body, 8.0f);
    ImGui::SetNextItemWidth(ui_.avail());
    changed |=
        ImGui::InputTextWithHint("##note-tags", "Tags, separated by commas", &ss().note.tags_text);
    ui_.record("##note-tags");
    ui_.note_text_field();
    if (changed) {
        ss().note.dirty = true;
        edited();
    }
    muted(ui_, ss().note.dirty        ? "Saving\u2026"
               : ss().note.id.empty() ? "Saved as you type."
                                      : "Saved.");
    // Done sits right under the fields: the checks and versions that appear while typing come
    // after it, so they never push it away from a finger.
    if (big_button(ui_, "note-done", "Done", 0, true)) {
        go(Screen::notes);
        return;
    }
    if (!ss().note.message.empty()) panel(ui_, "Not saved", ss().note.message, p.unsafe);

    // Anything that looks like it identifies a patient is marked, with one tap to remove it.
    refresh_note_findings(); // found again only when the body changed
    const auto found = ss().note.found;
    if (!found.empty()) {
        heading(ui_, "Check before you keep this");
        muted(ui_, "These look like details that identify a patient. Notes are for learning: "
                   "remove them unless you are sure they are needed.");
        for (std::size_t i = 0; i < found.size(); ++i) {
            const auto& f = found[i];
            const std::size_t from = f.begin > 40 ? f.begin - 40 : 0;
            std::vector<TextRun> runs{
                {(from ? "\u2026" : "") + ss().note.draft.body.substr(from, f.begin - from), false},
                {ss().note.draft.body.substr(f.begin, f.end - f.begin), true},
                {ss().note.draft.body.substr(f.end, 40) +
                     (f.end + 40 < ss().note.draft.body.size() ? "\u2026" : ""),
                 false}};
            std::string why = f.reason;
            if (!why.empty())
                why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
            muted(ui_, why);
            rich_text(ui_, runs, p.unsafe);
            if (big_button(ui_, ("redact-" + std::to_string(i)).c_str(),
                           std::string("Remove this ") + label(f.kind))) {
                ss().note.draft.body = redact(ss().note.draft.body, {f});
                ss().note.dirty = true;
                edited();
                break;
            }
        }
        if (found.size() > 1 && big_button(ui_, "redact-all", "Remove all of them")) {
            ss().note.draft.body = redact(ss().note.draft.body, found);
            ss().note.dirty = true;
            edited();
        }
    }

    if (!ss().note.id.empty()) {
        const auto& versions = ss().note.versions;
        if (versions.size() > 1 &&
            disclosure(ui_, "versions",
                       "Earlier versions (" + std::to_string(versions.size() - 1) + ")",
                       p.accent)) {
            for (auto it = versions.rbegin() + 1; it != versions.rend(); ++it) {
                panel(ui_,
                      "Version " + std::to_string(it->number) + ", " + readable_time(it->saved_at),
                      first_line(it->body, 300), p.muted);
                if (big_button(ui_, ("restore-version-" + std::to_string(it->number)).c_str(),
                               "Restore version " + std::to_string(it->number))) {
                    save_note_now();
                    const int number = it->number;
                    act(ss().note.message, [&] {
                        const Note n =
                            journal_.restore_version(profile()->id, ss().note.id, number);
                        ss().note.draft = {n.title, n.body, n.tags, n.attached_kind, n.attached_id};
                        ss().note.tags_text = join_tags(n.tags);
                        ss().note.saved_this_sitting = false;
                    });
                    break;
                }
            }
        }
    }
    ImGui::Dummy({0, m.gap()});
    if (!ss().note.id.empty() && big_button(ui_, "note-trash", "Move to trash")) {
        save_note_now();
        if (act(ss().note.message, [&] { journal_.trash_note(profile()->id, ss().note.id); })) {
            ss().note = {};
            go(Screen::notes);
        }
    }
}

} // namespace casebook::gui
