#pragma once
// What the app does when the system moves it between foreground and background. Pure logic; the
// SDL event filter in the runner translates SDL's app events into these.
#include <functional>

namespace casebook::platform {

enum class AppEvent {
    will_enter_background,
    did_enter_background,
    will_enter_foreground,
    did_enter_foreground,
    low_memory,
    terminating,
};

class Lifecycle {
  public:
    // `save_pending` must write everything typed to the database.
    explicit Lifecycle(std::function<void()> save_pending)
        : save_pending_(std::move(save_pending)) {}

    void handle(AppEvent event);
    // False while in the background: drawing then wastes battery and, on mobile, may crash.
    bool drawing() const { return drawing_; }
    // True once after coming back to the foreground (redraw, and ask for the PIN if due).
    bool take_resumed();

  private:
    std::function<void()> save_pending_;
    bool drawing_ = true;
    bool resumed_ = false;
};

} // namespace casebook::platform
