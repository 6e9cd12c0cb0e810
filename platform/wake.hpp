#pragma once
// Waking the event loop from another thread: the loop sleeps in SDL_WaitEvent, so a worker
// (the sync) pushes an event of its own type to have the screen drawn again.
#include <SDL.h>
#include <functional>

namespace casebook::platform {

// A hook that pushes an SDL event of `event_type` (from SDL_RegisterEvents); safe from any thread.
std::function<void()> wake_hook(Uint32 event_type);

} // namespace casebook::platform
