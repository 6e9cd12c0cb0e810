#pragma once
// Turns finger events into what ImGui should see each frame, with no SDL and no ImGui here so
// it can be tested on its own. Debian's ImGui 1.86 and its SDL backend know only a mouse; a
// finger needs different rules:
//  - a tap presses exactly once: down in one frame, up in the next, then the pointer leaves,
//    so nothing stays hovered after the finger lifts;
//  - a finger that moves further than the slop is a drag: it never presses anything (even if it
//    started on a card) and scrolls what is under it by the distance moved;
//  - a finger that wobbles a few pixels is still a tap.
#include <deque>

namespace casebook::platform {

struct Point {
    float x = 0, y = 0;
};

// What ImGui should see this frame.
struct PointerFrame {
    bool present = false; // false: the pointer is nowhere (nothing hovered)
    Point pos;
    bool down = false;
    float scroll_dy = 0; // content under `scroll_at` moves by this many pixels (finger up: < 0)
    Point scroll_at;
};

class PointerInput {
  public:
    // `slop_px`: how far a finger may move and still be tapping.
    explicit PointerInput(float slop_px) : slop_(slop_px) {}

    void finger_down(Point p);
    void finger_move(Point p);
    void finger_up(Point p);
    // Forgets any finger (e.g. the app went to the background mid-touch).
    void cancel();

    // Called once per frame, after the platform backend's new-frame.
    PointerFrame next_frame();
    // True while queued tap stages or an unconsumed drag need more frames drawn.
    bool wants_frames() const { return !queued_.empty() || pending_dy_ != 0; }
    bool dragging() const { return touching_ && dragging_; }

  private:
    float slop_;
    bool touching_ = false;
    bool dragging_ = false;
    Point start_, last_;
    float pending_dy_ = 0;
    std::deque<PointerFrame> queued_;
};

} // namespace casebook::platform
