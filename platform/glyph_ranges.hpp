#pragma once
// The characters the app's font atlas holds. Anything the screens or the bundled text use must
// be in here, or it shows as "?" (review F8: the check marks did).
#include <imgui.h>

namespace casebook::platform {

// Pairs of first and last code point, ending in 0, as ImGui's font loader takes them.
const ImWchar* glyph_ranges();
bool in_glyph_ranges(unsigned code_point);

} // namespace casebook::platform
