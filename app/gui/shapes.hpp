#pragma once
// Filled shapes cut up for a renderer that rasterises on the CPU. SDL's software renderer visits
// every pixel of each triangle's bounding box; ImDrawList fills a rounded rectangle as a fan of
// long thin triangles from one corner, whose boxes cover the shape many times over (on Home,
// rasterising the frame cost more than twice what it does with these pieces). A GPU does not
// care, and the pieces cost more to build, so only the software renderer gets them.
#include <imgui.h>
#include <unordered_map>
#include <vector>

namespace casebook::gui {

// As ImDrawList::AddRectFilled(min, max, colour, rounding) with all corners rounded: the same
// outline, the same anti-aliased edge and, under SDL's software renderer, the same pixels.
void fill_rect_for_cpu(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float rounding);

// Rounded boxes (a fill and a border, as AddRectFilled and AddRect draw them) built once per
// size, corner and colours and copied into the draw list, moved into place, in later frames: a
// screen of buttons and cards otherwise spends much of each frame working out the same rounded
// outlines. For a GPU, where moving the shape by a fraction of a pixel changes nothing; the
// software renderer gets fill_rect_for_cpu, whose pieces depend on the pixel grid.
class BoxCache {
  public:
    // `border` fully transparent: no border.
    void draw(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border, float rounding,
              float thickness = 1.0f);
    // Call once a frame: forgets the boxes no frame has drawn for a while.
    void end_frame();
    void clear() { entries_.clear(); }
    std::size_t size() const { return entries_.size(); }

  private:
    struct Key {
        float width, height, rounding, thickness, fringe;
        ImU32 fill, border;
        ImDrawListFlags flags;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    struct Entry {
        std::vector<ImDrawVert> vertices; // with the box's top left at (0, 0)
        std::vector<ImDrawIdx> indices;   // from its first vertex
        int last_used = 0;
    };
    std::unordered_map<Key, Entry, KeyHash> entries_;
    int frame_ = 0;
};

} // namespace casebook::gui
