// The shared-tablet side: choosing a profile (the lock screen shows names only), its PIN, and
// making a new profile.
#include "casebook/base.hpp"
#include "gui_app.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h> // ClearActiveID, InputTextState
#include <imgui_stdlib.h>

namespace casebook::gui {

namespace {

// The professions cases are written for, so Home can suggest cases in the reader's own.
const std::vector<std::string>& professions = case_professions();
const std::vector<std::string>& jurisdictions = nations();

} // namespace

void GuiApp::open_profile(const Profile& person) {
    const Profile p = person; // `person` may live in the lock screen's list, reset below
    save_pending();
    // A new person: a new session (what was made with nobody signed in is not theirs).
    session_.emplace();
    session_->profile = p;
    lock_ = {};
    go(Screen::home);
}

void GuiApp::lock() {
    save_pending();
    // Everything of the last person goes at once: their profile, drafts, searches, what the
    // screens read for them, and the records made with nobody signed in.
    session_.reset();
    // ImGui keeps the text field being edited in its own buffer: that goes too.
    if (ImGui::GetCurrentContext()) {
        ImGui::ClearActiveID();
        ImGui::GetCurrentContext()->InputTextState.ClearFreeMemory();
    }
    lock_ = {};
    new_profile_ = {};
    screen_ = Screen::lock;
    scroll_to_top_ = true;
    redraw_ = true;
    refresh();
}

std::optional<double> GuiApp::next_lock_at() const {
    // A record made with nobody signed in locks away too, so it is not left for the next person.
    if (!session_ || (!session_->profile && session_->unowned_records.empty())) return std::nullopt;
    return last_activity_ + lock_after_minutes_ * 60.0;
}

void GuiApp::profile_bar() {
    if (!profile()) return;
    muted(ui_, profile()->name);
    if (big_button(ui_, "lock", "Lock", ui_.avail())) lock();
}

void GuiApp::lock_screen() {
    const UiMetrics& m = ui_.metrics;
    // Someone worried at 3 a.m. needs no profile: the checklist and the numbers come first.
    if (big_button(ui_, "lock-worried", "I'm worried about someone now", 0, true)) {
        session_.emplace(); // nobody signed in
        start_real_concern();
        return;
    }
    contacts_panel();
    if (ui_.fonts.title) ImGui::PushFont(ui_.fonts.title);
    paragraph("Who is using Casebook?");
    if (ui_.fonts.title) ImGui::PopFont();
    const auto& profiles = lock_.profiles; // read on locking, not per frame
    if (lock_.pick.empty()) {
        muted(ui_, "Each person's notes and progress are private to their profile.");
        for (const auto& p : profiles)
            if (big_button(ui_, ("profile-" + p.name).c_str(), p.name)) {
                if (p.has_pin) {
                    lock_.pick = p.id;
                    lock_.pin.clear();
                    lock_.message.clear();
                    lock_.wait_until = 0;
                } else {
                    open_profile(p);
                    return;
                }
            }
        ImGui::Dummy({0, m.gap()});
        if (big_button(ui_, "add-profile", "Add a profile")) {
            new_profile_ = {};
            go(Screen::new_profile);
        }
        if (big_button(ui_, "no-profile", "Use cases without a profile")) {
            session_.emplace(); // nobody signed in
            go(Screen::home);
        }
        return;
    }
    auto found = std::find_if(profiles.begin(), profiles.end(),
                              [&](const Profile& p) { return p.id == lock_.pick; });
    if (found == profiles.end()) {
        lock_.pick.clear();
        return;
    }
    const Profile picked = *found;
    heading(ui_, picked.name);
    if (pin_pad(ui_, "unlock", lock_.pin, "Unlock", picked.name + "'s PIN")) {
        std::optional<PinCheck> check;
        act(lock_.message, [&] { check = journal_.check_pin(picked.id, lock_.pin); });
        lock_.pin.clear();
        if (check && check->accepted()) {
            open_profile(picked);
            return;
        }
        if (check) {
            lock_.message = check->outcome == PinCheck::Outcome::wait
                                ? "Too many wrong PINs for " + picked.name + "."
                                : "That is not " + picked.name + "'s PIN.";
            lock_.wait_until = now_ + static_cast<double>(check->wait.count());
        }
    }
    if (big_button(ui_, "other-profile", "Someone else")) {
        lock_.pick.clear();
        lock_.pin.clear();
        lock_.message.clear();
        lock_.wait_until = 0;
    }
    // Below everything a finger reaches for, so a wrong PIN moves no key. The wait is counted
    // down live, so nobody types a right PIN that would only be refused.
    if (const std::string notice = lock_notice(); !notice.empty())
        panel(ui_, "Not unlocked", notice, ui_.colours().unsafe);
}

std::string GuiApp::lock_notice() const {
    if (lock_.message.empty()) return {};
    const double left = lock_.wait_until - now_;
    return lock_.message + (left > 0
                                ? " Wait " + std::to_string(static_cast<int>(std::ceil(left))) +
                                      " s before the next try."
                                : " Try again now.");
}

void GuiApp::new_profile_screen() {
    const UiMetrics& m = ui_.metrics;
    NewProfile& n = new_profile_;
    heading(ui_, "Add a profile");
    muted(ui_, "Your name as colleagues know it. Only names show on the lock screen.");
    ImGui::SetNextItemWidth(ui_.avail());
    if (ImGui::InputTextWithHint("##profile-name", "Name", &n.name)) n.message.clear();
    ui_.record("##profile-name");
    ui_.note_text_field();

    heading(ui_, "Role");
    static const char* roles[] = {"Trainee", "Supervisor", "Other"};
    const float third = (ui_.avail() - 2 * m.gap()) / 3;
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine();
        if (big_button(ui_, (std::string("role-") + roles[i]).c_str(), roles[i], third,
                       n.role == i))
            n.role = i;
    }
    heading(ui_, "Profession and nation");
    const float half = (ui_.avail() - m.gap()) / 2;
    ImGui::SetNextItemWidth(half);
    if (ImGui::BeginCombo("##profession", profession_label(professions[n.profession]).c_str())) {
        for (int i = 0; i < static_cast<int>(professions.size()); ++i)
            if (ImGui::Selectable(profession_label(professions[i]).c_str(), n.profession == i, 0,
                                  {0, m.tap()}))
                n.profession = i;
        ImGui::EndCombo();
    }
    ui_.record("##profession");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    if (ImGui::BeginCombo("##jurisdiction",
                          jurisdiction_label(jurisdictions[n.jurisdiction]).c_str())) {
        for (int i = 0; i < static_cast<int>(jurisdictions.size()); ++i)
            if (ImGui::Selectable(jurisdiction_label(jurisdictions[i]).c_str(), n.jurisdiction == i,
                                  0, {0, m.tap()}))
                n.jurisdiction = i;
        ImGui::EndCombo();
    }
    ui_.record("##jurisdiction");

    heading(ui_, "PIN (recommended on a shared device)");
    muted(ui_, "4 or more digits. Leave empty for no PIN.");
    const ImGuiInputTextFlags pin_flags =
        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal;
    ImGui::SetNextItemWidth(half);
    if (ImGui::InputTextWithHint("##pin", "PIN", &n.pin, pin_flags)) n.message.clear();
    ui_.record("##pin");
    ui_.note_text_field();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    if (ImGui::InputTextWithHint("##pin-again", "PIN again", &n.pin_again, pin_flags))
        n.message.clear(); // a correction takes the old complaint away
    ui_.record("##pin-again");
    ui_.note_text_field();

    ImGui::Dummy({0, m.gap()});
    if (big_button(ui_, "create-profile", "Create profile", 0, true)) {
        if (n.pin != n.pin_again) {
            n.message = "The two PINs are different.";
        } else if (!n.pin.empty() && n.pin.size() < 4) {
            n.message = "A PIN needs at least 4 digits.";
        } else {
            try {
                static const Role role_values[] = {Role::trainee, Role::supervisor, Role::other};
                Profile p =
                    journal_.add_profile({n.name, role_values[n.role], professions[n.profession],
                                          jurisdictions[n.jurisdiction]});
                if (!n.pin.empty()) journal_.set_pin(p.id, n.pin);
                new_profile_ = {};
                open_profile(*journal_.profile(p.id));
                return;
            } catch (const std::exception& e) {
                n.message = e.what();
            }
        }
    }
    if (big_button(ui_, "cancel-profile", "Cancel")) {
        go(profile() ? Screen::settings : Screen::lock);
        return;
    }
    // Below the buttons, so a complaint never pushes "Create profile" away (review step 3.3).
    if (!n.message.empty()) panel(ui_, "Not saved", n.message, ui_.colours().unsafe);
}

} // namespace casebook::gui
