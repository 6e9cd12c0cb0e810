#pragma once
// A multi-line text field that wraps at its width as you type. ImGui 1.86's multi-line input
// has no word wrap, so the field edits a display copy of the text with a line break inserted at
// each wrap point ("soft breaks"); the text the caller keeps never contains them.
#include <cstddef>
#include <imgui.h>
#include <string>
#include <vector>

namespace casebook::gui {

// A text laid out for editing: `display` is the text with a '\n' inserted at every wrap point;
// `soft` holds those inserted breaks' offsets in `display`, ascending.
struct WrappedText {
    std::string display;
    std::vector<std::size_t> soft;
};

// Lays `text` out at `width` pixels with `font` at `size` pixels: breaks after the spaces that
// end a line, inside a word only when the word alone is wider than the field, and only ever
// between whole UTF-8 characters.
WrappedText wrap_for_editing(const std::string& text, float width, const ImFont* font, float size);

// The offset in the text of a display offset, and back. A caret at a wrap point shows at the
// start of the next line.
std::size_t logical_offset(std::size_t display_offset, const std::vector<std::size_t>& soft);
std::size_t display_offset(std::size_t logical_offset, const std::vector<std::size_t>& soft);

// What one wrapping field remembers between frames.
struct TextEditorState {
    std::string text;      // the text as the caller keeps it (no soft breaks)
    WrappedText wrapped;   // its layout at `width`
    float width = -1;      // the wrap width the layout was made for
    std::string buffer;    // what ImGui edits (the display text)
    int cursor = 0;        // caret, as a display offset, while the field is active
    std::string selection; // the selected text without soft breaks, for copy and cut
};

} // namespace casebook::gui
