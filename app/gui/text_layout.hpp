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
        std::uint32_t first_glyph = 0, glyph_count = 0; // its characters in `glyphs`
        // How far its quads reach left and right of the pen's start, and whether it is plain
        // (no newline, no untinted glyph): a plain line wholly inside the clip rectangle across
        // is drawn without testing each glyph, as every one would pass.
        float left = 0, right = 0;
        bool plain = true;
    };
    // What ImFont::RenderText looks up and works out for each character it draws, kept: a
    // frame then writes the quads without decoding, looking up or scaling anything. In the
    // order RenderText does its sums, so every vertex lands exactly where it would put it.
    struct Glyph {
        float advance;        // the pen's move, AdvanceX at this size
        float x0, y0, x1, y1; // the quad's corners from the pen, at this size
        float u0, v0, u1, v1; // its place in the font atlas
        bool visible;         // a blank moves the pen and draws nothing
        bool coloured;        // drawn untinted
        bool newline;         // starts a new line (RenderText's, within a drawn line)
    };
    float font_size = 0;       // the size it was laid out at: its line height
    ImVec2 size;               // unrounded, as ImFont::CalcTextSizeA measures the whole text
    float widest_word = 0;     // of the words between spaces and newlines, rounded up
    std::vector<Line> lines;   // one per line height, top to bottom (a blank line is empty)
    std::vector<Glyph> glyphs; // of every line, in order
};

// Lays `text` out in `font` at `font_size`, wrapped at `wrap_width` (0: only at newlines). The
// glyphs are those of the font atlas as it is: a layout is kept only while its font is.
TextLayout lay_out_text(const ImFont* font, float font_size, std::string_view text,
                        float wrap_width);

// Draws the text `layout` was made from as it lays it out, with its top left at `pos`. Lines
// outside the draw list's clip rectangle are skipped. The same glyphs in the same places as
// ImDrawList::AddText with the same wrap width, for a font whose line height is a whole number
// of pixels (others may sit up to a pixel higher on a later line, each line starting on a whole
// pixel). With `centred_in`, each line is centred in that width from `pos`.
void draw_text(ImDrawList* dl, ImVec2 pos, ImU32 colour, const TextLayout& layout,
               float centred_in = 0.0f);

// The layouts of the texts drawn lately, by font, size, wrap width and text, found by a hash
// of the text and its length. The text itself is not kept, but the glyphs spell it: the app
// clears these at a lock with the rest of the person's session (GuiApp::lock).
class TextLayouts {
  public:
    const TextLayout& get(const ImFont* font, float font_size, std::string_view text,
                          float wrap_width);
    // Call once a frame: forgets the layouts no frame has used for a while.
    void end_frame();
    void clear() { entries_.clear(); }
    std::size_t size() const { return entries_.size(); }
    template <class Visit> void visit(Visit&& visit) const {
        for (const auto& [key, entry] : entries_)
            visit(entry.layout);
    }

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
