#pragma once
// Everything bound to the person using the device, in one place: their profile, what they
// typed, and what the screens read from the database for them. The hub holds it as
// std::optional<ProfileSession>; locking resets the optional, so nothing of theirs outlives a
// lock by being forgotten in a list of fields to clear.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "casebook/identifiers.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "casebook/sync.hpp"
#include "screens/revision.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace casebook::gui {

// Library filters: 0 means any, i > 0 the (i - 1)th distinct value; sort indexes directly.
struct LibraryFilters {
    std::string search;
    int profession = 0, setting = 0, jurisdiction = 0, topic = 0, status = 0, sort = 0;
};

// The notes list, its search and the trash, as last read (never per frame).
struct NotesScreen {
    static constexpr std::size_t page = 50;
    std::string search;
    bool show_trash = false;
    std::size_t shown = page; // notes listed; "Show older notes" adds a page
    std::vector<Note> notes;  // the newest `shown`, plus one to tell whether there are more
    std::vector<Note> trash;
    std::vector<SearchHit> hits;
    std::string message; // why the last action failed
};

// The note being edited. Its first save in a sitting is a new version; later saves in the same
// sitting amend it, so versions are sittings, not keystrokes.
struct NoteEdit {
    std::string id; // empty until the first save creates it
    NoteDraft draft;
    std::string tags_text;
    bool dirty = false;
    bool saved_this_sitting = false;
    std::string message;
    std::vector<NoteVersion> versions;  // read on opening and after each save
    std::vector<IdentifierMatch> found; // in the body, found again when it changes
    std::string found_in;               // the body `found` was computed for
};

struct SupervisionEdit {
    std::string id;
    SupervisionDraft draft;
    bool dirty = false;
    std::string signer; // profile id signing now
    std::string pin;
    bool confirm = false;
    std::string addendum;
    std::string message;
    std::string saved;                     // where the PDF went
    bool pdf_warned = false;               // the identifier warning was shown; the next tap saves
    std::optional<Supervision> session;    // as last read
    std::map<std::string, Profile> people; // by id: the two who sign, and addenda authors
};

// The sessions list and the people a session can be started with.
struct SupervisionsScreen {
    std::vector<Profile> others;
    std::vector<Supervision> sessions;
    std::map<std::string, std::string> names; // profile id -> name
};

// The checklist being answered: a draft record from the first answer on.
struct ChecklistEdit {
    std::string record_id;
    std::string mode = "real";
    std::string case_id;
    Answers answers;
    std::size_t page = 0;   // one question per page on a narrow screen
    bool reviewing = false; // the end: outcome, record, and (practice) the comparison
    bool dirty = false;
    bool confirming_final = false; // "Finalise" was tapped: asked once more, it cannot be undone
    std::string message;
    std::string made; // when its record was created, as stored
};

struct RecordScreen {
    std::string open; // the decision record being viewed
    std::optional<ChecklistRecord> record;
    std::string addendum;
    std::string message;
};

// What the sync screen and Home show of sync: read when it may have changed (arriving on either
// screen, a sync finishing, a conflict resolved, a profile joining), never per frame.
struct SyncView {
    std::string error; // why sync's state could not be read
    std::optional<std::string> group;
    std::string this_device;
    std::vector<PeerStatus> peers;
    std::vector<SyncConflict> conflicts; // the open profile's only; none without a profile
    std::map<std::string, std::string> note_titles; // conflicting note id -> its title
    bool member = false;                            // the open profile takes part in the group
    std::vector<IdentifierFinding> identifiers;     // in the profile's notes, before a sync
};

struct SyncEdit {
    std::string passphrase;
    std::string message;
    std::string resolved; // what the last "Keep" did, so a resolution is never silent
    std::optional<SyncReport> report;
    std::map<std::string, std::string> merges; // conflict key -> edited text
    SyncView view;
};

struct ProfileSession {
    std::optional<Profile> profile; // none: the device used without a profile

    std::map<std::string, CaseStatus> statuses; // progress, read on arriving and after a case
    LibraryFilters filters;
    std::unique_ptr<CaseRun> run;
    // The decision just answered: its feedback is scrolled into view once, as it is drawn.
    std::optional<std::size_t> reveal_feedback;
    std::string reflection;
    bool reflection_dirty = false;
    std::string reflection_message; // why the last save failed; the text is kept

    NotesScreen notes;
    NoteEdit note;
    SupervisionsScreen supervisions;
    SupervisionEdit supervision;
    ChecklistEdit checklist;
    // Decision records made with nobody signed in, in this sitting: listed only until the
    // tablet locks, so the next person cannot read them.
    std::set<std::string> unowned_records;
    std::vector<ChecklistRecord> records;
    RecordScreen record;
    SyncEdit sync;
    std::unique_ptr<RevisionScreen> revision; // made on first use
};

} // namespace casebook::gui
