#include "text_editor.hpp"

#include "widgets.hpp"

#include <algorithm>
#include <imgui_internal.h> // InputTextState: its undo stack is cleared when the layout changes
#include <imgui_stdlib.h>

namespace casebook::gui {

namespace {

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1; // a stray continuation byte: step over it alone
}

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// Offset of the character before `at` (UTF-8).
std::size_t previous_char(const std::string& s, std::size_t at) {
    if (at == 0) return 0;
    std::size_t i = at - 1;
    while (i > 0 && is_continuation(static_cast<unsigned char>(s[i])))
        --i;
    return i;
}

bool blank(char c) {
    return c == ' ' || c == '\t';
}

} // namespace

WrappedText wrap_for_editing(const std::string& text, float width, const ImFont* font, float size) {
    WrappedText out;
    out.display.reserve(text.size() + text.size() / 16);
    const float scale = size / font->FontSize;
    const char* const begin = text.c_str();
    const char* const end = begin + text.size();
    const char* line = begin;
    while (line <= end) {
        const char* para_end = std::find(line, end, '\n');
        const char* s = line;
        while (s < para_end) {
            const char* eol = font->CalcWordWrapPositionA(scale, s, para_end, width);
            if (eol >= para_end) {
                eol = para_end;
            } else {
                // Nothing fits (a field narrower than one letter): still move on by a letter.
                if (eol <= s) eol = s + utf8_length(static_cast<unsigned char>(*s));
                // A break never splits a character.
                while (eol < para_end && is_continuation(static_cast<unsigned char>(*eol)))
                    ++eol;
                // The spaces that end a line stay on it, so the next line starts with a word.
                while (eol < para_end && blank(*eol))
                    ++eol;
            }
            out.display.append(s, eol);
            if (eol < para_end) {
                out.soft.push_back(out.display.size());
                out.display.push_back('\n');
            }
            s = eol;
        }
        if (para_end == end) break;
        out.display.push_back('\n'); // the writer's own line break
        line = para_end + 1;
    }
    return out;
}

std::size_t logical_offset(std::size_t display, const std::vector<std::size_t>& soft) {
    const auto before = std::lower_bound(soft.begin(), soft.end(), display) - soft.begin();
    return display - static_cast<std::size_t>(before);
}

std::size_t display_offset(std::size_t logical, const std::vector<std::size_t>& soft) {
    std::size_t shift = 0;
    for (std::size_t at : soft) {
        if (at - shift > logical) break;
        ++shift;
    }
    return logical + shift;
}

namespace {

struct EditorCall {
    TextEditorState* state;
    float width;
    const ImFont* font;
    float size;
    bool changed = false;
};

std::string without_soft(const std::string& display, const std::vector<std::size_t>& soft) {
    std::string out;
    out.reserve(display.size());
    std::size_t from = 0;
    for (std::size_t at : soft) {
        out.append(display, from, at - from);
        from = at + 1;
    }
    out.append(display, from, std::string::npos);
    return out;
}

// Every frame while the field is active: works out what the person changed, keeps the text
// without soft breaks, and lays the field out again when the wrap points move.
int on_editor_frame(ImGuiInputTextCallbackData* data) {
    auto& call = *static_cast<EditorCall*>(data->UserData);
    TextEditorState& st = *call.state;
    const std::string now(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    std::size_t cursor = static_cast<std::size_t>(data->CursorPos);
    std::size_t sel_a = static_cast<std::size_t>(data->SelectionStart);
    std::size_t sel_b = static_cast<std::size_t>(data->SelectionEnd);
    // Offsets below are in the text without soft breaks.
    std::size_t cursor_l = 0, sel_a_l = 0, sel_b_l = 0;
    bool relayout = st.width != call.width;
    const std::string& before = st.wrapped.display;

    if (now != before) {
        relayout = true;
        // An edit replaces one run: find it by the common start and end.
        std::size_t p = 0;
        const std::size_t shortest = std::min(now.size(), before.size());
        while (p < shortest && now[p] == before[p])
            ++p;
        std::size_t s = 0;
        while (s < shortest - p && now[now.size() - 1 - s] == before[before.size() - 1 - s])
            ++s;
        const std::size_t old_end = before.size() - s;
        const auto& soft = st.wrapped.soft;
        const bool removed_one_soft_break = now.size() + 1 == before.size() && old_end == p + 1 &&
                                            std::binary_search(soft.begin(), soft.end(), p);
        if (removed_one_soft_break) {
            // Backspace at the start of a wrapped line (or Delete at its end) removed only a
            // break the person cannot see: remove the letter they meant instead.
            const std::size_t at = logical_offset(p, soft);
            const bool forward = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete));
            std::string text = st.text;
            if (forward && at < text.size()) {
                text.erase(at, utf8_length(static_cast<unsigned char>(text[at])));
                cursor_l = at;
            } else if (!forward && at > 0) {
                const std::size_t from = previous_char(text, at);
                text.erase(from, at - from);
                cursor_l = from;
            } else {
                cursor_l = at;
            }
            sel_a_l = sel_b_l = cursor_l;
            call.changed |= text != st.text;
            st.text = std::move(text);
        } else {
            // Soft breaks before and after the edit stay; any inside it went with the edit.
            // Every line break typed or pasted is the writer's own.
            std::vector<std::size_t> kept;
            for (std::size_t at : soft) {
                if (at < p) {
                    kept.push_back(at);
                } else if (at >= old_end) {
                    const std::size_t moved = at + now.size() - before.size();
                    if (moved < now.size() && now[moved] == '\n') kept.push_back(moved);
                }
            }
            std::string text = without_soft(now, kept);
            cursor_l = logical_offset(cursor, kept);
            sel_a_l = logical_offset(sel_a, kept);
            sel_b_l = logical_offset(sel_b, kept);
            call.changed |= text != st.text;
            st.text = std::move(text);
        }
    } else {
        cursor_l = logical_offset(cursor, st.wrapped.soft);
        sel_a_l = logical_offset(sel_a, st.wrapped.soft);
        sel_b_l = logical_offset(sel_b, st.wrapped.soft);
    }

    if (relayout) {
        WrappedText next = wrap_for_editing(st.text, call.width, call.font, call.size);
        if (next.display != now) {
            data->DeleteChars(0, data->BufTextLen);
            data->InsertChars(0, next.display.c_str(), next.display.c_str() + next.display.size());
            // The undo stack holds offsets into the old layout: it cannot be replayed on this one.
            ImGuiInputTextState& input = GImGui->InputTextState; // the field being edited
            input.Stb.undostate.undo_point = 0;
            input.Stb.undostate.undo_char_point = 0;
            input.Stb.undostate.redo_point = STB_TEXTEDIT_UNDOSTATECOUNT;
            input.Stb.undostate.redo_char_point = STB_TEXTEDIT_UNDOCHARCOUNT;
        }
        cursor = display_offset(std::min(cursor_l, st.text.size()), next.soft);
        sel_a = display_offset(std::min(sel_a_l, st.text.size()), next.soft);
        sel_b = display_offset(std::min(sel_b_l, st.text.size()), next.soft);
        data->CursorPos = static_cast<int>(cursor);
        data->SelectionStart = static_cast<int>(sel_a);
        data->SelectionEnd = static_cast<int>(sel_b);
        st.wrapped = std::move(next);
        st.width = call.width;
    }
    st.cursor = static_cast<int>(cursor);

    // Copy and cut take the text as written, without the breaks the layout added. ImGui has
    // already put the display text on the clipboard this frame; this replaces it.
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && !st.selection.empty() &&
        (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_C)) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_X))))
        ImGui::SetClipboardText(st.selection.c_str());
    const std::size_t lo = std::min(sel_a_l, sel_b_l), hi = std::max(sel_a_l, sel_b_l);
    st.selection = lo < hi && hi <= st.text.size() ? st.text.substr(lo, hi - lo) : std::string();
    return 0;
}

} // namespace

bool text_editor(Ui& ui, const char* id, std::string& text, float min_lines) {
    const UiMetrics& m = ui.metrics;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ui.avail();
    // Room for the frame, the caret and a scrollbar, so a full line never scrolls sideways.
    const float wrap_width =
        std::max(m.font_px, width - 2 * style.FramePadding.x - style.ScrollbarSize - 2.0f);
    const ImGuiID key = ImGui::GetID(id);
    TextEditorState& st = ui.editors[key];
    const bool active = ImGui::GetActiveID() == key;
    if (!active && (st.text != text || st.width != wrap_width)) {
        st.text = text;
        st.wrapped = wrap_for_editing(text, wrap_width, ImGui::GetFont(), ImGui::GetFontSize());
        st.width = wrap_width;
    }
    if (!active && st.buffer != st.wrapped.display) st.buffer = st.wrapped.display;

    // The field grows with its text, so the page scrolls rather than the field; only a very
    // long text scrolls inside it.
    const float line = ImGui::GetFontSize();
    const auto lines = static_cast<float>(
        std::count(st.wrapped.display.begin(), st.wrapped.display.end(), '\n') + 1);
    const float most = std::max(line * min_lines, ImGui::GetMainViewport()->WorkSize.y * 0.55f);
    const float height =
        std::min(most, std::max(min_lines, lines + 1.0f) * line + 2 * style.FramePadding.y);
    const bool inner_scroll = height >= most;

    EditorCall call{&st, wrap_width, ImGui::GetFont(), ImGui::GetFontSize()};
    ImGui::InputTextMultiline(id, &st.buffer, {width, height},
                              ImGuiInputTextFlags_NoHorizontalScroll |
                                  ImGuiInputTextFlags_CallbackAlways,
                              on_editor_frame, &call);
    ui.record(id);
    if (ImGui::IsItemActive()) {
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        if (inner_scroll) {
            ui.note_text_field();
        } else {
            const auto caret_line =
                std::count(st.wrapped.display.begin(),
                           st.wrapped.display.begin() +
                               std::min<std::ptrdiff_t>(st.cursor, static_cast<std::ptrdiff_t>(
                                                                       st.wrapped.display.size())),
                           '\n');
            const float top = min.y + style.FramePadding.y + static_cast<float>(caret_line) * line;
            ui.note_text_field(HitTarget{"caret", {min.x, top}, {max.x, top + line}});
        }
    }
    if (!call.changed) return false;
    text = st.text;
    return true;
}

} // namespace casebook::gui
