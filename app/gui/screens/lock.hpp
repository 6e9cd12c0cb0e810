#pragma once
// The shared-tablet side: the lock screen (names only, then the PIN) and making a new profile.
// Neither shows a person's data, so both live outside the person's session; the hub resets
// them on lock and on unlock.
#include "screens/context.hpp"

#include <string>
#include <vector>

namespace casebook::gui {

struct LockScreen {
    void draw(Context& cx);
    // What went wrong, with the wait left after wrong PINs counted down ("" if nothing did).
    std::string notice(double now) const;

    std::vector<Profile> profiles; // read on locking, not per frame
    std::string pick, pin, message;
    double wait_until = 0; // after wrong PINs: no try before this time (the core enforces it)
};

struct NewProfileScreen {
    void draw(Context& cx);

    std::string name, pin, pin_again, message;
    int role = 0, profession = 0, jurisdiction = 0;
};

} // namespace casebook::gui
