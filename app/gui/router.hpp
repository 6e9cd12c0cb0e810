#pragma once
// Deep links (`casebook --open ...`): a screen named by text, applied after the library is
// loaded. In the GUI library, not the platform, so every link is testable on a null context.
#include "gui_app.hpp"

#include <string>

namespace casebook::gui {

// Opens what `link` names: home, library, settings, lock, worried, records, sync, revision,
// progress, notes, supervisions (these two and note:<id>, supervision:<id> need a profile open),
// case:<id>[:A,B,...] (a case with those choices made) or practice:<id>. Returns an empty string
// when it opened, else what to tell the person (one line, ending in a newline).
std::string open_link(GuiApp& app, const std::string& link);

} // namespace casebook::gui
