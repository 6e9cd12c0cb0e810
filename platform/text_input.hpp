#pragma once
// When to show the on-screen keyboard: start SDL text input (with the field's rectangle, so the
// system keeps it in view) when a text field becomes active, stop when none is. Pure logic.
#include <optional>

namespace casebook::platform {

struct FieldRect {
    int x = 0, y = 0, w = 0, h = 0;
    bool operator==(const FieldRect&) const = default;
};

class TextInputController {
  public:
    enum class Action { none, start, move, stop };

    // Call once per frame with the active text field, if any.
    Action update(const std::optional<FieldRect>& field);
    bool active() const { return active_; }
    const FieldRect& rect() const { return rect_; }

  private:
    bool active_ = false;
    FieldRect rect_;
};

} // namespace casebook::platform
