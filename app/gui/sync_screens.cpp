// Sync with other devices through a shared folder: join or make a group, sync now with a
// progress bar, the report, the other devices, and the conflicts to resolve side by side.
#include "casebook/identifiers.hpp"
#include "gui_app.hpp"
#include "sync_text.hpp"

#include <cmath>
#include <imgui_stdlib.h>

namespace casebook::gui {

std::string peer_line(const PeerStatus& peer) {
    std::string line = "\u2022 Device " + peer.device_id.substr(0, 8) + ": last synced " +
                       readable_time(peer.last_applied_at);
    if (!peer.casebook_version.empty()) line += "  \u00b7  Casebook " + peer.casebook_version;
    return line;
}

GuiApp::~GuiApp() {
    save_pending();
    if (sync_.thread.joinable()) sync_.thread.join();
    if (case_index_.joinable()) case_index_.join();
}

void GuiApp::start_case_index() {
    if (case_index_.joinable()) return;
    case_index_done_ = false;
    const std::filesystem::path db = store_.path();
    case_index_ = std::thread([this, db] {
        try {
            Store store(db);
            Journal(store).index_cases(library_);
        } catch (const std::exception&) {
            // Search still finds notes and sessions; the command line reports what went wrong.
        }
        case_index_done_ = true;
    });
}

void GuiApp::open_sync() {
    if (sync_.folder.empty()) sync_.folder = store_.setting("sync_folder");
    go(Screen::sync);
}

std::optional<double> GuiApp::next_frame_at() const {
    if (sync_.running) return now_ + 0.1;
    // The lock screen counts the wait after wrong PINs down, a second at a time.
    if (lock_.wait_until > now_) return std::min(lock_.wait_until, now_ + 1.0);
    return std::nullopt;
}

void GuiApp::start_sync(const std::string& action) {
    if (sync_.running) return;
    save_pending(); // what was typed goes with this sync
    if (sync_.thread.joinable()) sync_.thread.join();
    sync_.running = true;
    sync_.started = now_;
    ss().sync.message.clear();
    ss().sync.resolved.clear();
    const std::filesystem::path folder = sync_.folder;
    const std::string passphrase = ss().sync.passphrase;
    sync_.thread = std::thread([this, action, folder, passphrase] {
        std::optional<SyncReport> result;
        std::string error;
        try {
            Sync sync(store_); // its own connection: the screens keep theirs
            if (action == "init") sync.init(folder, passphrase);
            if (action == "join") sync.join(folder, passphrase);
            if (action != "run" && wake_) wake_(); // joined or started: on to the sync itself
            result = sync.run(folder, passphrase);
        } catch (const std::exception& e) {
            error = e.what();
        }
        {
            std::lock_guard lock(sync_.mutex);
            sync_.result = std::move(result);
            sync_.error = std::move(error);
            sync_.running = false;
        }
        // The event loop may be asleep with nothing else to wake it: the result shows now, not
        // at the next touch.
        if (wake_) wake_();
    });
    if (wake_) wake_();
}

void GuiApp::refresh_sync_view() {
    SyncView& v = ss().sync.view;
    v = {};
    try {
        Sync sync(store_);
        v.group = sync.group_id();
        v.this_device = sync.device_id();
        v.peers = sync.peers();
        // With nobody signed in, nobody's text is shown: conflicts belong to a profile.
        if (profile()) v.conflicts = sync.conflicts(profile()->id);
        v.member = profile() && sync.is_member(profile()->id);
        for (const auto& c : v.conflicts)
            if (c.kind == "note")
                if (auto n = journal_.note(profile()->id, c.id)) v.note_titles[c.id] = n->title;
        // Only the sync screen warns before a sync; Home needs just the conflicts.
        if (screen_ == Screen::sync && v.member)
            v.identifiers = notes_with_identifiers(journal_, profile()->id);
    } catch (const std::exception& e) {
        v.error = e.what();
    }
}

// The screen's two writes to sync, kept out of its draw code: each opens Sync's own connection.
void GuiApp::join_sync_group() {
    Sync(store_).join_profile(profile()->id);
}

void GuiApp::resolve_conflict(const SyncConflict& c, const std::string& text) {
    Sync(store_).resolve(c.kind, c.id, c.field, text);
    // Never silent (review step 4.9): say where the choice goes next.
    ss().sync.resolved = "Kept here. It goes to your other devices at the next sync, and they "
                         "keep it too.";
}

void GuiApp::finish_sync() {
    if (sync_.running || !sync_.thread.joinable()) return;
    sync_.thread.join();
    std::lock_guard lock(sync_.mutex);
    if (!session_) { // locked meanwhile: the report was the last person's
        sync_.result.reset();
        sync_.error.clear();
        return;
    }
    if (!sync_.error.empty()) {
        ss().sync.message = sync_.error;
        ss().sync.report.reset(); // an older "Synced" beside the error would say both at once
    } else if (sync_.result) {
        ss().sync.report = sync_.result;
        store_.set_setting("sync_folder", std::filesystem::absolute(sync_.folder).string());
        ss().sync.passphrase.clear(); // not kept after use
    }
    sync_.result.reset();
    sync_.error.clear();
    refresh_sync_view();
    redraw_ = true;
}

void GuiApp::sync_screen() {
    const UiMetrics& m = ui_.metrics;
    const Palette& p = ui_.colours();
    finish_sync(); // joins the worker once it is done, and reads the view again then
    heading(ui_, "Sync with your other devices");
    muted(ui_,
          "Casebook writes its changes, encrypted, into a folder that something else carries: "
          "a USB stick, a network share, a cloud folder or Syncthing. Nothing is lost when two "
          "devices changed the same note while apart: both versions are kept for you to "
          "choose.");

    if (!ss().sync.view.error.empty()) {
        panel(ui_, "Sync is not available", ss().sync.view.error, p.unsafe);
        return;
    }
    const auto& group = ss().sync.view.group;
    const auto& this_device = ss().sync.view.this_device;
    const auto& peers = ss().sync.view.peers;
    const auto& conflicts = ss().sync.view.conflicts;
    const bool member = ss().sync.view.member;

    heading(ui_, "Folder");
    ImGui::SetNextItemWidth(ui_.avail());
    ImGui::InputTextWithHint("##sync-folder", "The shared folder, e.g. /media/usb/casebook",
                             &sync_.folder);
    ui_.record("##sync-folder");
    ui_.note_text_field();
    heading(ui_, "Group passphrase");
    ImGui::SetNextItemWidth(ui_.avail());
    ImGui::InputTextWithHint("##sync-passphrase", "The same on every device (8 or more characters)",
                             &ss().sync.passphrase, ImGuiInputTextFlags_Password);
    ui_.record("##sync-passphrase");
    ui_.note_text_field();

    // The open profile is unlocked: its owner is here to agree that its notes take part.
    if (profile() && !member) {
        panel(ui_, "Your notes stay on this device",
              "Nothing of " + profile()->name +
                  "'s is sent until you agree. Once you do, your notes, sessions and records go, "
                  "encrypted, to the other devices in the group, locked there by the same PIN.",
              p.accent);
        if (big_button(ui_, "sync-join-profile", "Sync my notes with this group"))
            act(ss().sync.message, [&] { join_sync_group(); });
    }
    if (profile() && member)
        if (const auto& found = ss().sync.view.identifiers; !found.empty())
            panel(ui_, "Check before you sync",
                  describe(found) + ". Syncing copies it, encrypted, to your other devices. "
                                    "Open the note and remove it first unless it must travel.",
                  p.acceptable);
    const bool ready = !sync_.folder.empty() && !ss().sync.passphrase.empty() && !sync_.running;
    if (sync_.running) {
        muted(ui_, "Syncing\u2026");
        // No step count is known: a bar that moves shows the app is working, not stuck.
        const float phase = static_cast<float>(std::fmod((now_ - sync_.started) * 0.7, 1.0));
        ImGui::ProgressBar(phase, {ui_.avail(), m.gap() * 2}, "");
    } else if (group) {
        if (big_button(ui_, "sync-now", "Sync now", 0, ready)) {
            if (ready)
                start_sync("run");
            else
                ss().sync.message = "Type the folder and the passphrase first.";
        }
    } else {
        const float half = (ui_.avail() - m.gap()) / 2;
        if (big_button(ui_, "sync-join", "Join the group in this folder", half, ready) && ready)
            start_sync("join");
        ImGui::SameLine();
        if (big_button(ui_, "sync-init", "Start a new group here", half) && ready)
            start_sync("init");
    }
    if (!ss().sync.message.empty()) panel(ui_, "Sync did not run", ss().sync.message, p.unsafe);

    if (ss().sync.report) {
        const SyncReport& r = *ss().sync.report;
        panel(ui_, r.damage() ? "Synced, with damaged files skipped" : "Synced",
              "Read " + counted(r.files_read, "file", "files") + " from other devices; sent " +
                  counted(r.records_sent, "change", "changes") + "; applied " +
                  std::to_string(r.records_applied) + " of " + std::to_string(r.records_received) +
                  " received.",
              r.damage() ? p.acceptable : p.best);
        for (const auto& s : r.skipped)
            muted(ui_, "Skipped " + s.to_string());
        for (const auto& n : r.notes)
            muted(ui_, n);
        for (const auto& name : r.held_back)
            muted(ui_, name + "'s notes stayed on this device (not in the group).");
    }

    if (group) {
        heading(ui_, "Other devices");
        if (peers.empty()) muted(ui_, "None seen yet.");
        for (const auto& peer : peers)
            paragraph(peer_line(peer));
    }

    if (!group) return; // no group yet: nothing can conflict
    if (!profile()) {
        heading(ui_, "Conflicts");
        muted(ui_, "Changes made on two devices while apart belong to a profile: open yours to "
                   "see and resolve them.");
        return;
    }
    heading(ui_, conflicts.empty() ? "No conflicts" : "Changed on two devices while apart");
    if (!ss().sync.resolved.empty()) muted(ui_, ss().sync.resolved);
    for (std::size_t i = 0; i < conflicts.size(); ++i) {
        const SyncConflict& c = conflicts[i];
        const std::string key = c.kind + "/" + c.id + "/" + c.field;
        ImGui::PushID(key.c_str());
        std::string what = "A " + c.kind + "'s " + c.field;
        if (auto t = ss().sync.view.note_titles.find(c.id);
            c.kind == "note" && t != ss().sync.view.note_titles.end())
            what = "The note \u201c" + t->second + "\u201d";
        muted(ui_, what + ", as each device has it:");
        // Side by side when there is room, one above the other on a narrow screen.
        const float col = narrow_ ? ui_.avail() : (ui_.avail() - m.gap()) / 2;
        for (std::size_t v = 0; v < c.values.size(); ++v) {
            const ConflictValue& value = c.values[v];
            if (!narrow_ && v % 2) ImGui::SameLine();
            ImGui::BeginGroup();
            const float saved = ui_.column_right;
            ui_.column_right = ImGui::GetCursorScreenPos().x + col;
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
            panel(ui_,
                  value.device_id == this_device ? "This device"
                                                 : "Device " + value.device_id.substr(0, 8),
                  value.text, p.accent);
            if (big_button(ui_, ("keep-" + std::to_string(v)).c_str(), "Keep this one", col)) {
                act(ss().sync.message, [&] { resolve_conflict(c, value.text); });
            }
            ImGui::PopTextWrapPos();
            ui_.column_right = saved;
            ImGui::EndGroup();
        }
        auto& merge = ss().sync.merges[key];
        if (disclosure(ui_, "merge", "Write a merge of both", p.accent)) {
            if (merge.empty())
                for (const auto& value : c.values)
                    merge += value.text + "\n\n";
            text_editor(ui_, "##merge", merge, 5.0f);
            if (big_button(ui_, "keep-merge", "Keep my merge", 0, true)) {
                if (act(ss().sync.message, [&] { resolve_conflict(c, merge); }))
                    ss().sync.merges.erase(key);
            }
        }
        ImGui::PopID();
    }
}

} // namespace casebook::gui
