#pragma once
// Everything bound to the person using the device, in one place: their profile, what they
// typed, and what the screens read from the database for them. The hub holds it as
// std::optional<ProfileSession>; locking resets the optional, so nothing of theirs outlives a
// lock by being forgotten in a list of fields to clear.
#include "casebook/journal.hpp"
#include "screens/checklist.hpp"
#include "screens/home.hpp"
#include "screens/library.hpp"
#include "screens/notes.hpp"
#include "screens/player.hpp"
#include "screens/revision.hpp"
#include "screens/supervision.hpp"
#include "screens/sync.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace casebook::gui {

// Every profile-bound screen is a member here (the lock screens, names only, are the hub's).
struct ProfileSession {
    ProfileSession() : id(next_id()) {}

    // Which sitting this is, unique for the life of the app: what a background task (a sync)
    // brings back is shown only to the session that started it, never to the next person.
    const std::uint64_t id;
    std::optional<Profile> profile; // none: the device used without a profile

    // Progress, read on arriving at Home, the library or a case (Home and the library show it).
    std::map<std::string, CaseStatus> statuses;
    HomeScreen home;
    LibraryScreen library;
    PlayerScreen player;

    NotesScreen notes;
    NoteScreen note;
    SupervisionsScreen supervisions;
    SupervisionScreen supervision;
    ChecklistScreen checklist;
    // Decision records made with nobody signed in, in this sitting: listed only until the
    // tablet locks, so the next person cannot read them.
    std::set<std::string> unowned_records;
    RecordsScreen records;
    RecordScreen record;
    SyncScreen sync;
    std::unique_ptr<RevisionScreen> revision; // made on first use

  private:
    static std::uint64_t next_id() {
        static std::atomic<std::uint64_t> last{0};
        return ++last;
    }
};

} // namespace casebook::gui
