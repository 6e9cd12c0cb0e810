// Supervision sessions at one device: supervisor and trainee together, the discussion, agreed
// actions, the trainee's reflection, both signing off, then addenda and a Markdown export.
#include "screens/supervision.hpp"

#include "gui_app.hpp"
#include "session.hpp"
#ifdef CASEBOOK_HAS_PDF
#include "pdf_export.hpp"
#endif

#include <imgui_stdlib.h>

namespace casebook::gui {

#ifdef CASEBOOK_HAS_PDF
// An A4 PDF of the signed session for an e-portfolio, in the documents folder; likely patient
// identifiers are pointed out first, and a second tap saves anyway.
void SupervisionScreen::save_pdf(Context& cx, const Supervision& signed_session) {
    const auto md = cx.journal.supervision_markdown(cx.profile, signed_session.id, &cx.library);
    saved.clear();
    if (!md.identifiers.empty() && !pdf_warned) {
        std::string kinds;
        for (auto kind : md.kinds())
            kinds += (kinds.empty() ? "" : ", ") + std::string(label(kind));
        message = "This session holds what look like patient identifiers (" + kinds +
                  "). Check them before it leaves this device; tap \u201cSave as "
                  "PDF anyway\u201d to save it as it is.";
        pdf_warned = true;
        return;
    }
    pdf_warned = false;
    message.clear();
    std::error_code ec;
    std::filesystem::create_directories(cx.export_folder(), ec);
    const auto file =
        cx.export_folder() / ("supervision-" + signed_session.created_at.substr(0, 10) + "-" +
                              signed_session.id.substr(0, 8) + ".pdf");
    try {
        pdf::write_markdown_pdf(md.text, file, {"Casebook: supervision session"});
        saved = "Saved to " + file.string();
    } catch (const std::exception& e) {
        message = std::string("Not saved: ") + e.what();
    }
}
#endif

void SupervisionScreen::open(Context& cx, const std::string& session_id) {
    cx.app.save_pending();
    *this = {};
    if (!cx.person()) return;
    std::optional<Supervision> s;
    cx.act(message, [&] { s = cx.journal.supervision(cx.profile, session_id); });
    if (s) {
        id = s->id;
        draft = {s->case_id, s->checklist_record_id, s->discussion, s->actions,
                 s->trainee_reflection};
        cx.go(Screen::supervision);
    }
}

void SupervisionScreen::save(Context& cx) {
    if (!dirty || !cx.person() || id.empty()) return;
    try {
        // An action row just added has no text yet: it stays on screen and is saved once it
        // says something, instead of failing the whole save with a banner.
        SupervisionDraft saved_draft = draft;
        std::erase_if(saved_draft.actions, [](const auto& a) {
            return a.text.find_first_not_of(" \t\n") == std::string::npos;
        });
        cx.journal.save_supervision(cx.profile, id, saved_draft);
        dirty = false;
        message.clear();
    } catch (const std::exception& e) {
        message = std::string("Not saved yet: ") + e.what();
    }
}

void SupervisionsScreen::refresh(Context& cx) {
    cards.forget();
    if (!cx.person()) return;
    others.clear();
    names.clear();
    for (const auto& p : cx.journal.profiles()) {
        names[p.id] = p.name;
        if (p.id != cx.profile) others.push_back(p);
    }
    sessions = cx.journal.supervisions(cx.profile);
    auto name = [&](const std::string& id) {
        auto it = names.find(id);
        return it == names.end() ? std::string("?") : it->second;
    };
    texts.clear();
    for (const auto& s : sessions)
        texts.push_back(
            {"session-" + s.id,
             name(s.supervisor_profile_id) + " with " + name(s.trainee_profile_id),
             s.discussion.empty() ? "(no discussion written yet)" : s.discussion.substr(0, 160),
             "Started " + readable_time(s.created_at)});
}

void SupervisionScreen::refresh(Context& cx) {
    if (!cx.person()) return;
    const auto profiles = cx.journal.profiles();
    session = cx.journal.supervision(cx.profile, id);
    people.clear();
    for (const auto& p : profiles)
        people[p.id] = p;
}

void SupervisionsScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const Palette& p = ui.colours();
    heading(ui, "Supervision sessions");
    const Profile* me = cx.person();
    if (!me) {
        muted(ui, "Sessions belong to the supervisor's and the trainee's profiles.");
        if (big_button(ui, "supervision-profile", "Choose or add a profile", 0, true))
            cx.app.lock();
        return;
    }
    const SupervisionsScreen& v = *this;
    SupervisionScreen& one = cx.session().supervision;
    // Both people sit at this device: the other one is picked from its profiles.
    heading(ui, "Start a session with");
    bool anyone = false;
    for (const auto& other : v.others) {
        anyone = true;
        const bool i_supervise = me->role != Role::trainee && other.role != Role::supervisor;
        const std::string label =
            other.name + (i_supervise ? " (you supervise)" : " (supervises you)");
        if (big_button(ui, ("start-with-" + other.name).c_str(), label)) {
            std::optional<Supervision> s;
            const std::string mine = me->id, them = other.id;
            cx.act(one.message, [&] {
                s = i_supervise ? cx.journal.start_supervision(mine, them)
                                : cx.journal.start_supervision(them, mine);
            });
            if (s) one.open(cx, s->id);
            return;
        }
    }
    if (!anyone) muted(ui, "Add the other person's profile first (Settings, Add a profile).");
    if (!one.message.empty()) panel(ui, "Not started", one.message, p.unsafe);

    heading(ui, "Your sessions");
    if (sessions.empty()) muted(ui, "None yet.");
    cards.draw(ui, sessions.size(), [&](std::size_t i) {
        const Supervision& s = sessions[i];
        const CardText& t = texts[i];
        if (card(ui, t.id.c_str(), t.title, t.body, t.meta, s.signed_off() ? "Signed off" : "Draft",
                 s.signed_off() ? p.best : p.acceptable)) {
            one.open(cx, s.id);
            return true;
        }
        return false;
    });
}

void SupervisionScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    if (!cx.person()) {
        cx.go(Screen::supervisions);
        return;
    }
    // A copy: an action below reads the session again once this frame is drawn.
    const std::optional<Supervision> shown = session;
    if (!shown) {
        cx.go(Screen::supervisions);
        return;
    }
    auto person = [&](const std::string& profile_id) -> std::optional<Profile> {
        auto it = people.find(profile_id);
        if (it == people.end()) return std::nullopt;
        return it->second;
    };
    auto sup = person(shown->supervisor_profile_id);
    auto tr = person(shown->trainee_profile_id);
    heading(ui, "Supervision: " + (sup ? sup->name : "?") + " with " + (tr ? tr->name : "?"));

    if (shown->signed_off()) {
        panel(ui, "Signed off by both",
              "Supervisor " + readable_time(shown->signed_by_supervisor_at) + ", trainee " +
                  readable_time(shown->signed_by_trainee_at) +
                  ". This record no longer changes; add to it below.",
              p.best);
        heading(ui, "Discussion");
        paragraph(ui, shown->discussion);
        heading(ui, "Agreed actions");
        for (const auto& a : shown->actions)
            paragraph(ui, "\u2022 " + a.text + (a.due_on.empty() ? "" : " (by " + a.due_on + ")"));
        if (shown->actions.empty()) muted(ui, "None agreed.");
        heading(ui, "Trainee's reflection");
        paragraph(ui, shown->trainee_reflection);
        for (const auto& a : shown->addenda) {
            auto who = person(a.author_profile_id);
            panel(ui, "Addendum by " + (who ? who->name : "?") + ", " + readable_time(a.created_at),
                  a.text, p.accent);
        }
        heading(ui, "Add to this record");
        text_editor(ui, "##addendum", addendum, 3.0f);
        if (!addendum.empty() && big_button(ui, "add-addendum", "Add addendum", 0, true)) {
            if (cx.act(message, [&] {
                    cx.journal.add_supervision_addendum(cx.profile, shown->id, addendum);
                }))
                addendum.clear();
        }
        if (big_button(ui, "copy-supervision", "Copy as Markdown for your e-portfolio")) {
            cx.act(message, [&] {
                const auto md = cx.journal.supervision_markdown(cx.profile, shown->id, &cx.library);
                ImGui::SetClipboardText(md.text.c_str());
            });
        }
#ifdef CASEBOOK_HAS_PDF
        if (big_button(ui, "pdf-supervision", pdf_warned ? "Save as PDF anyway" : "Save as PDF")) {
            save_pdf(cx, *shown);
        }
        if (!saved.empty()) muted(ui, saved);
#endif
        if (!message.empty()) panel(ui, "Not done", message, p.unsafe);
        if (big_button(ui, "supervision-back", "Back to sessions")) cx.go(Screen::supervisions);
        return;
    }

    bool changed = false;
    heading(ui, "Discussion");
    changed |= text_editor(ui, "##discussion", draft.discussion, 5.0f);
    heading(ui, "Agreed actions");
    auto& actions = draft.actions;
    // Each action is a block: what, full width; then its due date and Remove, sized to their
    // text, so nothing is squeezed at a large text size on a tablet.
    const float remove_w = ImGui::CalcTextSize("Remove").x + 2 * m.pad();
    for (std::size_t i = 0; i < actions.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (i) ImGui::Dummy({0, m.gap()});
        ImGui::SetNextItemWidth(ui.avail());
        changed |= ImGui::InputTextWithHint("##action", "What was agreed", &actions[i].text);
        ui.record("action-" + std::to_string(i));
        ui.note_text_field();
        ImGui::SetNextItemWidth(ui.avail() - remove_w - m.gap());
        changed |= ImGui::InputTextWithHint("##due", "Due (YYYY-MM-DD)", &actions[i].due_on);
        ui.record("due-" + std::to_string(i));
        ui.note_text_field();
        ImGui::SameLine(0, m.gap());
        if (big_button(ui, "remove-action", "Remove", remove_w)) {
            actions.erase(actions.begin() + static_cast<long>(i));
            changed = true;
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    if (big_button(ui, "add-action", "Add an action")) {
        actions.push_back({});
        changed = true;
    }
    heading(ui, "Trainee's reflection");
    changed |= text_editor(ui, "##trainee-reflection", draft.trainee_reflection, 4.0f);
    if (changed) {
        dirty = true;
        cx.edited();
    }

    heading(ui, "Sign off");
    muted(ui, "Each of you signs with your PIN (or confirms, if your profile has none). A change "
              "after signing clears the signatures.");
    for (const auto& [who, signed_at] : {std::pair{sup, shown->signed_by_supervisor_at},
                                         std::pair{tr, shown->signed_by_trainee_at}}) {
        if (!who) continue;
        if (!signed_at.empty()) {
            panel(ui, who->name + " has signed", readable_time(signed_at), p.best);
            continue;
        }
        if (signer != who->id) {
            // While one person signs, the other's button waits: the pad is plainly theirs.
            if (!signer.empty()) {
                muted(ui, who->name + " signs after.");
                continue;
            }
            if (big_button(ui, ("sign-" + who->name).c_str(), "Sign as " + who->name)) {
                save(cx);
                signer = who->id;
                pin.clear();
                message.clear();
            }
            continue;
        }
        try {
            heading(ui, who->name + " signs now");
            if (who->has_pin) {
                if (pin_pad(ui, "sign-pin", pin, "Sign", who->name + "'s PIN")) {
                    cx.journal.sign_supervision(who->id, shown->id, {pin, false});
                    cx.reread();
                    signer.clear();
                }
            } else if (big_button(ui, "confirm-sign",
                                  "I, " + who->name + ", agree this record is accurate", 0, true)) {
                cx.journal.sign_supervision(who->id, shown->id, {"", true});
                cx.reread();
                signer.clear();
            }
        } catch (const std::exception& e) {
            pin.clear();
            message = e.what();
        }
        if (big_button(ui, "cancel-sign", "Not now")) {
            signer.clear();
            pin.clear();
            message.clear();
        }
    }
    // Below the controls, so a message appearing or going moves nothing being reached for.
    if (!message.empty()) panel(ui, "Not done", message, p.unsafe);
    ImGui::Dummy({0, m.gap()});
    if (big_button(ui, "supervision-back", "Back to sessions")) cx.go(Screen::supervisions);
}

} // namespace casebook::gui
