#pragma once
// Home: what the reader sees first. It keeps no state of its own: it draws the progress, the
// revision summary and the sync conflicts the session read on arriving.
#include "screens/context.hpp"

namespace casebook::gui {

struct HomeScreen {
    void draw(Context& cx);
};

} // namespace casebook::gui
