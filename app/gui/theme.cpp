#include "theme.hpp"

#include "ui_metrics.hpp"

#include <algorithm>

namespace casebook::gui {

namespace {
ImVec4 rgb(int r, int g, int b) {
    return {static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
            static_cast<float>(b) / 255.0f, 1.0f};
}

const Palette light{rgb(246, 244, 240), rgb(255, 255, 255), rgb(236, 241, 248), rgb(220, 230, 244),
                    rgb(200, 198, 192), rgb(28, 30, 34),    rgb(92, 96, 104),   rgb(22, 92, 170),
                    rgb(255, 255, 255), rgb(22, 92, 170),   rgb(138, 62, 20),   rgb(20, 120, 60),
                    rgb(156, 100, 0),   rgb(178, 34, 34),   rgb(20, 120, 60),   rgb(178, 34, 34)};

const Palette dark{rgb(24, 26, 30),   rgb(36, 39, 45),    rgb(46, 52, 62),    rgb(56, 66, 82),
                   rgb(70, 74, 82),   rgb(234, 234, 230), rgb(170, 174, 182), rgb(110, 170, 240),
                   rgb(16, 20, 28),   rgb(120, 180, 250), rgb(240, 170, 110), rgb(100, 200, 130),
                   rgb(236, 190, 90), rgb(250, 120, 110), rgb(100, 200, 130), rgb(250, 120, 110)};
// White on black with yellow for actions: for low vision and bright wards.
const Palette high_contrast{
    rgb(0, 0, 0),       rgb(0, 0, 0),       rgb(40, 40, 0),     rgb(80, 80, 0),
    rgb(255, 255, 255), rgb(255, 255, 255), rgb(230, 230, 230), rgb(255, 230, 0),
    rgb(0, 0, 0),       rgb(255, 230, 0),   rgb(120, 220, 255), rgb(90, 255, 120),
    rgb(255, 200, 60),  rgb(255, 110, 110), rgb(90, 255, 120),  rgb(255, 110, 110)};
} // namespace

const Palette& palette(ThemeName name) {
    switch (name) {
    case ThemeName::dark:
        return dark;
    case ThemeName::high_contrast:
        return high_contrast;
    case ThemeName::light:
        break;
    }
    return light;
}

const char* to_string(ThemeName theme) {
    switch (theme) {
    case ThemeName::dark:
        return "dark";
    case ThemeName::high_contrast:
        return "high-contrast";
    case ThemeName::light:
        break;
    }
    return "light";
}

ThemeName theme_from_string(const std::string& text) {
    if (text == "dark") return ThemeName::dark;
    if (text == "high-contrast") return ThemeName::high_contrast;
    return ThemeName::light;
}

const char* theme_label(ThemeName theme) {
    switch (theme) {
    case ThemeName::dark:
        return "Dark";
    case ThemeName::high_contrast:
        return "High contrast";
    case ThemeName::light:
        break;
    }
    return "Light";
}

float text_scale(int text_size) {
    static const float scales[text_size_count] = {0.85f, 1.0f, 1.2f, 1.45f};
    return scales[std::clamp(text_size, 0, text_size_count - 1)];
}

const char* text_size_label(int text_size) {
    static const char* labels[text_size_count] = {"Small", "Standard", "Large", "Largest"};
    return labels[std::clamp(text_size, 0, text_size_count - 1)];
}

ImU32 u32(const ImVec4& c) {
    return ImGui::ColorConvertFloat4ToU32(c);
}

void apply_style(ThemeName name, float font_px, float dp) {
    const Palette& p = palette(name);
    const UiMetrics m{font_px, dp};
    ImGuiStyle style;
    style.WindowPadding = {m.pad(), m.pad()};
    style.FramePadding = {m.pad(), (m.tap() - font_px) * 0.5f};
    style.ItemSpacing = {m.gap(), m.gap()};
    style.ItemInnerSpacing = {m.gap(), m.gap()};
    style.ScrollbarSize = font_px * 0.9f;
    style.GrabMinSize = font_px;
    style.FrameRounding = m.radius();
    style.WindowRounding = 0;
    style.ChildRounding = m.radius();
    style.PopupRounding = m.radius();
    style.ScrollbarRounding = m.radius();
    style.WindowBorderSize = 0;
    style.FrameBorderSize = name == ThemeName::high_contrast ? 2.0f : 1.0f;
    style.TouchExtraPadding = {0, 0};

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.muted;
    c[ImGuiCol_WindowBg] = p.background;
    c[ImGuiCol_ChildBg] = {0, 0, 0, 0};
    c[ImGuiCol_PopupBg] = p.surface;
    c[ImGuiCol_Border] = p.border;
    c[ImGuiCol_FrameBg] = p.surface;
    c[ImGuiCol_FrameBgHovered] = p.surface_hover;
    c[ImGuiCol_FrameBgActive] = p.surface_active;
    c[ImGuiCol_Button] = p.surface;
    c[ImGuiCol_ButtonHovered] = p.surface_hover;
    c[ImGuiCol_ButtonActive] = p.surface_active;
    c[ImGuiCol_Header] = p.surface_hover;
    c[ImGuiCol_HeaderHovered] = p.surface_hover;
    c[ImGuiCol_HeaderActive] = p.surface_active;
    c[ImGuiCol_CheckMark] = p.accent;
    // No track: the page's own background shows, and nothing is painted for it.
    c[ImGuiCol_ScrollbarBg] = {0, 0, 0, 0};
    c[ImGuiCol_ScrollbarGrab] = p.border;
    c[ImGuiCol_ScrollbarGrabHovered] = p.muted;
    c[ImGuiCol_ScrollbarGrabActive] = p.accent;
    c[ImGuiCol_Separator] = p.border;
    c[ImGuiCol_NavHighlight] = p.accent;
    c[ImGuiCol_PlotHistogram] = p.best;
    c[ImGuiCol_TextSelectedBg] = p.surface_active;
    ImGui::GetStyle() = style;
}

} // namespace casebook::gui
