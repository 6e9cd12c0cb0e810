#pragma once
#include <algorithm>

namespace casebook::gui {

// Every size on screen comes from here: the font size and the display density, never fixed
// pixels, so the same screens work on a 320 dpi tablet and a desktop monitor.
struct UiMetrics {
    float font_px = 18.0f; // body text height in pixels
    float dp = 1.0f;       // pixels per density-independent pixel (dpi / 160)

    // A tap target is at least 48 dp (about 9 mm) tall, and never smaller than the text needs.
    float tap() const { return std::max(48.0f * dp, font_px * 2.4f); }
    float pad() const { return font_px * 0.75f; }
    float gap() const { return font_px * 0.5f; }
    float radius() const { return font_px * 0.4f; }
    // Lines longer than this are hard to read; wide windows centre a column this wide.
    float reading_width() const { return font_px * 42.0f; }
};

} // namespace casebook::gui
