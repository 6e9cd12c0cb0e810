// The shared-tablet side: choosing a profile (the lock screen shows names only), its PIN, and
// making a new profile.
#include "casebook/base.hpp"
#include "gui_app.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_stdlib.h>

namespace casebook::gui {

namespace {

// The professions cases are written for, so Home can suggest cases in the reader's own.
const std::vector<std::string>& professions = case_professions();
const std::vector<std::string>& jurisdictions = nations();

} // namespace

void LockScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    // Someone worried at 3 a.m. needs no profile: the checklist and the numbers come first.
    if (big_button(ui, "lock-worried", "I'm worried about someone now", 0, true)) {
        cx.new_session(); // nobody signed in
        cx.app.start_real_concern();
        return;
    }
    contacts_panel(cx);
    if (ui.fonts.title) ImGui::PushFont(ui.fonts.title);
    paragraph(ui, "Who is using Casebook?");
    if (ui.fonts.title) ImGui::PopFont();
    const auto& people = profiles; // read on locking, not per frame
    if (pick.empty()) {
        muted(ui, "Each person's notes and progress are private to their profile.");
        for (const auto& p : people)
            if (big_button(ui, ("profile-" + p.name).c_str(), p.name)) {
                if (p.has_pin) {
                    pick = p.id;
                    pin.clear();
                    message.clear();
                    wait_until = 0;
                } else {
                    cx.app.open_profile(p);
                    return;
                }
            }
        ImGui::Dummy({0, m.gap()});
        if (big_button(ui, "add-profile", "Add a profile")) {
            cx.app.open_new_profile();
        }
        if (big_button(ui, "no-profile", "Use cases without a profile")) {
            cx.new_session(); // nobody signed in
            cx.go(Screen::home);
        }
        return;
    }
    auto found =
        std::find_if(people.begin(), people.end(), [&](const Profile& p) { return p.id == pick; });
    if (found == people.end()) {
        pick.clear();
        return;
    }
    const Profile picked = *found;
    heading(ui, picked.name);
    if (pin_pad(ui, "unlock", pin, "Unlock", picked.name + "'s PIN")) {
        std::optional<PinCheck> check;
        cx.act(message, [&] { check = cx.journal.check_pin(picked.id, pin); });
        pin.clear();
        if (check && check->accepted()) {
            cx.app.open_profile(picked);
            return;
        }
        if (check) {
            message = check->outcome == PinCheck::Outcome::wait
                          ? "Too many wrong PINs for " + picked.name + "."
                          : "That is not " + picked.name + "'s PIN.";
            wait_until = cx.now + static_cast<double>(check->wait.count());
        }
    }
    if (big_button(ui, "other-profile", "Someone else")) {
        pick.clear();
        pin.clear();
        message.clear();
        wait_until = 0;
    }
    // Below everything a finger reaches for, so a wrong PIN moves no key. The wait is counted
    // down live, so nobody types a right PIN that would only be refused.
    if (const std::string text = notice(cx.now); !text.empty())
        panel(ui, "Not unlocked", text, ui.colours().unsafe);
}

std::string LockScreen::notice(double now) const {
    if (message.empty()) return {};
    const double left = wait_until - now;
    return message + (left > 0 ? " Wait " + std::to_string(static_cast<int>(std::ceil(left))) +
                                     " s before the next try."
                               : " Try again now.");
}

void NewProfileScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    NewProfileScreen& n = *this;
    heading(ui, "Add a profile");
    muted(ui, "Your name as colleagues know it. Only names show on the lock screen.");
    ImGui::SetNextItemWidth(ui.avail());
    if (ImGui::InputTextWithHint("##profile-name", "Name", &n.name)) n.message.clear();
    ui.record("##profile-name");
    ui.note_text_field();

    heading(ui, "Role");
    static const char* roles[] = {"Trainee", "Supervisor", "Other"};
    const float third = (ui.avail() - 2 * m.gap()) / 3;
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine();
        if (big_button(ui, (std::string("role-") + roles[i]).c_str(), roles[i], third, n.role == i))
            n.role = i;
    }
    heading(ui, "Profession and nation");
    const float half = (ui.avail() - m.gap()) / 2;
    ImGui::SetNextItemWidth(half);
    if (ImGui::BeginCombo("##profession", profession_label(professions[n.profession]).c_str())) {
        for (int i = 0; i < static_cast<int>(professions.size()); ++i)
            if (ImGui::Selectable(profession_label(professions[i]).c_str(), n.profession == i, 0,
                                  {0, m.tap()}))
                n.profession = i;
        ImGui::EndCombo();
    }
    ui.record("##profession");
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
    ui.record("##jurisdiction");

    heading(ui, "PIN (recommended on a shared device)");
    muted(ui, "4 or more digits. Leave empty for no PIN.");
    const ImGuiInputTextFlags pin_flags =
        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal;
    ImGui::SetNextItemWidth(half);
    if (ImGui::InputTextWithHint("##pin", "PIN", &n.pin, pin_flags)) n.message.clear();
    ui.record("##pin");
    ui.note_text_field();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    if (ImGui::InputTextWithHint("##pin-again", "PIN again", &n.pin_again, pin_flags))
        n.message.clear(); // a correction takes the old complaint away
    ui.record("##pin-again");
    ui.note_text_field();

    ImGui::Dummy({0, m.gap()});
    if (big_button(ui, "create-profile", "Create profile", 0, true)) {
        if (n.pin != n.pin_again) {
            n.message = "The two PINs are different.";
        } else if (!n.pin.empty() && n.pin.size() < 4) {
            n.message = "A PIN needs at least 4 digits.";
        } else {
            try {
                static const Role role_values[] = {Role::trainee, Role::supervisor, Role::other};
                Profile p =
                    cx.journal.add_profile({n.name, role_values[n.role], professions[n.profession],
                                            jurisdictions[n.jurisdiction]});
                if (!n.pin.empty()) cx.journal.set_pin(p.id, n.pin);
                const Profile made = *cx.journal.profile(p.id);
                n = {};
                cx.app.open_profile(made);
                return;
            } catch (const std::exception& e) {
                n.message = e.what();
            }
        }
    }
    if (big_button(ui, "cancel-profile", "Cancel")) {
        cx.go(cx.person() ? Screen::settings : Screen::lock);
        return;
    }
    // Below the buttons, so a complaint never pushes "Create profile" away (review step 3.3).
    if (!n.message.empty()) panel(ui, "Not saved", n.message, ui.colours().unsafe);
}

} // namespace casebook::gui
