#pragma once
// The case player: a case being worked through, its decisions, its outcome and the reader's
// reflection on it.
#include "casebook/cases.hpp"
#include "screens/context.hpp"

#include <memory>
#include <optional>
#include <string>

namespace casebook::gui {

struct PlayerScreen {
    // Opens `c`, resuming the latest attempt at the decision the reader was on.
    void open(Context& cx, const Case& c);
    void draw(Context& cx);
    // Saves the reflection if it changed (the autosave calls it); a failure keeps the text.
    void save_reflection();

    std::unique_ptr<CaseRun> run;
    // The decision just answered: its feedback is scrolled into view once, as it is drawn.
    std::optional<std::size_t> reveal_feedback;
    std::string reflection;
    bool reflection_dirty = false;
    std::string reflection_message; // why the last save failed; the text is kept

  private:
    void decision(Context& cx, std::size_t index);
    std::string decision_heading(std::size_t index) const;
    void outcome(Context& cx);
};

} // namespace casebook::gui
