// Supervision sessions at one device: supervisor and trainee together, the discussion, agreed
// actions, the trainee's reflection, both signing off, then addenda and a Markdown export.
#include "gui_app.hpp"
#ifdef CASEBOOK_HAS_PDF
#include "pdf_export.hpp"
#endif

#include <imgui_stdlib.h>

namespace casebook::gui {

#ifdef CASEBOOK_HAS_PDF
// An A4 PDF of the signed session for an e-portfolio, in the documents folder; likely patient
// identifiers are pointed out first, and a second tap saves anyway.
void GuiApp::save_supervision_pdf(const Supervision& session) {
    const auto md = journal_.supervision_markdown(profile()->id, session.id, &library_);
    ss().supervision.saved.clear();
    if (!md.identifiers.empty() && !ss().supervision.pdf_warned) {
        std::string kinds;
        for (auto kind : md.kinds())
            kinds += (kinds.empty() ? "" : ", ") + std::string(label(kind));
        ss().supervision.message = "This session holds what look like patient identifiers (" +
                                   kinds +
                                   "). Check them before it leaves this device; tap \u201cSave as "
                                   "PDF anyway\u201d to save it as it is.";
        ss().supervision.pdf_warned = true;
        return;
    }
    ss().supervision.pdf_warned = false;
    ss().supervision.message.clear();
    std::error_code ec;
    std::filesystem::create_directories(export_folder_, ec);
    const auto file = export_folder_ / ("supervision-" + session.created_at.substr(0, 10) + "-" +
                                        session.id.substr(0, 8) + ".pdf");
    try {
        pdf::write_markdown_pdf(md.text, file, {"Casebook: supervision session"});
        ss().supervision.saved = "Saved to " + file.string();
    } catch (const std::exception& e) {
        ss().supervision.message = std::string("Not saved: ") + e.what();
    }
}
#endif

void GuiApp::open_supervision(const std::string& id) {
    save_pending();
    ss().supervision = {};
    if (!profile()) return;
    std::optional<Supervision> s;
    act(ss().supervision.message, [&] { s = journal_.supervision(profile()->id, id); });
    if (s) {
        ss().supervision.id = s->id;
        ss().supervision.draft = {s->case_id, s->checklist_record_id, s->discussion, s->actions,
                                  s->trainee_reflection};
        go(Screen::supervision);
    }
}

void GuiApp::save_supervision_now() {
    if (!ss().supervision.dirty || !profile() || ss().supervision.id.empty()) return;
    try {
        // An action row just added has no text yet: it stays on screen and is saved once it
        // says something, instead of failing the whole save with a banner.
        SupervisionDraft draft = ss().supervision.draft;
        std::erase_if(draft.actions, [](const auto& a) {
            return a.text.find_first_not_of(" \t\n") == std::string::npos;
        });
        journal_.save_supervision(profile()->id, ss().supervision.id, draft);
        ss().supervision.dirty = false;
        ss().supervision.message.clear();
    } catch (const std::exception& e) {
        ss().supervision.message = std::string("Not saved yet: ") + e.what();
    }
}

void GuiApp::refresh_supervision() {
    if (!profile()) return;
    const std::string& me = profile()->id;
    const auto profiles = journal_.profiles();
    if (screen_ == Screen::supervisions) {
        SupervisionsScreen& v = ss().supervisions;
        v.others.clear();
        v.names.clear();
        for (const auto& p : profiles) {
            v.names[p.id] = p.name;
            if (p.id != me) v.others.push_back(p);
        }
        v.sessions = journal_.supervisions(me);
    } else {
        SupervisionEdit& e = ss().supervision;
        e.session = journal_.supervision(me, e.id);
        e.people.clear();
        for (const auto& p : profiles)
            e.people[p.id] = p;
    }
}

void GuiApp::supervisions_screen() {
    const Palette& p = ui_.colours();
    heading(ui_, "Supervision sessions");
    if (!profile()) {
        muted(ui_, "Sessions belong to the supervisor's and the trainee's profiles.");
        if (big_button(ui_, "supervision-profile", "Choose or add a profile", 0, true)) lock();
        return;
    }
    const SupervisionsScreen& v = ss().supervisions;
    // Both people sit at this device: the other one is picked from its profiles.
    heading(ui_, "Start a session with");
    bool anyone = false;
    for (const auto& other : v.others) {
        anyone = true;
        const bool i_supervise = profile()->role != Role::trainee && other.role != Role::supervisor;
        const std::string label =
            other.name + (i_supervise ? " (you supervise)" : " (supervises you)");
        if (big_button(ui_, ("start-with-" + other.name).c_str(), label)) {
            std::optional<Supervision> s;
            const std::string me = profile()->id, them = other.id;
            act(ss().supervision.message, [&] {
                s = i_supervise ? journal_.start_supervision(me, them)
                                : journal_.start_supervision(them, me);
            });
            if (s) open_supervision(s->id);
            return;
        }
    }
    if (!anyone) muted(ui_, "Add the other person's profile first (Settings, Add a profile).");
    if (!ss().supervision.message.empty())
        panel(ui_, "Not started", ss().supervision.message, p.unsafe);

    heading(ui_, "Your sessions");
    const auto& sessions = v.sessions;
    auto name = [&](const std::string& id) {
        auto it = v.names.find(id);
        return it == v.names.end() ? std::string("?") : it->second;
    };
    if (sessions.empty()) muted(ui_, "None yet.");
    for (const auto& s : sessions) {
        const std::string title =
            name(s.supervisor_profile_id) + " with " + name(s.trainee_profile_id);
        if (card(ui_, ("session-" + s.id).c_str(), title,
                 s.discussion.empty() ? "(no discussion written yet)" : s.discussion.substr(0, 160),
                 "Started " + readable_time(s.created_at), s.signed_off() ? "Signed off" : "Draft",
                 s.signed_off() ? p.best : p.acceptable)) {
            open_supervision(s.id);
            return;
        }
    }
}

void GuiApp::supervision_screen() {
    const UiMetrics& m = ui_.metrics;
    const Palette& p = ui_.colours();
    if (!profile()) {
        go(Screen::supervisions);
        return;
    }
    // A copy: an action below reads the session again once this frame is drawn.
    const std::optional<Supervision> session = ss().supervision.session;
    if (!session) {
        go(Screen::supervisions);
        return;
    }
    const auto& people = ss().supervision.people;
    auto person = [&](const std::string& id) -> std::optional<Profile> {
        auto it = people.find(id);
        if (it == people.end()) return std::nullopt;
        return it->second;
    };
    auto sup = person(session->supervisor_profile_id);
    auto tr = person(session->trainee_profile_id);
    heading(ui_, "Supervision: " + (sup ? sup->name : "?") + " with " + (tr ? tr->name : "?"));

    if (session->signed_off()) {
        panel(ui_, "Signed off by both",
              "Supervisor " + readable_time(session->signed_by_supervisor_at) + ", trainee " +
                  readable_time(session->signed_by_trainee_at) +
                  ". This record no longer changes; add to it below.",
              p.best);
        heading(ui_, "Discussion");
        paragraph(session->discussion);
        heading(ui_, "Agreed actions");
        for (const auto& a : session->actions)
            paragraph("\u2022 " + a.text + (a.due_on.empty() ? "" : " (by " + a.due_on + ")"));
        if (session->actions.empty()) muted(ui_, "None agreed.");
        heading(ui_, "Trainee's reflection");
        paragraph(session->trainee_reflection);
        for (const auto& a : session->addenda) {
            auto who = person(a.author_profile_id);
            panel(ui_,
                  "Addendum by " + (who ? who->name : "?") + ", " + readable_time(a.created_at),
                  a.text, p.accent);
        }
        heading(ui_, "Add to this record");
        text_editor(ui_, "##addendum", ss().supervision.addendum, 3.0f);
        if (!ss().supervision.addendum.empty() &&
            big_button(ui_, "add-addendum", "Add addendum", 0, true)) {
            if (act(ss().supervision.message, [&] {
                    journal_.add_supervision_addendum(profile()->id, session->id,
                                                      ss().supervision.addendum);
                }))
                ss().supervision.addendum.clear();
        }
        if (big_button(ui_, "copy-supervision", "Copy as Markdown for your e-portfolio")) {
            act(ss().supervision.message, [&] {
                const auto md =
                    journal_.supervision_markdown(profile()->id, session->id, &library_);
                ImGui::SetClipboardText(md.text.c_str());
            });
        }
#ifdef CASEBOOK_HAS_PDF
        if (big_button(ui_, "pdf-supervision",
                       ss().supervision.pdf_warned ? "Save as PDF anyway" : "Save as PDF")) {
            save_supervision_pdf(*session);
        }
        if (!ss().supervision.saved.empty()) muted(ui_, ss().supervision.saved);
#endif
        if (!ss().supervision.message.empty())
            panel(ui_, "Not done", ss().supervision.message, p.unsafe);
        if (big_button(ui_, "supervision-back", "Back to sessions")) go(Screen::supervisions);
        return;
    }

    bool changed = false;
    heading(ui_, "Discussion");
    changed |= text_editor(ui_, "##discussion", ss().supervision.draft.discussion, 5.0f);
    heading(ui_, "Agreed actions");
    auto& actions = ss().supervision.draft.actions;
    // Each action is a block: what, full width; then its due date and Remove, sized to their
    // text, so nothing is squeezed at a large text size on a tablet.
    const float remove_w = ImGui::CalcTextSize("Remove").x + 2 * m.pad();
    for (std::size_t i = 0; i < actions.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (i) ImGui::Dummy({0, m.gap()});
        ImGui::SetNextItemWidth(ui_.avail());
        changed |= ImGui::InputTextWithHint("##action", "What was agreed", &actions[i].text);
        ui_.record("action-" + std::to_string(i));
        ui_.note_text_field();
        ImGui::SetNextItemWidth(ui_.avail() - remove_w - m.gap());
        changed |= ImGui::InputTextWithHint("##due", "Due (YYYY-MM-DD)", &actions[i].due_on);
        ui_.record("due-" + std::to_string(i));
        ui_.note_text_field();
        ImGui::SameLine(0, m.gap());
        if (big_button(ui_, "remove-action", "Remove", remove_w)) {
            actions.erase(actions.begin() + static_cast<long>(i));
            changed = true;
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    if (big_button(ui_, "add-action", "Add an action")) {
        actions.push_back({});
        changed = true;
    }
    heading(ui_, "Trainee's reflection");
    changed |=
        text_editor(ui_, "##trainee-reflection", ss().supervision.draft.trainee_reflection, 4.0f);
    if (changed) {
        ss().supervision.dirty = true;
        edited();
    }

    heading(ui_, "Sign off");
    muted(ui_, "Each of you signs with your PIN (or confirms, if your profile has none). A change "
               "after signing clears the signatures.");
    for (const auto& [who, signed_at] : {std::pair{sup, session->signed_by_supervisor_at},
                                         std::pair{tr, session->signed_by_trainee_at}}) {
        if (!who) continue;
        if (!signed_at.empty()) {
            panel(ui_, who->name + " has signed", readable_time(signed_at), p.best);
            continue;
        }
        if (ss().supervision.signer != who->id) {
            // While one person signs, the other's button waits: the pad is plainly theirs.
            if (!ss().supervision.signer.empty()) {
                muted(ui_, who->name + " signs after.");
                continue;
            }
            if (big_button(ui_, ("sign-" + who->name).c_str(), "Sign as " + who->name)) {
                save_supervision_now();
                ss().supervision.signer = who->id;
                ss().supervision.pin.clear();
                ss().supervision.message.clear();
            }
            continue;
        }
        try {
            heading(ui_, who->name + " signs now");
            if (who->has_pin) {
                if (pin_pad(ui_, "sign-pin", ss().supervision.pin, "Sign", who->name + "'s PIN")) {
                    journal_.sign_supervision(who->id, session->id, {ss().supervision.pin, false});
                    stale_ = true;
                    ss().supervision.signer.clear();
                }
            } else if (big_button(ui_, "confirm-sign",
                                  "I, " + who->name + ", agree this record is accurate", 0, true)) {
                journal_.sign_supervision(who->id, session->id, {"", true});
                stale_ = true;
                ss().supervision.signer.clear();
            }
        } catch (const std::exception& e) {
            ss().supervision.pin.clear();
            ss().supervision.message = e.what();
        }
        if (big_button(ui_, "cancel-sign", "Not now")) {
            ss().supervision.signer.clear();
            ss().supervision.pin.clear();
            ss().supervision.message.clear();
        }
    }
    // Below the controls, so a message appearing or going moves nothing being reached for.
    if (!ss().supervision.message.empty())
        panel(ui_, "Not done", ss().supervision.message, p.unsafe);
    ImGui::Dummy({0, m.gap()});
    if (big_button(ui_, "supervision-back", "Back to sessions")) go(Screen::supervisions);
}

} // namespace casebook::gui
