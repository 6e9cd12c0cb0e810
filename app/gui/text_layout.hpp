#pragma once
// Wrapped text measured and broken into lines once, then drawn from that layout in later
// frames. ImGui wraps a paragraph twice in every frame (once to size it, once to draw it); on
// a screen full of text that was the largest part of building a frame. The lines break exactly
// where ImGui's own wrapping breaks them, so the text looks the same.
#include <cstdint>
#include <imgui.h>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace casebook::gui {

struct TextLayout {
    struct Line {
        std::uint32_t begin = 0, end = 0; // bytes of the text drawn on this line
        float width = 0;                  // unrounded, as ImFont::CalcTextSizeA measures it
    };
    ImVec2 size;             // unrounded, as ImFont::CalcTextSizeA measures the whole text
    float widest_word = 0;   // of the words between spaces and newlines, rounded up
    std::vector<Line> lines; // one per line height, top to bottom (a blank line is empty)
};

// Lays `text` out in `font` at `font_size`, wrapped at `wrap_width` (0: only at newlines).
TextLayout lay_out_text(const ImFont* font, float font_size, std::string_view text,
                        float wrap_width);

// Draws `text` as `layout` lays it out, with its top left at `pos`. Lines outside the draw
// list's clip rectangle are skipped. The same glyphs in the same places as ImDrawList::AddText
// with the same wrap width, for a font whose line height is a whole number of pixels (others
// may sit up to a pixel higher on a later line, each line starting on a whole pixel).
void draw_text(ImDrawList* dl, const ImFont* font, float font_size, ImVec2 pos, ImU32 colour,
               std::string_view text, const TextLayout& layout);

// The layouts of the texts drawn lately, by font, size, wrap width and text. No text is kept:
// an entry is found by a hash of the text and its length.
class TextLayouts {
  public:
    const TextLayout& get(const ImFont* font, float font_size, std::string_view text,
                          float wrap_width);
    // Call once a frame: forgets the layouts no frame has used for a while.
    void end_frame();
    void clear() { entries_.clear(); }
    std::size_t size() const { return entries_.size(); }

  private:
    struct Key {
        const ImFont* font;
        float font_size, wrap_width;
        std::size_t text_hash, text_size;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    struct Entry {
        TextLayout layout;
        int last_used = 0;
    };
    std::unordered_map<Key, Entry, KeyHash> entries_;
    int frame_ = 0;
};

} // namespace casebook::gui
