#pragma once
// The case library and its filters (the person's: locking forgets them).
#include "screens/context.hpp"

#include <string>

namespace casebook::gui {

// Library filters: 0 means any, i > 0 the (i - 1)th distinct value; sort indexes directly.
struct LibraryFilters {
    std::string search;
    int profession = 0, setting = 0, jurisdiction = 0, topic = 0, status = 0, sort = 0;
};

struct LibraryScreen {
    void draw(Context& cx);

    LibraryFilters filters;
};

} // namespace casebook::gui
