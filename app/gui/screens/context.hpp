#pragma once
// What a screen is given to draw and act: the drawing context, the data services, the person's
// session, and the app for navigation (its open_* calls). The hub makes one per frame, and one
// for each event a screen answers (arriving, a save); a screen keeps none of it.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "widgets.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace casebook::gui {

enum class Screen {
    home,
    library,
    player,
    settings,
    lock, // pick a profile (names only), then its PIN
    new_profile,
    notes,
    note, // the note editor
    supervisions,
    supervision, // one session
    checklist,   // the disclosure checklist being answered
    records,     // decision records
    record,      // one decision record
    sync,        // sync with other devices through a shared folder
    revision,    // a revision session: one item per screen
    progress,    // revision progress
};

class GuiApp;
class SyncService;
struct ProfileSession;

struct Context {
    GuiApp& app;
    Ui& ui;
    const Library& library;
    Store& store;
    Journal& journal;
    std::string profile; // the open profile's id; empty with nobody signed in
    bool narrow = false; // one column and a bottom bar
    double now = 0;      // seconds on the app's steady clock

    // The person at the device: made on first use (cases with no profile). The lock screens
    // never ask for it, so a locked tablet holds none.
    ProfileSession& session();
    // A new person at the device, nobody signed in: a session of their own, empty.
    void new_session();
    // The open profile, or nullptr with nobody signed in.
    const Profile* person() const;
    const Checklist* checklist() const; // nullptr if its definition could not be read
    SyncService& sync();
    const std::string& contacts() const; // the device's, edited in Settings
    const std::filesystem::path& export_folder() const;

    // Runs an action; an exception becomes `message`, and what the screen shows is read again
    // once the frame is drawn (GuiApp::act).
    bool act(std::string& message, const std::function<void()>& fn);
    // The next frame starts the screen at its top (a new page of the same screen).
    void scroll_to_top();
    // Saves what waits, then shows `screen` and reads what it shows.
    void go(Screen screen);
    // Something typed is waiting to be saved (the autosave saves it shortly).
    void edited();
    // What the screen shows is read again once this frame is drawn.
    void reread();
    // Something changed off the input (a sync finishing): the platform draws again.
    void redraw();
};

} // namespace casebook::gui
