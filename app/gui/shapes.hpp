#pragma once
// Filled shapes cut up for a renderer that rasterises on the CPU. SDL's software renderer visits
// every pixel of each triangle's bounding box; ImDrawList fills a rounded rectangle as a fan of
// long thin triangles from one corner, whose boxes cover the shape many times over (on Home,
// rasterising the frame cost more than twice what it does with these pieces). A GPU does not
// care, and the pieces cost more to build, so only the software renderer gets them.
#include <imgui.h>

namespace casebook::gui {

// As ImDrawList::AddRectFilled(min, max, colour, rounding) with all corners rounded: the same
// outline, the same anti-aliased edge and, under SDL's software renderer, the same pixels.
void fill_rect_for_cpu(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float rounding);

} // namespace casebook::gui
