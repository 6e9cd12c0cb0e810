#pragma once
// Filled shapes cut up for a software renderer. SDL's software renderer visits every pixel of
// each triangle's bounding box; ImDrawList fills a rounded rectangle as a fan of long thin
// triangles from one corner, whose boxes cover the shape many times over (on Home, rasterising
// the frame cost three times what it did with square corners).
#include <imgui.h>

namespace casebook::gui {

// As ImDrawList::AddRectFilled(min, max, colour, rounding) with all corners rounded: the same
// outline and the same anti-aliased edge, but the inside cut into horizontal strips.
void fill_rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float rounding);

} // namespace casebook::gui
