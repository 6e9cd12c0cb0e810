#pragma once
#include "casebook/library.hpp"

#include <string>

namespace casebook::gui {

// The case Home suggests next: one the reader has not started, in their own profession and
// nation first, then their profession anywhere, then their nation, then any. A UK-wide case
// counts as in every nation. Ties keep the library's order. nullptr when every case is started.
const Case* suggest_case(const Library& library, const CaseStatuses& statuses,
                         const std::string& profession, const std::string& jurisdiction);

} // namespace casebook::gui
