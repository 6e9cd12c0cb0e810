#pragma once
// The ImGui 1.86 side of touch input: writes a PointerFrame into ImGuiIO after the backend's
// new-frame, and scrolls the window under a dragging finger. Uses imgui_internal.h, so this file
// is the one to revisit when moving to a newer ImGui (1.87+ has io.AddMousePosEvent and
// io.AddMouseSourceEvent).
#include "pointer_input.hpp"

namespace casebook::platform {

void apply_pointer_frame(const PointerFrame& frame);

} // namespace casebook::platform
