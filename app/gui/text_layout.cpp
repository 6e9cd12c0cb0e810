#include "text_layout.hpp"

#include <cfloat>
#include <cmath>
#include <functional>
#include <imgui_internal.h> // ImTextCharFromUtf8, ImCharIsBlankA

namespace casebook::gui {

TextLayout lay_out_text(const ImFont* font, float font_size, std::string_view text,
                        float wrap_width) {
    TextLayout layout;
    layout.font_size = font_size;
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
    // Each line's characters as RenderText takes them: decoded, carriage returns skipped,
    // a character the font lacks drawn as its fallback glyph.
    for (TextLayout::Line& l : layout.lines) {
        l.first_glyph = static_cast<std::uint32_t>(layout.glyphs.size());
        float pen = 0; // from the line's start, for how far its quads reach
        const char* p = begin + l.begin;
        const char* const line_end = begin + l.end;
        while (p < line_end) {
            unsigned int c = static_cast<unsigned char>(*p);
            if (c < 0x80) {
                ++p;
            } else {
                p += ImTextCharFromUtf8(&c, p, line_end);
                if (c == 0) break;
            }
            if (c == '\r') continue;
            if (c == '\n') {
                layout.glyphs.push_back({0, 0, 0, 0, 0, 0, 0, 0, 0, false, false, true});
                l.plain = false;
                continue;
            }
            const ImFontGlyph* g = font->FindGlyph(static_cast<ImWchar>(c));
            if (!g) continue;
            const TextLayout::Glyph& kept = layout.glyphs.emplace_back(TextLayout::Glyph{
                g->AdvanceX * scale, g->X0 * scale, g->Y0 * scale, g->X1 * scale, g->Y1 * scale,
                g->U0, g->V0, g->U1, g->V1, g->Visible != 0, g->Colored != 0, false});
            if (kept.coloured) l.plain = false;
            if (kept.visible) {
                l.left = std::min(l.left, pen + kept.x0);
                l.right = std::max(l.right, pen + kept.x1);
            }
            pen += kept.advance;
        }
        l.glyph_count = static_cast<std::uint32_t>(layout.glyphs.size()) - l.first_glyph;
    }
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

namespace {

// What ImFont::RenderText(dl, font_size, pos, colour, clip, line's text, no wrap, no fine clip)
// draws, from the line's kept glyphs: the same reservation, quads, clipping and give-back.
void draw_line(ImDrawList* dl, float font_size, ImVec2 pos, ImU32 colour, const ImVec4& clip,
               const TextLayout& layout, const TextLayout::Line& line) {
    float x = std::floor(pos.x);
    float y = std::floor(pos.y);
    if (y > clip.w) return;
    const float start_x = x;
    const float line_height = font_size;
    // RenderText skips a line wholly above the clip rectangle.
    const TextLayout::Glyph* g = layout.glyphs.data() + line.first_glyph;
    const TextLayout::Glyph* const g_end = g + line.glyph_count;
    if (y + line_height < clip.y) {
        while (g < g_end && !g->newline)
            ++g;
        if (g == g_end) return;
        // Never reached for the app's lines (a newline ends one); kept for exactness.
        ++g;
        y += line_height;
    }
    const int bytes = static_cast<int>(line.end - line.begin);
    const int idx_expected_size = dl->IdxBuffer.Size + bytes * 6;
    dl->PrimReserve(bytes * 6, bytes * 4);
    ImDrawVert* vtx_write = dl->_VtxWritePtr;
    ImDrawIdx* idx_write = dl->_IdxWritePtr;
    unsigned int vtx_current_idx = dl->_VtxCurrentIdx;
    const ImU32 untinted = colour | ~IM_COL32_A_MASK;
    // One glyph's quad, as RenderText writes it (not through PrimRectUV, as there).
    auto quad = [&](const TextLayout::Glyph& glyph, float x1, float y1, float x2, float y2,
                    ImU32 c) {
        const auto i = static_cast<ImDrawIdx>(vtx_current_idx);
        idx_write[0] = i;
        idx_write[1] = static_cast<ImDrawIdx>(i + 1);
        idx_write[2] = static_cast<ImDrawIdx>(i + 2);
        idx_write[3] = i;
        idx_write[4] = static_cast<ImDrawIdx>(i + 2);
        idx_write[5] = static_cast<ImDrawIdx>(i + 3);
        vtx_write[0] = {{x1, y1}, {glyph.u0, glyph.v0}, c};
        vtx_write[1] = {{x2, y1}, {glyph.u1, glyph.v0}, c};
        vtx_write[2] = {{x2, y2}, {glyph.u1, glyph.v1}, c};
        vtx_write[3] = {{x1, y2}, {glyph.u0, glyph.v1}, c};
        vtx_write += 4;
        vtx_current_idx += 4;
        idx_write += 6;
    };
    // Every glyph inside the clip rectangle across (with a pixel to spare for the rounding of
    // the pen's sums): the same quads, written without testing each.
    if (line.plain && x + line.left - 1.0f >= clip.x && x + line.right + 1.0f <= clip.z) {
        for (; g < g_end; ++g) {
            if (g->visible) quad(*g, x + g->x0, y + g->y0, x + g->x1, y + g->y1, colour);
            x += g->advance;
        }
    }
    for (; g < g_end; ++g) {
        if (g->newline) {
            x = start_x;
            y += line_height;
            if (y > clip.w) break;
            continue;
        }
        if (g->visible) {
            const float x1 = x + g->x0, x2 = x + g->x1;
            if (x1 <= clip.z && x2 >= clip.x)
                quad(*g, x1, y + g->y0, x2, y + g->y1, g->coloured ? untinted : colour);
        }
        x += g->advance;
    }
    // Give back what was reserved and not drawn (blanks, clipped glyphs), as RenderText does.
    dl->VtxBuffer.Size = static_cast<int>(vtx_write - dl->VtxBuffer.Data);
    dl->IdxBuffer.Size = static_cast<int>(idx_write - dl->IdxBuffer.Data);
    dl->CmdBuffer[dl->CmdBuffer.Size - 1].ElemCount -=
        static_cast<unsigned int>(idx_expected_size - dl->IdxBuffer.Size);
    dl->_VtxWritePtr = vtx_write;
    dl->_IdxWritePtr = idx_write;
    dl->_VtxCurrentIdx = vtx_current_idx;
}

} // namespace

void draw_text(ImDrawList* dl, ImVec2 pos, ImU32 colour, const TextLayout& layout,
               float centred_in) {
    if ((colour & IM_COL32_A_MASK) == 0) return;
    const ImVec4 clip = dl->_CmdHeader.ClipRect;
    const float font_size = layout.font_size;
    const float line_height = font_size;
    // As RenderText does: the text starts on a whole pixel and lines follow a line height apart.
    const float top = std::floor(pos.y);
    for (std::size_t i = 0; i < layout.lines.size(); ++i) {
        const float y = top + line_height * static_cast<float>(i);
        if (y > clip.w) break;
        if (y + line_height < clip.y) continue;
        const TextLayout::Line& l = layout.lines[i];
        if (l.end == l.begin) continue;
        const float x = centred_in > 0 ? pos.x + (centred_in - l.width) * 0.5f : pos.x;
        draw_line(dl, font_size, {x, y}, colour, clip, layout, l);
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
