// Notes: the list, search as you type, the trash, and the editor with its identifier check and
// earlier versions.
#include "casebook/tags.hpp"
#include "gui_app.hpp"

#include <algorithm>
#include <cctype>
#include <imgui_stdlib.h>

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
    note_ = {};
    note_.draft.attached_kind = attached_kind;
    note_.draft.attached_id = attached_id;
    go(Screen::note);
}

void GuiApp::open_note(const std::string& id) {
    save_pending();
    note_ = {};
    if (!profile_) return;
    if (auto n = journal_.note(profile_->id, id)) {
        note_.id = n->id;
        note_.draft = {n->title, n->body, n->tags, n->attached_kind, n->attached_id};
        note_.tags_text = join_tags(n->tags);
        go(Screen::note);
    }
}

void GuiApp::save_note_now() {
    if (!note_.dirty || !profile_) return;
    note_.draft.tags = split_tags(note_.tags_text);
    try {
        if (note_.id.empty()) {
            if (note_.draft.title.empty() && note_.draft.body.empty()) return;
            note_.id = journal_.add_note(profile_->id, note_.draft).id;
        } else {
            journal_.save_note(profile_->id, note_.id, note_.draft,
                               note_.saved_this_sitting ? NoteSave::amend_current
                                                        : NoteSave::new_version);
        }
        note_.saved_this_sitting = true;
        note_.dirty = false;
        note_.message.clear();
    } catch (const std::exception& e) {
        // Keep the text on screen and say why; the next edit tries again.
        note_.message = std::string("Not saved yet: ") + e.what();
    }
}

void GuiApp::notes_screen() {
    const Palette& p = ui_.colours();
    if (!profile_) {
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
    ImGui::InputTextWithHint("##notes-search", "Search your notes, supervision and the cases",
                             &notes_search_);
    ui_.record("##notes-search");
    ui_.note_text_field();

    if (!notes_search_.empty()) {
        const auto hits = journal_.search(profile_->id, notes_search_, {});
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

    if (show_trash_) {
        muted(ui_, "Deleted notes stay here until you empty them one by one.");
        for (const auto& n : journal_.trash(profile_->id)) {
            panel(ui_, n.title.empty() ? "(untitled)" : n.title,
                  first_line(n.body) + "\nDeleted " + readable_time(n.deleted_at), p.muted);
            if (big_button(ui_, ("restore-" + n.id).c_str(),
                           "Restore \u201c" + n.title + "\u201d")) {
                journal_.restore_note(profile_->id, n.id);
            }
        }
        if (big_button(ui_, "notes-back", "Back to notes")) show_trash_ = false;
        return;
    }
    // The most recent notes, a page at a time: a list of thousands would be too much to draw (and
    // search finds the older ones).
    NoteFilter recent;
    recent.limit = notes_shown_ + 1;
    auto notes = journal_.notes(profile_->id, recent);
    const bool more = notes.size() > notes_shown_;
    if (more) notes.pop_back();
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
    if (more && big_button(ui_, "more-notes", "Show older notes")) notes_shown_ += notes_page;
    const auto trashed = journal_.trash(profile_->id).size();
    if (trashed && big_button(ui_, "show-trash", "Trash (" + std::to_string(trashed) + ")"))
        show_trash_ = true;
    ImGui::Dummy({0, ui_.metrics.gap()});
    if (big_button(ui_, "open-supervision", "Supervision sessions")) go(Screen::supervisions);
}

void GuiApp::note_screen() {
    const UiMetrics& m = ui_.metrics;
    const Palette& p = ui_.colours();
    if (!profile_) {
        go(Screen::notes);
        return;
    }
    heading(ui_, note_.id.empty() ? "New note" : "Note");
    if (note_.draft.attached_kind == "case")
        if (const Case* c = library_.find(note_.draft.attached_id))
            muted(ui_, "About: " + c->title);

    bool changed = false;
    ImGui::SetNextItemWidth(ui_.avail());
    changed |= ImGui::InputTextWithHint("##note-title", "Title", &note_.draft.title);
    ui_.record("##note-title");
    ui_.note_text_field();
    changed |= text_editor(ui_, "##note-body", note_.draft.body, 8.0f);
    ImGui::SetNextItemWidth(ui_.avail());
    changed |=
        ImGui::InputTextWithHint("##note-tags", "Tags, separated by commas", &note_.tags_text);
    ui_.record("##note-tags");
    ui_.note_text_field();
    if (changed) {
        note_.dirty = true;
        edited();
    }
    muted(ui_, note_.dirty ? "Saving\u2026" : note_.id.empty() ? "Saved as you type." : "Saved.");
    // Done sits right under the fields: the checks and versions that appear while typing come
    // after it, so they never push it away from a finger.
    if (big_button(ui_, "note-done", "Done", 0, true)) {
        go(Screen::notes);
        return;
    }
    if (!note_.message.empty()) panel(ui_, "Not saved", note_.message, p.unsafe);

    // Anything that looks like it identifies a patient is marked, with one tap to remove it.
    const auto found = find_identifiers(note_.draft.body);
    if (!found.empty()) {
        heading(ui_, "Check before you keep this");
        muted(ui_, "These look like details that identify a patient. Notes are for learning: "
                   "remove them unless you are sure they are needed.");
        for (std::size_t i = 0; i < found.size(); ++i) {
            const auto& f = found[i];
            const std::size_t from = f.begin > 40 ? f.begin - 40 : 0;
            std::vector<TextRun> runs{
                {(from ? "\u2026" : "") + note_.draft.body.substr(from, f.begin - from), false},
                {note_.draft.body.substr(f.begin, f.end - f.begin), true},
                {note_.draft.body.substr(f.end, 40) +
                     (f.end + 40 < note_.draft.body.size() ? "\u2026" : ""),
                 false}};
            std::string why = f.reason;
            if (!why.empty())
                why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
            muted(ui_, why);
            rich_text(ui_, runs, p.unsafe);
            if (big_button(ui_, ("redact-" + std::to_string(i)).c_str(),
                           std::string("Remove this ") + label(f.kind))) {
                note_.draft.body = redact(note_.draft.body, {f});
                note_.dirty = true;
                edited();
                break;
            }
        }
        if (found.size() > 1 && big_button(ui_, "redact-all", "Remove all of them")) {
            note_.draft.body = redact(note_.draft.body, found);
            note_.dirty = true;
            edited();
        }
    }

    if (!note_.id.empty()) {
        const auto versions = journal_.note_versions(profile_->id, note_.id);
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
                    const Note n = journal_.restore_version(profile_->id, note_.id, it->number);
                    note_.draft = {n.title, n.body, n.tags, n.attached_kind, n.attached_id};
                    note_.tags_text = join_tags(n.tags);
                    note_.saved_this_sitting = false;
                    break;
                }
            }
        }
    }
    ImGui::Dummy({0, m.gap()});
    if (!note_.id.empty() && big_button(ui_, "note-trash", "Move to trash")) {
        save_note_now();
        journal_.trash_note(profile_->id, note_.id);
        note_ = {};
        go(Screen::notes);
    }
}

} // namespace casebook::gui
