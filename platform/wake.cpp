#include "wake.hpp"

namespace casebook::platform {

std::function<void()> wake_hook(Uint32 event_type) {
    return [event_type] {
        SDL_Event e{};
        e.type = event_type;
        SDL_PushEvent(&e); // SDL's event queue is thread-safe
    };
}

} // namespace casebook::platform
