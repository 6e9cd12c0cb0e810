// Home: the way in for someone worried now, progress, where to carry on, a suggested case,
// revision, and the conflicts waiting after a sync.
#include "screens/home.hpp"

#include "case_hints.hpp"
#include "gui_app.hpp"
#include "session.hpp"

namespace casebook::gui {

void HomeScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    ProfileSession& s = cx.session();
    const auto& statuses = s.statuses;
    if (ui.fonts.title) ImGui::PushFont(ui.fonts.title);
    paragraph(ui, "When confidentiality meets safeguarding");
    if (ui.fonts.title) ImGui::PopFont();
    // The reason someone opens this at 3 a.m. comes first.
    if (big_button(ui, "worried", "I'm worried about someone now", 0, true)) {
        cx.app.start_real_concern();
        return;
    }
    muted(ui, "Work through real-world cases: what would you do, what the guidance says, and "
              "what colleagues get right and wrong.");

    std::size_t done = 0;
    std::vector<const Case*> in_progress;
    for (const auto& c : cx.library.cases()) {
        auto it = statuses.find(c.id);
        if (it == statuses.end()) continue;
        if (it->second == CaseStatus::done) ++done;
        if (it->second == CaseStatus::in_progress) in_progress.push_back(&c);
    }

    heading(ui, "Your progress");
    const std::size_t total = cx.library.cases().size();
    paragraph(ui, std::to_string(done) + " of " + std::to_string(total) + " cases done");
    progress_bar(ui, total ? static_cast<float>(done) / static_cast<float>(total) : 0.0f,
                 ui.metrics.gap() * 2);

    if (!in_progress.empty()) {
        heading(ui, "Continue where you left off");
        for (const Case* c : in_progress) {
            if (card(ui, ("continue-" + c->id).c_str(), c->title, c->summary, meta_line(*c),
                     "In progress", ui.colours().acceptable))
                cx.app.open_case(c->id);
        }
    }
    // One new case, in the reader's own profession and nation where there is one.
    const Profile* me = cx.person();
    const std::string profession = me ? me->profession : std::string();
    const std::string nation = me ? me->jurisdiction : std::string();
    if (const Case* next = suggest_case(cx.library, statuses, profession, nation)) {
        const bool own = !profession.empty() && next->profession == profession;
        heading(ui, own ? "Suggested for you" : "Try a new case");
        if (card(ui, ("suggest-" + next->id).c_str(), next->title, next->summary, meta_line(*next),
                 "New", ui.colours().muted))
            cx.app.open_case(next->id);
    }
    revision_of(cx).home(cx);
    if (cx.app.screen() != Screen::home) return;
    ImGui::Dummy({0, ui.metrics.gap()});
    if (big_button(ui, "home-library", "Open the case library")) cx.app.open_library();
    if (big_button(ui, "home-records", "Decision records")) cx.app.open_records();

    // A note changed on two devices while apart stays visible here until someone resolves it.
    if (me) {
        const std::size_t conflicts = s.sync.view.conflicts.size();
        if (conflicts) {
            panel(ui, counted(conflicts, "change", "changes") + " made on two devices while apart",
                  "Both versions are kept. Choose which to keep, or write a merge.",
                  ui.colours().acceptable);
            if (big_button(ui, "home-conflicts", "Resolve them")) {
                cx.app.open_sync();
                return;
            }
        }
    }
    heading(ui, "If someone is in danger now");
    panel(ui, "Immediate danger", "Call 999. Then record what you saw, what you did and when.",
          ui.colours().unsafe);
    ImGui::Dummy({0, ui.metrics.gap()});
    panel(ui, "Worried about a child and unsure what to do?",
          "Talk to your safeguarding lead, or call the NSPCC helpline on 0808 800 5000 "
          "(help@nspcc.org.uk).",
          ui.colours().accent);
}

} // namespace casebook::gui
