#include "pointer_input.hpp"

#include <cmath>

namespace casebook::platform {

void PointerInput::finger_down(Point p) {
    touching_ = true;
    dragging_ = false;
    start_ = last_ = p;
    pending_dy_ = 0;
}

void PointerInput::finger_move(Point p) {
    if (!touching_) return;
    if (!dragging_ && std::hypot(p.x - start_.x, p.y - start_.y) > slop_) {
        dragging_ = true;
        last_ = start_; // the slop counts: content follows the finger from where it landed
    }
    if (dragging_) pending_dy_ += p.y - last_.y;
    last_ = p;
}

void PointerInput::finger_up(Point p) {
    if (!touching_) return;
    finger_move(p);
    if (!dragging_) {
        // Press and release in separate frames so ImGui sees one click, then leave.
        queued_.push_back({true, start_, true, 0, {}});
        queued_.push_back({true, start_, false, 0, {}});
        queued_.push_back({false, {}, false, 0, {}});
    }
    touching_ = false;
    dragging_ = false;
}

void PointerInput::cancel() {
    touching_ = dragging_ = false;
    pending_dy_ = 0;
    queued_.clear();
}

PointerFrame PointerInput::next_frame() {
    if (!queued_.empty()) {
        PointerFrame f = queued_.front();
        queued_.pop_front();
        return f;
    }
    PointerFrame f;
    if (pending_dy_ != 0) {
        f.scroll_dy = pending_dy_;
        f.scroll_at = start_;
        pending_dy_ = 0;
    }
    // A resting finger shows where it is (press feedback); a dragging one hovers nothing.
    if (touching_ && !dragging_) {
        f.present = true;
        f.pos = start_;
    }
    return f;
}

} // namespace casebook::platform
