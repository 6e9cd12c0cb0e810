#include "screens/settings.hpp"

#include "casebook/base.hpp"
#include "casebook/version.hpp"
#include "gui_app.hpp"
#include "text_editor.hpp"

#include <algorithm>

namespace casebook::gui {

void SettingsScreen::load(const Store& store) {
    try {
        lock_after_minutes =
            std::clamp(std::stoi(store.setting("lock_after_minutes", "5")), 1, 240);
    } catch (...) {
        lock_after_minutes = 5;
    }
    display.theme = theme_from_string(store.setting("theme", "light"));
    try {
        display.text_size =
            std::clamp(std::stoi(store.setting("text_size", "1")), 0, text_size_count - 1);
    } catch (...) {
        display.text_size = 1;
    }
    contacts = store.setting("contacts", default_contacts);
}

void SettingsScreen::save_contacts(Store& store) {
    if (!contacts_dirty) return;
    try {
        store.set_setting("contacts", contacts);
        contacts_dirty = false;
    } catch (const std::exception&) {
        // Kept on screen and tried again at the next edit, as typed text is elsewhere.
    }
}

void SettingsScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    DisplaySettings next = display;
    heading(ui, "Text size");
    muted(ui, "Text is redrawn at the new size, so it stays sharp.");
    for (int i = 0; i < text_size_count; ++i) {
        if (i % 2) ImGui::SameLine();
        const std::string id = "text-size-" + std::to_string(i);
        if (big_button(ui, id.c_str(), text_size_label(i), (ui.avail() - m.gap()) / (i % 2 ? 1 : 2),
                       display.text_size == i))
            next.text_size = i;
    }
    heading(ui, "Theme");
    for (ThemeName theme : {ThemeName::light, ThemeName::dark, ThemeName::high_contrast}) {
        const std::string id = std::string("theme-") + to_string(theme);
        if (big_button(ui, id.c_str(), theme_label(theme), 0, display.theme == theme))
            next.theme = theme;
    }
    heading(ui, "Profile and lock");
    if (const Profile* me = cx.person()) {
        paragraph(ui, "You are using Casebook as " + me->name + ".");
        if (big_button(ui, "settings-lock", "Lock now")) {
            cx.app.lock();
            return;
        }
    }
    if (big_button(ui, "settings-add-profile", "Add a profile")) {
        cx.app.open_new_profile();
        return;
    }
    muted(ui, "Lock after this long without a touch:");
    static const int minutes[] = {1, 5, 15, 60};
    const float quarter = (ui.avail() - 3 * m.gap()) / 4;
    for (int i = 0; i < 4; ++i) {
        if (i) ImGui::SameLine();
        const std::string label = std::to_string(minutes[i]) + " min";
        if (big_button(ui, ("lock-after-" + std::to_string(minutes[i])).c_str(), label, quarter,
                       lock_after_minutes == minutes[i])) {
            lock_after_minutes = minutes[i];
            std::string ignored; // kept for this sitting even if it could not be stored
            cx.act(ignored,
                   [&] { cx.store.set_setting("lock_after_minutes", std::to_string(minutes[i])); });
        }
    }
    heading(ui, "Local contacts");
    muted(ui, "Shown by the checklist under \u201cWho to call\u201d. One per line.");
    // Saved through the autosave, as every other typed text is, not at each keystroke.
    if (text_editor(ui, "##contacts", contacts, 3.0f)) {
        contacts_dirty = true;
        cx.edited();
    }
    heading(ui, "Sync");
    if (big_button(ui, "settings-sync", "Sync with your other devices")) {
        cx.app.open_sync();
        return;
    }
    heading(ui, "This device");
    muted(ui, "Your progress and reflections are kept in " + cx.store.path().string() + ".");
    heading(ui, "About");
    muted(ui, std::string("Casebook ") + casebook::version +
                  ". Cases and guidance summaries are the project's own words; each cites its "
                  "source.");
    cx.app.set_display(next);
}

void contacts_panel(Context& cx) {
    Ui& ui = cx.ui;
    const std::string& contacts = cx.contacts(); // read at start, edited in Settings
    if (!disclosure(ui, "contacts", "Who to call", ui.colours().accent)) return;
    std::size_t start = 0;
    while (start < contacts.size()) {
        auto end = contacts.find('\n', start);
        if (end == std::string::npos) end = contacts.size();
        const std::string line = contacts.substr(start, end - start);
        if (!line.empty()) panel(ui, "", line, ui.colours().accent);
        start = end + 1;
    }
    muted(ui, "Change these in Settings, Local contacts.");
}

} // namespace casebook::gui
