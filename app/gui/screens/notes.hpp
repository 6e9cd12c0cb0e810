#pragma once
// Notes: the list with search as you type and the trash, and the note editor with its
// identifier check and earlier versions. Both are the person's: the session holds them.
#include "casebook/identifiers.hpp"
#include "casebook/journal.hpp"
#include "screens/context.hpp"

#include <string>
#include <vector>

namespace casebook::gui {

// The notes list, its search and the trash, as last read (never per frame).
struct NotesScreen {
    static constexpr std::size_t page = 50;
    void refresh(Context& cx); // on arriving, on a search, after an action
    void draw(Context& cx);

    std::string search;
    bool show_trash = false;
    std::size_t shown = page; // notes listed; "Show older notes" adds a page
    std::vector<Note> notes;  // the newest `shown`, plus one to tell whether there are more
    std::vector<Note> trash;
    std::vector<SearchHit> hits;
    std::string message;         // why the last action failed
    std::vector<CardText> texts; // one per note listed
    CardList cards;
};

// The note being edited. Its first save in a sitting is a new version; later saves in the same
// sitting amend it, so versions are sittings, not keystrokes.
struct NoteScreen {
    // A new note, attached to a case ("case", its id) or to nothing.
    void start(Context& cx, const std::string& attached_kind = "none",
               const std::string& attached_id = {});
    void open(Context& cx, const std::string& note_id);
    // Saves the draft if it changed (the autosave calls it); a failure keeps the text.
    void save(Context& cx);
    void refresh(Context& cx); // the versions, and the identifiers in the body
    void draw(Context& cx);

    std::string id; // empty until the first save creates it
    NoteDraft draft;
    std::string tags_text;
    bool dirty = false;
    bool saved_this_sitting = false;
    std::string message;
    std::vector<NoteVersion> versions;  // read on opening and after each save
    std::vector<IdentifierMatch> found; // in the body, found again when it changes
    std::string found_in;               // the body `found` was computed for

  private:
    void refresh_findings(); // checked against the body, as a cache is
};

} // namespace casebook::gui
