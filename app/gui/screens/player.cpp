// The case player: the story, the consultation, each decision with its feedback, then what
// happened, the guidance, colleagues' views, the learning points and the reader's reflection.
#include "screens/player.hpp"

#include "case_hints.hpp"
#include "gui_app.hpp"
#include "session.hpp"

namespace casebook::gui {

namespace {

const ImVec4& grade_colour(const Palette& p, Grade g) {
    switch (g) {
    case Grade::best:
        return p.best;
    case Grade::acceptable:
        return p.acceptable;
    case Grade::unsafe:
        return p.unsafe;
    }
    return p.unsafe;
}

std::string grade_label(Grade g) {
    switch (g) {
    case Grade::best:
        return "Best";
    case Grade::acceptable:
        return "Acceptable";
    case Grade::unsafe:
        return "Unsafe";
    }
    return "";
}

} // namespace

void PlayerScreen::open(Context& cx, const Case& c) {
    run = std::make_unique<CaseRun>(c, cx.store, cx.profile);
    cx.go(Screen::player);
    reflection = run->reflection();
    // Resume where the reader left off: at the decision they were on.
    if (!run->finished() && run->chosen(0))
        cx.ui.scroll_anchor = decision_heading(run->revealed() - 1);
}

void PlayerScreen::save_reflection() {
    if (!run || !reflection_dirty) return;
    try {
        run->save_reflection(reflection);
        reflection_dirty = false;
        reflection_message.clear();
    } catch (const std::exception& e) {
        // Never end the app while someone is typing: the text stays here and is saved again.
        reflection_message = std::string("Not saved yet: ") + e.what() +
                             ". Your text is kept here and saving is tried again.";
    }
}

void PlayerScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    if (!run) {
        cx.app.open_library();
        return;
    }
    const Case& c = run->current_case();
    const Palette& p = ui.colours();
    if (ui.fonts.title) ImGui::PushFont(ui.fonts.title);
    paragraph(ui, c.title);
    if (ui.fonts.title) ImGui::PopFont();
    muted(ui, meta_line(c));
    if (const std::string checked = guidance_checked_line(c); !checked.empty()) muted(ui, checked);
    paragraph(ui, c.summary);

    heading(ui, "The story so far");
    for (const auto& s : c.story)
        paragraph(ui, s);

    auto dialogue = [&](const std::vector<Line>& lines) {
        for (const auto& line : lines) {
            const CastMember* who = c.member(line.speaker);
            const bool clinician = who && who->clinician;
            ImGui::Dummy({0, ui.metrics.gap() * 0.25f});
            std::string name = who ? who->name : line.speaker;
            if (who && !who->role.empty()) name += " (" + who->role + ")";
            coloured_text(ui, name, clinician ? p.clinician : p.other_speaker);
            ImGui::Indent(ui.metrics.pad());
            paragraph(ui, line.text);
            ImGui::Unindent(ui.metrics.pad());
        }
    };
    heading(ui, "The consultation");
    dialogue(c.dialogue);

    for (std::size_t i = 0; i < run->revealed(); ++i) {
        const Decision& d = c.decisions[i];
        if (!d.before.empty() || !d.dialogue.empty()) {
            heading(ui, "The story moves on");
            for (const auto& b : d.before)
                paragraph(ui, b);
            dialogue(d.dialogue);
        }
        decision(cx, i);
    }

    if (run->can_continue()) {
        ImGui::Dummy({0, ui.metrics.gap()});
        const bool more = run->revealed() < c.decisions.size();
        if (big_button(ui, "continue", more ? "Continue: the story moves on" : "See what happened",
                       0, true)) {
            // Bring what was just revealed into view, as turning a page would.
            const Decision* coming = more ? &c.decisions[run->revealed()] : nullptr;
            ui.scroll_anchor = !coming ? "What happened"
                               : coming->before.empty() && coming->dialogue.empty()
                                   ? decision_heading(run->revealed())
                                   : "The story moves on";
            run->next();
        }
    }
    if (run->finished()) outcome(cx);
}

std::string PlayerScreen::decision_heading(std::size_t index) const {
    const std::size_t n = run->current_case().decisions.size();
    return n > 1 ? "Decision " + std::to_string(index + 1) + " of " + std::to_string(n)
                 : "Decision";
}

void PlayerScreen::decision(Context& cx, std::size_t index) {
    Ui& ui = cx.ui;
    const Case& c = run->current_case();
    const Decision& d = c.decisions[index];
    const Palette& p = ui.colours();
    const auto chosen = run->chosen(index);
    heading(ui, decision_heading(index));
    if (ui.fonts.heading) ImGui::PushFont(ui.fonts.heading);
    paragraph(ui, d.prompt);
    if (ui.fonts.heading) ImGui::PopFont();
    if (!chosen) muted(ui, "Choose one option.");
    for (const auto& o : d.options) {
        const OptionLook look = !chosen            ? OptionLook::open
                                : *chosen == o.key ? OptionLook::chosen
                                                   : OptionLook::other;
        const std::string id = "option-" + std::to_string(index) + "-" + o.key;
        if (option_button(ui, id.c_str(), o.key, o.text, look, grade_colour(p, o.grade))) {
            run->choose(index, o.key);
            reveal_feedback = index;
        }
    }
    if (!chosen) return;
    const Option* picked = d.option(*chosen);
    ImGui::Dummy({0, ui.metrics.gap()});
    panel(ui, "You chose " + picked->key + ": " + grade_label(picked->grade), picked->feedback,
          grade_colour(p, picked->grade));
    if (reveal_feedback == index) {
        // The feedback may land below the fold (review step 1.4): bring its end into view once,
        // keeping as much of the options above it as fits. Nothing moves if it is in view.
        reveal_feedback.reset();
        if (ImGui::GetCursorScreenPos().y > ImGui::GetWindowPos().y + ImGui::GetWindowHeight())
            ImGui::SetScrollHereY(1.0f);
    }
    muted(ui, "Why the other options were graded as they were:");
    for (const auto& o : d.options) {
        if (o.key == *chosen) continue;
        const std::string id = "why-" + std::to_string(index) + "-" + o.key;
        if (disclosure(ui, id.c_str(), o.key + ": " + grade_label(o.grade),
                       grade_colour(p, o.grade)))
            panel(ui, o.text, o.feedback, grade_colour(p, o.grade));
    }
}

void PlayerScreen::outcome(Context& cx) {
    Ui& ui = cx.ui;
    const Case& c = run->current_case();
    const Palette& p = ui.colours();
    const Guidance& g = cx.library.guidance();

    heading(ui, "What happened");
    for (std::size_t i = 0; i < c.what_happened.size(); ++i)
        paragraph(ui, std::to_string(i + 1) + ".  " + c.what_happened[i]);

    heading(ui, "The guidance");
    for (const auto& citation : c.citations) {
        const GuidancePoint* point = g.resolve(citation);
        ImGui::Dummy({0, ui.metrics.gap() * 0.5f});
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        paragraph(ui, g.label(citation));
        ImGui::PopStyleColor();
        if (point) paragraph(ui, point->gist);
        muted(ui, "In this case: " + citation.applies);
    }

    heading(ui, "Colleagues' views");
    for (const auto& v : c.views) {
        ImGui::Dummy({0, ui.metrics.gap() * 0.5f});
        muted(ui, v.who);
        paragraph(ui, "\u201c" + v.view + "\u201d");
        panel(ui, v.supported ? "Supported by the guidance" : "Not supported by the guidance",
              v.why, v.supported ? p.supported : p.not_supported);
    }

    heading(ui, "Learning points");
    for (const auto& point : c.learning_points) {
        ImGui::Bullet();
        ImGui::SameLine();
        paragraph(ui, point);
    }

    heading(ui, "Your reflection");
    muted(ui, "What would you do in your own setting? Saved on this device as you type.");
    if (text_editor(ui, "##reflection", reflection, 5.0f)) {
        reflection_dirty = true;
        cx.edited();
    }
    ui.record("reflection");
    if (!reflection_message.empty())
        panel(ui, "Not saved", reflection_message, ui.colours().unsafe);

    ImGui::Dummy({0, ui.metrics.gap()});
    if (big_button(ui, "again", "Try this case again")) {
        cx.app.save_pending();
        run->restart();
        cx.scroll_to_top();
    }
    if (big_button(ui, "try-checklist", "Try the checklist on this case")) {
        cx.app.start_practice(c.id);
        return;
    }
    if (cx.person() && big_button(ui, "note-about-case", "Write a note about this case")) {
        cx.session().note.start(cx, "case", c.id);
        return;
    }
    if (big_button(ui, "back-to-library", "Back to the library", 0, true)) cx.app.open_library();
}

} // namespace casebook::gui
