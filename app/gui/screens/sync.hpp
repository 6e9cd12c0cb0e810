#pragma once
// Sync with other devices through a shared folder: join or make a group, sync now with a
// progress bar, the report, the other devices, and the conflicts to resolve side by side. The
// run itself is the device's SyncService; what the screen shows is the person's.
#include "casebook/identifiers.hpp"
#include "casebook/sync.hpp"
#include "screens/context.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace casebook::gui {

// What the sync screen and Home show of sync: read when it may have changed (arriving on either
// screen, a sync finishing, a conflict resolved, a profile joining), never per frame.
struct SyncView {
    std::string error; // why sync's state could not be read
    std::optional<std::string> group;
    std::string this_device;
    std::vector<PeerStatus> peers;
    std::vector<std::string> peer_lines; // peer_line() of each, worked out on reading
    std::vector<SyncConflict> conflicts; // the open profile's only; none without a profile
    std::map<std::string, std::string> note_titles; // conflicting note id -> its title
    bool member = false;                            // the open profile takes part in the group
    std::vector<IdentifierFinding> identifiers;     // in the profile's notes, before a sync
};

struct SyncScreen {
    // Reads the view again (on the sync screen, also the identifiers in the person's notes).
    void refresh(Context& cx);
    void draw(Context& cx);
    // Takes a finished run's outcome, once, and reads the view again: at event time
    // (GuiApp::tick), never inside a frame.
    void finish(Context& cx);

    std::string passphrase;
    std::string message;
    std::string resolved; // what the last "Keep" did, so a resolution is never silent
    std::optional<SyncReport> report;
    std::map<std::string, std::string> merges; // conflict key -> edited text
    SyncView view;

  private:
    void start(Context& cx, const std::string& action);
    // The screen's two writes to sync, kept out of its draw code: each opens Sync's own
    // connection.
    void join_group(Context& cx);
    void resolve(Context& cx, const SyncConflict& conflict, const std::string& text);
};

// A line of the sync screen's "Other devices": "• Device 1a2b3c4d: last synced <when>", then
// "  ·  Casebook 0.9.0", the version that wrote the device's latest file, when it is known.
std::string peer_line(const PeerStatus& peer);

} // namespace casebook::gui
