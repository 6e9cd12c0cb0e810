#include "lifecycle.hpp"

namespace casebook::platform {

void Lifecycle::handle(AppEvent event) {
    switch (event) {
    // The system may kill a backgrounded app without warning: save before it goes.
    case AppEvent::will_enter_background:
    case AppEvent::did_enter_background:
    case AppEvent::low_memory:
    case AppEvent::terminating:
        save_pending_();
        if (event != AppEvent::low_memory) drawing_ = false;
        break;
    case AppEvent::will_enter_foreground:
        break;
    case AppEvent::did_enter_foreground:
        drawing_ = true;
        resumed_ = true;
        break;
    }
}

bool Lifecycle::take_resumed() {
    const bool r = resumed_;
    resumed_ = false;
    return r;
}

} // namespace casebook::platform
