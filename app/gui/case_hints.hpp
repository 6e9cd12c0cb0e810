#pragma once
#include "casebook/cases.hpp"

#include <string>

namespace casebook::gui {

// The case Home suggests next: one the reader has not started, in their own profession and
// nation first, then their profession anywhere, then their nation, then any. A UK-wide case
// counts as in every nation. Ties keep the library's order. nullptr when every case is started.
const Case* suggest_case(const Library& library, const CaseStatuses& statuses,
                         const std::string& profession, const std::string& jurisdiction);

// "Guidance checked: 2026" for a case whose authors recorded the year its law and guidance
// were last checked; empty for a case without that year.
std::string guidance_checked_line(const Case& c);

// A case's profession, setting, nation and length, as its card and the player show them.
std::string meta_line(const Case& c);

} // namespace casebook::gui
