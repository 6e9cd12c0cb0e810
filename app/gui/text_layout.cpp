#include "text_layout.hpp"

#include <cfloat>
#include <cmath>
#include <functional>
#include <imgui_internal.h> // ImTextCharFromUtf8, ImCharIsBlankA

namespace casebook::gui {

TextLayout lay_out_text(const ImFont* font, float font_size, std::string_view text,
                        float wrap_width) {
    TextLayout layout;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    layout.size = font->CalcTextSizeA(font_size, FLT_MAX, wrap_width, begin, end);
    const float scale = font_size / font->FontSize;
    auto close_line = [&](const char* from, const char* to) {
        layout.lines.push_back({static_cast<std::uint32_t>(from - begin),
                                static_cast<std::uint32_t>(to - begin),
                                font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, from, to).x});
    };
    // The breaks ImFont::RenderText makes: where the wrap position is reached (the blanks after
    // it, and one newline, are skipped), and at each newline. The wrap position is worked out
    // at the start and after each wrap, not after a newline, as there.
    const char* s = begin;
    const char* line = s;
    const char* wrap_at = nullptr;
    while (s < end) {
        if (wrap_width > 0) {
            if (!wrap_at) {
                wrap_at = font->CalcWordWrapPositionA(scale, s, end, wrap_width);
                if (wrap_at == s) ++wrap_at; // nothing fits: one character a line
            }
            if (s >= wrap_at) {
                close_line(line, s);
                wrap_at = nullptr;
                while (s < end && ImCharIsBlankA(*s))
                    ++s;
                if (s < end && *s == '\n') ++s;
                line = s;
                continue;
            }
        }
        unsigned int c = static_cast<unsigned char>(*s);
        if (c < 0x80) {
            ++s;
        } else {
            s += ImTextCharFromUtf8(&c, s, end);
            if (c == 0) break; // malformed UTF-8: RenderText stops here too
        }
        if (c == '\n') {
            close_line(line, s - 1);
            line = s;
        }
    }
    close_line(line, s);
    for (std::size_t start = 0; start < text.size();) {
        std::size_t word_end = text.find_first_of(" \n", start);
        if (word_end == std::string_view::npos) word_end = text.size();
        if (word_end > start) {
            // Rounded up to a whole pixel, as ImGui::CalcTextSize measures a word.
            const float w =
                font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, begin + start, begin + word_end).x;
            layout.widest_word =
                std::max(layout.widest_word, static_cast<float>(static_cast<int>(w + 0.99999f)));
        }
        start = word_end + 1;
    }
    return layout;
}

void draw_text(ImDrawList* dl, const ImFont* font, float font_size, ImVec2 pos, ImU32 colour,
               std::string_view text, const TextLayout& layout) {
    if ((colour & IM_COL32_A_MASK) == 0) return;
    const ImVec4 clip = dl->_CmdHeader.ClipRect;
    const float line_height = font_size;
    // As RenderText does: the text starts on a whole pixel and lines follow a line height apart.
    const float top = std::floor(pos.y);
    for (std::size_t i = 0; i < layout.lines.size(); ++i) {
        const float y = top + line_height * static_cast<float>(i);
        if (y > clip.w) break;
        if (y + line_height < clip.y) continue;
        const TextLayout::Line& l = layout.lines[i];
        if (l.end == l.begin) continue;
        font->RenderText(dl, font_size, {pos.x, y}, colour, clip, text.data() + l.begin,
                         text.data() + l.end, 0.0f, false);
    }
}

std::size_t TextLayouts::KeyHash::operator()(const Key& k) const {
    std::size_t h = k.text_hash;
    auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(std::hash<const void*>{}(k.font));
    mix(std::hash<float>{}(k.font_size));
    mix(std::hash<float>{}(k.wrap_width));
    mix(k.text_size);
    return h;
}

const TextLayout& TextLayouts::get(const ImFont* font, float font_size, std::string_view text,
                                   float wrap_width) {
    const Key key{font, font_size, wrap_width, std::hash<std::string_view>{}(text), text.size()};
    auto [it, added] = entries_.try_emplace(key);
    if (added) it->second.layout = lay_out_text(font, font_size, text, wrap_width);
    it->second.last_used = frame_;
    return it->second.layout;
}

void TextLayouts::end_frame() {
    // About two seconds at 60 frames a second (the app draws only when something changes, so
    // in practice longer): a screen left and come back to soon keeps its layouts.
    constexpr int kept_for = 120;
    if (++frame_ % kept_for != 0) return;
    std::erase_if(entries_, [&](const auto& e) { return frame_ - e.second.last_used > kept_for; });
}

} // namespace casebook::gui
