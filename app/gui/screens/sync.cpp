// Sync with other devices through a shared folder: join or make a group, sync now with a
// progress bar, the report, the other devices, and the conflicts to resolve side by side.
#include "screens/sync.hpp"

#include "casebook/identifiers.hpp"
#include "gui_app.hpp"
#include "session.hpp"
#include "sync_service.hpp"

#include <cmath>
#include <imgui_stdlib.h>

namespace casebook::gui {

std::string peer_line(const PeerStatus& peer) {
    std::string line = "\u2022 Device " + peer.device_id.substr(0, 8) + ": last synced " +
                       readable_time(peer.last_applied_at);
    if (!peer.casebook_version.empty()) line += "  \u00b7  Casebook " + peer.casebook_version;
    return line;
}

void SyncScreen::start(Context& cx, const std::string& action) {
    if (cx.sync().running()) return;
    cx.app.save_pending(); // what was typed goes with this sync
    message.clear();
    resolved.clear();
    cx.sync().start(action, passphrase, cx.now, cx.session().id);
}

void SyncScreen::refresh(Context& cx) {
    SyncView& v = view;
    v = {};
    try {
        Sync sync(cx.store);
        v.group = sync.group_id();
        v.this_device = sync.device_id();
        v.peers = sync.peers();
        for (const auto& peer : v.peers)
            v.peer_lines.push_back(peer_line(peer));
        // With nobody signed in, nobody's text is shown: conflicts belong to a profile.
        const Profile* me = cx.person();
        if (me) v.conflicts = sync.conflicts(me->id);
        v.member = me && sync.is_member(me->id);
        for (const auto& c : v.conflicts)
            if (c.kind == "note")
                if (auto n = cx.journal.note(me->id, c.id)) v.note_titles[c.id] = n->title;
        // Only the sync screen warns before a sync; Home needs just the conflicts.
        if (cx.app.screen() == Screen::sync && v.member)
            v.identifiers = notes_with_identifiers(cx.journal, me->id);
    } catch (const std::exception& e) {
        v.error = e.what();
    }
}

// The screen's two writes to sync, kept out of its draw code: each opens Sync's own connection.
void SyncScreen::join_group(Context& cx) {
    Sync(cx.store).join_profile(cx.profile);
}

void SyncScreen::resolve(Context& cx, const SyncConflict& c, const std::string& text) {
    Sync(cx.store).resolve(c.kind, c.id, c.field, text);
    // Never silent (review step 4.9): say where the choice goes next.
    resolved = "Kept here. It goes to your other devices at the next sync, and they "
               "keep it too.";
}

void SyncScreen::finish(Context& cx) {
    auto outcome = cx.sync().take_outcome(cx.session().id);
    if (!outcome) return;
    if (!outcome->error.empty()) {
        message = outcome->error;
        report.reset(); // an older "Synced" beside the error would say both at once
    } else if (outcome->report) {
        report = outcome->report;
        cx.store.set_setting("sync_folder", std::filesystem::absolute(cx.sync().folder).string());
        passphrase.clear(); // not kept after use
    }
    refresh(cx);
    cx.redraw();
}

void SyncScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    SyncService& worker = cx.sync();
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    heading(ui, "Sync with your other devices");
    muted(ui, "Casebook writes its changes, encrypted, into a folder that something else carries: "
              "a USB stick, a network share, a cloud folder or Syncthing. Nothing is lost when two "
              "devices changed the same note while apart: both versions are kept for you to "
              "choose.");

    if (!view.error.empty()) {
        panel(ui, "Sync is not available", view.error, p.unsafe);
        return;
    }
    const auto& group = view.group;
    const auto& this_device = view.this_device;
    const auto& peers = view.peers;
    const auto& conflicts = view.conflicts;
    const bool member = view.member;

    heading(ui, "Folder");
    ImGui::SetNextItemWidth(ui.avail());
    ImGui::InputTextWithHint("##sync-folder", "The shared folder, e.g. /media/usb/casebook",
                             &worker.folder);
    ui.record("##sync-folder");
    ui.note_text_field();
    heading(ui, "Group passphrase");
    ImGui::SetNextItemWidth(ui.avail());
    ImGui::InputTextWithHint("##sync-passphrase", "The same on every device (8 or more characters)",
                             &passphrase, ImGuiInputTextFlags_Password);
    ui.record("##sync-passphrase");
    ui.note_text_field();

    // The open profile is unlocked: its owner is here to agree that its notes take part.
    const Profile* me = cx.person();
    if (me && !member) {
        panel(ui, "Your notes stay on this device",
              "Nothing of " + me->name +
                  "'s is sent until you agree. Once you do, your notes, sessions and records go, "
                  "encrypted, to the other devices in the group, locked there by the same PIN.",
              p.accent);
        if (big_button(ui, "sync-join-profile", "Sync my notes with this group"))
            cx.act(message, [&] { join_group(cx); });
    }
    if (me && member)
        if (const auto& found = view.identifiers; !found.empty())
            panel(ui, "Check before you sync",
                  describe(found) + ". Syncing copies it, encrypted, to your other devices. "
                                    "Open the note and remove it first unless it must travel.",
                  p.acceptable);
    const bool ready = !worker.folder.empty() && !passphrase.empty() && !worker.running();
    if (worker.running()) {
        muted(ui, "Syncing\u2026");
        // No step count is known: a bar that moves shows the app is working, not stuck.
        const float phase = static_cast<float>(std::fmod((cx.now - worker.started()) * 0.7, 1.0));
        progress_bar(ui, phase, m.gap() * 2);
    } else if (group) {
        if (big_button(ui, "sync-now", "Sync now", 0, ready)) {
            if (ready)
                start(cx, "run");
            else
                message = "Type the folder and the passphrase first.";
        }
    } else {
        const float half = (ui.avail() - m.gap()) / 2;
        if (big_button(ui, "sync-join", "Join the group in this folder", half, ready) && ready)
            start(cx, "join");
        ImGui::SameLine();
        if (big_button(ui, "sync-init", "Start a new group here", half) && ready) start(cx, "init");
    }
    if (!message.empty()) panel(ui, "Sync did not run", message, p.unsafe);

    if (report) {
        const SyncReport& r = *report;
        panel(ui, r.damage() ? "Synced, with damaged files skipped" : "Synced",
              "Read " + counted(r.files_read, "file", "files") + " from other devices; sent " +
                  counted(r.records_sent, "change", "changes") + "; applied " +
                  std::to_string(r.records_applied) + " of " + std::to_string(r.records_received) +
                  " received.",
              r.damage() ? p.acceptable : p.best);
        for (const auto& s : r.skipped)
            muted(ui, "Skipped " + s.to_string());
        for (const auto& n : r.notes)
            muted(ui, n);
        for (const auto& name : r.held_back)
            muted(ui, name + "'s notes stayed on this device (not in the group).");
    }

    if (group) {
        heading(ui, "Other devices");
        if (peers.empty()) muted(ui, "None seen yet.");
        for (const auto& line : view.peer_lines)
            paragraph(ui, line);
    }

    if (!group) return; // no group yet: nothing can conflict
    if (!me) {
        heading(ui, "Conflicts");
        muted(ui, "Changes made on two devices while apart belong to a profile: open yours to "
                  "see and resolve them.");
        return;
    }
    heading(ui, conflicts.empty() ? "No conflicts" : "Changed on two devices while apart");
    if (!resolved.empty()) muted(ui, resolved);
    for (std::size_t i = 0; i < conflicts.size(); ++i) {
        const SyncConflict& c = conflicts[i];
        const std::string key = c.kind + "/" + c.id + "/" + c.field;
        ImGui::PushID(key.c_str());
        std::string what = "A " + c.kind + "'s " + c.field;
        if (auto t = view.note_titles.find(c.id); c.kind == "note" && t != view.note_titles.end())
            what = "The note \u201c" + t->second + "\u201d";
        muted(ui, what + ", as each device has it:");
        // Side by side when there is room, one above the other on a narrow screen.
        const float col = cx.narrow ? ui.avail() : (ui.avail() - m.gap()) / 2;
        for (std::size_t v = 0; v < c.values.size(); ++v) {
            const ConflictValue& value = c.values[v];
            if (!cx.narrow && v % 2) ImGui::SameLine();
            ImGui::BeginGroup();
            const float saved = ui.column_right;
            ui.column_right = ImGui::GetCursorScreenPos().x + col;
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
            panel(ui,
                  value.device_id == this_device ? "This device"
                                                 : "Device " + value.device_id.substr(0, 8),
                  value.text, p.accent);
            if (big_button(ui, ("keep-" + std::to_string(v)).c_str(), "Keep this one", col)) {
                cx.act(message, [&] { resolve(cx, c, value.text); });
            }
            ImGui::PopTextWrapPos();
            ui.column_right = saved;
            ImGui::EndGroup();
        }
        auto& merge = merges[key];
        if (disclosure(ui, "merge", "Write a merge of both", p.accent)) {
            if (merge.empty())
                for (const auto& value : c.values)
                    merge += value.text + "\n\n";
            text_editor(ui, "##merge", merge, 5.0f);
            if (big_button(ui, "keep-merge", "Keep my merge", 0, true)) {
                if (cx.act(message, [&] { resolve(cx, c, merge); })) merges.erase(key);
            }
        }
        ImGui::PopID();
    }
}

} // namespace casebook::gui
