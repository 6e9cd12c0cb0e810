#pragma once
#include <imgui.h>
#include <string>

namespace casebook::gui {

enum class ThemeName { light, dark, high_contrast };

const char* to_string(ThemeName theme);
ThemeName theme_from_string(const std::string& text); // unknown text gives light
const char* theme_label(ThemeName theme);

// Four text sizes; the font atlas is rebuilt at the new size, never scaled.
constexpr int text_size_count = 4;
float text_scale(int text_size);
const char* text_size_label(int text_size);

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
