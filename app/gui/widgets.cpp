#include "widgets.hpp"

#include "shapes.hpp"

#include <algorithm>
#include <imgui_internal.h> // RenderArrow
#include <string>

namespace casebook::gui {

void Ui::record(const std::string& label) {
    targets.push_back({label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

void Ui::note_text_field(const std::optional<HitTarget>& caret) {
    if (!ImGui::IsItemActive()) return;
    active_text = HitTarget{"text", ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    const ImVec2 min = caret ? caret->min : active_text->min;
    const ImVec2 max = caret ? caret->max : active_text->max;
    const float window_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    const float bottom = std::min(window_bottom, ImGui::GetMainViewport()->WorkPos.y +
                                                     ImGui::GetMainViewport()->WorkSize.y);
    // A field taller than the view keeps its top in view instead.
    const float top = ImGui::GetWindowPos().y;
    const float overflow = std::min(max.y - bottom, min.y - top);
    if (overflow > 0)
        ImGui::SetScrollY(ImGui::GetScrollY() + overflow + metrics.gap());
    else if (caret && min.y < top)
        ImGui::SetScrollY(ImGui::GetScrollY() - (top - min.y) - metrics.gap());
}

// Keyboard users see where they are: a ring round the focused item.
void focus_ring(const Ui& ui) {
    if (!ImGui::IsItemFocused() || !ImGui::GetIO().NavVisible) return;
    const float r = ui.metrics.gap() * 0.4f;
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect({min.x - r, min.y - r}, {max.x + r, max.y + r},
                                        u32(ui.colours().accent), ui.metrics.radius(), 0, 3.0f);
}

namespace {

// What every tappable widget starts with: an invisible button of `size` at the cursor, its hit
// target for tests, the keyboard focus ring, and where and whether to draw it lit. A widget
// scrolled out of the window draws nothing: its shapes and text would only be clipped away.
struct ButtonFrame {
    ImVec2 pos;
    bool pressed;
    bool hot; // hovered or held
    ImDrawList* dl;
    bool visible;
};

ButtonFrame button_frame(Ui& ui, const char* id, const ImVec2& size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, size);
    ui.record(id);
    focus_ring(ui);
    return {pos, pressed, ImGui::IsItemHovered() || ImGui::IsItemActive(),
            ImGui::GetWindowDrawList(), ImGui::IsItemVisible()};
}

} // namespace

float Ui::avail() const {
    const float to_edge = ImGui::GetContentRegionAvail().x;
    return column_right > 0 ? std::min(to_edge, column_right - ImGui::GetCursorScreenPos().x)
                            : to_edge;
}

namespace {

// A rounded box, its fill and (unless `border` is transparent) its border, cut or cached to suit
// the renderer (shapes.hpp).
void box(Ui& ui, ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border,
         float thickness = 1.0f) {
    const float rounding = ui.metrics.radius();
    if (!ui.software_raster) {
        ui.boxes.draw(dl, min, max, fill, border, rounding, thickness);
        return;
    }
    fill_rect_for_cpu(dl, min, max, fill, rounding);
    if (border & IM_COL32_A_MASK) dl->AddRect(min, max, border, rounding, 0, thickness);
}

ImVec4 with_alpha(ImVec4 c, float a) {
    c.w = a;
    return c;
}

// A badge: its label in the current font, one line.
const TextLayout& badge_label(Ui& ui, const std::string& text) {
    return ui.layouts.get(ImGui::GetFont(), ImGui::GetFontSize(), text, 0.0f);
}

// Its size: the label (rounded up to a whole pixel, as ImGui::CalcTextSize measures) and a gap
// either side; a line's height and half a gap down.
ImVec2 badge_size(const Ui& ui, const TextLayout& label) {
    return {IM_FLOOR(label.size.x + 0.99999f) + 2 * ui.metrics.gap(),
            label.font_size + ui.metrics.gap() * 0.5f};
}

void draw_badge(Ui& ui, ImDrawList* dl, ImVec2 pos, const TextLayout& label, const ImVec4& colour) {
    const ImVec2 size = badge_size(ui, label);
    box(ui, dl, pos, {pos.x + size.x, pos.y + size.y}, u32(with_alpha(colour, 0.15f)), 0);
    draw_text(dl, {pos.x + ui.metrics.gap(), pos.y + ui.metrics.gap() * 0.25f}, u32(colour), label);
}

} // namespace

bool big_button(Ui& ui, const char* id, const std::string& text, float width, bool accent) {
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    const float w = width > 0 ? width : ui.avail();
    // A label never breaks inside a word: first the side padding narrows, then the label is
    // drawn smaller, down to 60 % (smaller than that counts as a layout fault).
    float side = m.pad();
    float scale = ui.label_scale;
    ImFont* font = ImGui::GetFont();
    const float widest = ui.layouts.get(font, ImGui::GetFontSize(), text, 0.0f).widest_word;
    if (widest > w - 2 * side) side = std::min(side, m.gap() * 0.5f);
    const float wrap = w - 2 * side;
    if (widest > wrap) scale = std::min(scale, wrap / widest);
    if (scale < 0.6f) ui.split_labels.push_back(text);
    const float font_size = ImGui::GetFontSize() * std::max(scale, 0.6f);
    const TextLayout& label = ui.layouts.get(font, font_size, text, wrap);
    const float h = std::max(m.tap(), label.size.y + 2 * m.gap());
    const auto [pos, pressed, hot, dl, visible] = button_frame(ui, id, {w, h});
    if (!visible) return pressed;
    ImVec4 fill = accent ? p.accent : (hot ? p.surface_hover : p.surface);
    if (accent && hot) fill = with_alpha(p.accent, 0.85f);
    box(ui, dl, pos, {pos.x + w, pos.y + h}, u32(fill), u32(accent ? p.accent : p.border));
    // Each line centred, so a label that wraps still reads as one button's label.
    draw_text(dl, {pos.x, pos.y + (h - label.size.y) * 0.5f}, u32(accent ? p.on_accent : p.text),
              label, w);
    return pressed;
}

namespace {

// A full-width box with a strip `strip` wide down its left (an option's letter, a panel's
// colour bar) and padded text beside it: the box's width and the text's wrap width.
struct StripBox {
    float width, wrap;
};
StripBox beside_strip(const Ui& ui, float strip) {
    const float w = ui.avail();
    return {w, w - strip - 2 * ui.metrics.pad()};
}

} // namespace

bool option_button(Ui& ui, const char* id, const std::string& key, const std::string& text,
                   OptionLook look, const ImVec4& grade_colour) {
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    const float key_w = m.tap() * 0.8f;
    const auto [w, wrap] = beside_strip(ui, key_w);
    const TextLayout& label = ui.layouts.get(ImGui::GetFont(), ImGui::GetFontSize(), text, wrap);
    const float h = std::max(m.tap(), label.size.y + 2 * m.pad());
    const auto [pos, pressed, held, dl, visible] = button_frame(ui, id, {w, h});
    if (!visible) return pressed && look == OptionLook::open;
    const bool hot = look == OptionLook::open && held;
    const ImVec2 end{pos.x + w, pos.y + h};
    ImVec4 fill = hot ? p.surface_hover : p.surface;
    ImVec4 edge = p.border;
    ImVec4 ink = p.text;
    if (look == OptionLook::chosen) {
        fill = with_alpha(grade_colour, 0.14f);
        edge = grade_colour;
    } else if (look == OptionLook::other) {
        ink = p.muted;
    }
    box(ui, dl, pos, end, u32(fill), u32(edge), look == OptionLook::chosen ? 3.0f : 1.0f);
    // The letter sits in its own square so A/B/C can be read at a glance.
    const ImVec2 key_min{pos.x + m.gap(), pos.y + m.gap()};
    const ImVec2 key_max{pos.x + key_w, pos.y + std::min(h, m.tap()) - m.gap()};
    box(ui, dl, key_min, key_max, u32(look == OptionLook::chosen ? grade_colour : p.surface_active),
        0);
    const ImVec2 key_size = ImGui::CalcTextSize(key.c_str());
    dl->AddText(
        {(key_min.x + key_max.x - key_size.x) * 0.5f, (key_min.y + key_max.y - key_size.y) * 0.5f},
        u32(look == OptionLook::chosen ? p.on_accent : p.text), key.c_str());
    draw_text(dl, {pos.x + key_w + m.pad(), pos.y + (h - label.size.y) * 0.5f}, u32(ink), label);
    return pressed && look == OptionLook::open;
}

bool CardList::far_from_view(std::size_t row, float gap_above) const {
    const float h = heights_[row];
    if (h < 0) return false;
    const float top = ImGui::GetCursorScreenPos().y + gap_above;
    const float view_top = ImGui::GetWindowPos().y;
    const float view_h = ImGui::GetWindowHeight();
    return top + h < view_top - view_h * 0.25f || top > view_top + view_h * 1.25f;
}

void CardList::pass_over(float gap) const {
    // A kept height includes the spacing after the row, which Dummy adds again.
    if (gap > 0) ImGui::Dummy({width_, std::max(0.0f, gap - ImGui::GetStyle().ItemSpacing.y)});
}

bool card(Ui& ui, const char* id, const std::string& title, const std::string& body,
          const std::string& meta, const std::string& badge_text, const ImVec4& badge_colour) {
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    const float w = ui.avail();
    ImFont* heading_font = ui.fonts.heading ? ui.fonts.heading : ImGui::GetFont();
    ImFont* font = ImGui::GetFont();
    const float font_size = ImGui::GetFontSize();
    const TextLayout& badge = badge_label(ui, badge_text);
    const float badge_w = badge_size(ui, badge).x;
    const float wrap = w - 2 * m.pad();
    const TextLayout& title_lines =
        ui.layouts.get(heading_font, heading_font->FontSize, title, wrap - badge_w - m.gap());
    const TextLayout& body_lines = ui.layouts.get(font, font_size, body, wrap);
    const TextLayout& meta_lines = ui.layouts.get(font, font_size, meta, wrap);
    const float h = std::max(m.tap(), m.pad() + title_lines.size.y + m.gap() + body_lines.size.y +
                                          m.gap() + meta_lines.size.y + m.pad());
    const auto [pos, pressed, hot, dl, visible] = button_frame(ui, id, {w, h});
    if (!visible) return pressed;
    box(ui, dl, pos, {pos.x + w, pos.y + h}, u32(hot ? p.surface_hover : p.surface),
        u32(hot ? p.accent : p.border));
    float y = pos.y + m.pad();
    draw_text(dl, {pos.x + m.pad(), y}, u32(p.text), title_lines);
    if (!badge_text.empty())
        draw_badge(ui, dl, {pos.x + w - m.pad() - badge_w, y}, badge, badge_colour);
    y += title_lines.size.y + m.gap();
    draw_text(dl, {pos.x + m.pad(), y}, u32(p.text), body_lines);
    y += body_lines.size.y + m.gap();
    draw_text(dl, {pos.x + m.pad(), y}, u32(p.muted), meta_lines);
    return pressed;
}

bool disclosure(Ui& ui, const char* id, const std::string& label, const ImVec4& colour) {
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    bool& open = *ImGui::GetStateStorage()->GetBoolRef(ImGui::GetID(id), false);
    const float w = ui.avail();
    const auto [pos, pressed, hot, dl, visible] = button_frame(ui, id, {w, m.tap()});
    if (pressed) open = !open;
    if (!visible) return open;
    box(ui, dl, pos, {pos.x + w, pos.y + m.tap()}, u32(hot ? p.surface_hover : p.surface),
        u32(p.border));
    const float y = pos.y + (m.tap() - ImGui::GetFontSize()) * 0.5f;
    ImGui::RenderArrow(dl, {pos.x + m.pad(), y}, u32(colour),
                       open ? ImGuiDir_Down : ImGuiDir_Right);
    dl->AddText({pos.x + m.pad() * 2 + ImGui::GetFontSize(), y}, u32(colour), label.c_str());
    return open;
}

namespace {

void wrapped_text(Ui& ui, std::string_view text, const ImVec4& colour) {
    // Laid out as ImGui::TextWrapped lays text out (TextEx): from the cursor to the wrap position
    // pushed, or the content region's edge; the item as wide as the text, rounded up.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    ImFont* font = ImGui::GetFont();
    const float font_size = ImGui::GetFontSize();
    const float wrap_pos = std::max(window->DC.TextWrapPos, 0.0f);
    const float wrap = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos);
    const TextLayout& layout = ui.layouts.get(font, font_size, text, wrap);
    const ImVec2 pos{window->DC.CursorPos.x,
                     window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset};
    const ImVec2 size{IM_FLOOR(layout.size.x + 0.99999f), layout.size.y};
    ImGui::ItemSize(size, 0.0f);
    if (!ImGui::ItemAdd({pos, {pos.x + size.x, pos.y + size.y}}, 0)) return;
    draw_text(window->DrawList, pos, ImGui::GetColorU32(colour), layout);
}

} // namespace

void heading(Ui& ui, const std::string& text) {
    ImGui::Dummy({0, ui.metrics.gap()});
    if (ui.fonts.heading) ImGui::PushFont(ui.fonts.heading);
    wrapped_text(ui, text, ui.colours().accent);
    if (ui.fonts.heading) ImGui::PopFont();
    if (!ui.scroll_anchor.empty() && ui.scroll_anchor == text) {
        ImGui::SetScrollHereY(0.0f);
        ui.scroll_anchor.clear();
    }
}

void paragraph(Ui& ui, const std::string& text) {
    wrapped_text(ui, text, ImGui::GetStyleColorVec4(ImGuiCol_Text));
}

std::string counted(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void muted(Ui& ui, const std::string& text) {
    wrapped_text(ui, text, ui.colours().muted);
}

void coloured_text(Ui& ui, const std::string& text, const ImVec4& colour) {
    wrapped_text(ui, text, colour);
}

void choice_menu(Ui& ui, const char* id, int count, const std::function<std::string(int)>& label,
                 int& selected, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const Palette& p = ui.colours();
    selected = std::clamp(selected, 0, std::max(0, count - 1));
    const float h = ImGui::GetFrameHeight();
    const auto [pos, pressed, hot, dl, visible] = button_frame(ui, id, {width, h});
    // Where ImGui's combo keeps its list, so the list behaves as a combo's does.
    const ImGuiID popup_id = ImHashStr("##ComboPopup", 0, ImGui::GetItemID());
    bool open = ImGui::IsPopupOpen(popup_id, ImGuiPopupFlags_None);
    if (pressed && !open) {
        ImGui::OpenPopupEx(popup_id, ImGuiPopupFlags_None);
        open = true;
    }
    if (visible) {
        box(ui, dl, pos, {pos.x + width, pos.y + h}, u32(hot || open ? p.surface_hover : p.surface),
            u32(p.border), style.FrameBorderSize);
        const float arrow_x = pos.x + width - h; // the arrow in a square at the right end
        if (count > 0) {
            ImFont* font = ImGui::GetFont();
            const TextLayout& text = ui.layouts.get(font, ImGui::GetFontSize(), label(selected), 0);
            const ImVec2 at{pos.x + style.FramePadding.x, pos.y + style.FramePadding.y};
            const bool fits = at.x + text.size.x <= arrow_x;
            if (!fits) dl->PushClipRect({pos.x, pos.y}, {arrow_x, pos.y + h}, true);
            draw_text(dl, at, u32(p.text), text);
            if (!fits) dl->PopClipRect();
        }
        if (arrow_x - style.FramePadding.x >= pos.x)
            ImGui::RenderArrow(dl, {arrow_x + style.FramePadding.y, pos.y + style.FramePadding.y},
                               u32(p.text), ImGuiDir_Down, 1.0f);
    }
    if (open && ImGui::BeginComboPopup(popup_id, {pos, {pos.x + width, pos.y + h}},
                                       ImGuiComboFlags_HeightLarge)) {
        for (int i = 0; i < count; ++i)
            if (ImGui::Selectable(label(i).c_str(), selected == i, 0, {0, ui.metrics.tap()}))
                selected = i;
        ImGui::EndCombo();
    }
}

void progress_bar(Ui& ui, float fraction, float height, const std::string& label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const Palette& p = ui.colours();
    const float w = ui.avail();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy({w, height});
    if (!ImGui::IsItemVisible()) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // As ImGui's: the frame and its border, then the fill inside the border.
    box(ui, dl, pos, {pos.x + w, pos.y + height}, u32(p.surface),
        style.FrameBorderSize > 0 ? u32(p.border) : 0, style.FrameBorderSize);
    const float inset = style.FrameBorderSize;
    const float fill_end = pos.x + inset + (w - 2 * inset) * std::clamp(fraction, 0.0f, 1.0f);
    if (fill_end > pos.x + inset)
        box(ui, dl, {pos.x + inset, pos.y + inset}, {fill_end, pos.y + height - inset}, u32(p.best),
            0);
    if (label.empty()) return;
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float x = std::clamp(fill_end + style.ItemSpacing.x, pos.x + style.ItemInnerSpacing.x,
                               pos.x + w - size.x - style.ItemInnerSpacing.x);
    dl->AddText({x, pos.y + (height - size.y) * 0.5f}, u32(p.text), label.c_str());
}

void panel(Ui& ui, const std::string& label, const std::string& text, const ImVec4& colour) {
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    const float bar = m.gap() * 0.6f;
    const auto [w, wrap] = beside_strip(ui, bar);
    ImFont* font = ImGui::GetFont();
    const float font_size = ImGui::GetFontSize();
    const TextLayout& label_lines = ui.layouts.get(font, font_size, label, wrap);
    const TextLayout& text_lines = ui.layouts.get(font, font_size, text, wrap);
    const float h = m.pad() + label_lines.size.y + m.gap() * 0.5f + text_lines.size.y + m.pad();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy({w, h});
    if (!ImGui::IsItemVisible()) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    box(ui, dl, pos, {pos.x + w, pos.y + h}, u32(with_alpha(colour, 0.08f)), 0);
    dl->AddRectFilled(pos, {pos.x + bar, pos.y + h}, u32(colour));
    const float x = pos.x + bar + m.pad();
    draw_text(dl, {x, pos.y + m.pad()}, u32(colour), label_lines);
    draw_text(dl, {x, pos.y + m.pad() + label_lines.size.y + m.gap() * 0.5f}, u32(p.text),
              text_lines);
}

} // namespace casebook::gui

namespace casebook::gui {

std::vector<TextRun> marked_runs(const std::string& text, const std::string& open,
                                 const std::string& close) {
    std::vector<TextRun> runs;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto start = text.find(open, pos);
        if (start == std::string::npos) break;
        const auto end = text.find(close, start + open.size());
        if (end == std::string::npos) break;
        if (start > pos) runs.push_back({text.substr(pos, start - pos), false});
        runs.push_back({text.substr(start + open.size(), end - start - open.size()), true});
        pos = end + close.size();
    }
    if (pos < text.size()) runs.push_back({text.substr(pos), false});
    return runs;
}

void rich_text(Ui& ui, const std::vector<TextRun>& runs, const ImVec4& highlight_colour) {
    // Lays out word by word so highlighted runs wrap with the rest of the text.
    const float left = ImGui::GetCursorScreenPos().x;
    const float right = left + ui.avail();
    const float space = ImGui::CalcTextSize(" ").x;
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 pen = ImGui::GetCursorScreenPos();
    const ImVec2 start = pen;
    for (const auto& run : runs) {
        std::size_t i = 0;
        while (i < run.text.size()) {
            const bool gap = run.text[i] == ' ' || run.text[i] == '\n';
            if (gap) {
                if (run.text[i] == '\n') {
                    pen = {left, pen.y + line_h};
                } else if (pen.x > left) {
                    pen.x += space;
                }
                ++i;
                continue;
            }
            auto j = run.text.find_first_of(" \n", i);
            if (j == std::string::npos) j = run.text.size();
            const char* b = run.text.c_str() + i;
            const char* e = run.text.c_str() + j;
            const float w = ImGui::CalcTextSize(b, e).x;
            if (pen.x > left && pen.x + w > right) pen = {left, pen.y + line_h};
            if (run.highlight) {
                dl->AddRectFilled(
                    {pen.x - 2, pen.y}, {pen.x + w + 2, pen.y + ImGui::GetFontSize()},
                    u32(ImVec4(highlight_colour.x, highlight_colour.y, highlight_colour.z, 0.22f)),
                    2.0f);
            }
            dl->AddText(pen, u32(run.highlight ? highlight_colour : ui.colours().text), b, e);
            pen.x += w;
            i = j;
        }
    }
    ImGui::Dummy({right - left, pen.y - start.y + ImGui::GetFontSize()});
}

bool pin_pad(Ui& ui, const char* id, std::string& pin, const char* action,
             const std::string& whose) {
    const UiMetrics& m = ui.metrics;
    ImGui::PushID(id);
    // Keys typed on a keyboard count as taps.
    ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : io.InputQueueCharacters)
        if (c >= '0' && c <= '9' && pin.size() < 12) pin += static_cast<char>(c);
    bool go_on = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && !pin.empty();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !pin.empty()) pin.pop_back();

    const float w = std::min(ui.avail(), m.tap() * 6);
    std::string dots;
    for (std::size_t i = 0; i < pin.size(); ++i)
        dots += i ? " \u25CF" : "\u25CF";
    // The prompt and the dots share one line, so the keys never move as digits are typed.
    const std::string prompt = "Enter " + whose;
    ImGui::TextUnformatted(pin.empty() ? prompt.c_str() : (whose + ": " + dots).c_str());
    const float key_w = (w - 2 * m.gap()) / 3;
    static const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", "OK"};
    for (int k = 0; k < 12; ++k) {
        if (k % 3) ImGui::SameLine();
        const std::string key_id = std::string("pin-") + keys[k];
        const bool is_ok = k == 11;
        if (big_button(ui, key_id.c_str(), is_ok ? action : keys[k], key_w, is_ok)) {
            if (k == 9) {
                if (!pin.empty()) pin.pop_back();
            } else if (is_ok) {
                go_on = !pin.empty();
            } else if (pin.size() < 12) {
                pin += keys[k];
            }
        }
    }
    ImGui::PopID();
    return go_on;
}

} // namespace casebook::gui
