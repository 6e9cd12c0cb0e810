#pragma once
#include <imgui.h>

namespace casebook::gui {

enum class ThemeName { light, dark };

// Semantic colours, so screens say what a colour means rather than which colour it is.
struct Palette {
    ImVec4 background, surface, surface_hover, surface_active, border;
    ImVec4 text, muted, accent, on_accent;
    ImVec4 clinician, other_speaker;
    ImVec4 best, acceptable, unsafe;
    ImVec4 supported, not_supported;
};

const Palette& palette(ThemeName name);
// Applies the palette and metrics-driven sizes to the ImGui style.
void apply_style(ThemeName name, float font_px, float dp);

ImU32 u32(const ImVec4& colour);

} // namespace casebook::gui
