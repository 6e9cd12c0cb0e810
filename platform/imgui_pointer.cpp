#include "imgui_pointer.hpp"

#include <cfloat>
#include <imgui.h>
#include <imgui_internal.h>

namespace casebook::platform {

namespace {

// The innermost visible window under a point that can scroll vertically.
ImGuiWindow* scrollable_window_at(ImVec2 p) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* hit = nullptr;
    for (ImGuiWindow* w : g.Windows) // back to front, so the last hit is on top
        if (w->WasActive && !w->Hidden && w->OuterRectClipped.Contains(p)) hit = w;
    while (hit && hit->ScrollMax.y <= 0 && hit->ParentWindow)
        hit = hit->ParentWindow;
    return hit && hit->ScrollMax.y > 0 ? hit : nullptr;
}

} // namespace

void apply_pointer_frame(const PointerFrame& frame) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = frame.present ? ImVec2(frame.pos.x, frame.pos.y) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = frame.down;
    io.MouseDown[1] = io.MouseDown[2] = false;
    io.MouseWheel = io.MouseWheelH = 0;
    if (frame.scroll_dy != 0)
        if (ImGuiWindow* w = scrollable_window_at({frame.scroll_at.x, frame.scroll_at.y}))
            ImGui::SetScrollY(w, ImClamp(w->Scroll.y - frame.scroll_dy, 0.0f, w->ScrollMax.y));
}

} // namespace casebook::platform
