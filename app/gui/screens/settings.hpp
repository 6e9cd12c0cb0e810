#pragma once
// Settings: text size, theme, the idle lock, the local contacts, and the way to sync. What it
// holds is the device's, not a person's, so the hub keeps it across a lock.
#include "screens/context.hpp"
#include "theme.hpp"

#include <string>

namespace casebook::gui {

// What the reader chose for this device; the platform rebuilds fonts and style when it changes.
struct DisplaySettings {
    ThemeName theme = ThemeName::light;
    int text_size = 1; // index into text_scale()
    bool operator==(const DisplaySettings&) const = default;
};

struct SettingsScreen {
    // Reads the device's settings (at start).
    void load(const Store& store);
    void draw(Context& cx);
    // Saves the contacts if they changed (the autosave calls it); a failure keeps them dirty.
    void save_contacts(Store& store);

    DisplaySettings display;
    bool display_changed = false;
    int lock_after_minutes = 5;
    // The device's contacts, edited here and saved through the autosave.
    std::string contacts;
    bool contacts_dirty = false;
};

// "Who to call": the local contacts, folded, as the lock screen and the checklist show them.
void contacts_panel(Context& cx);

} // namespace casebook::gui
