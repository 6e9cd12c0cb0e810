#pragma once
#include "casebook/case_run.hpp"
#include "casebook/library.hpp"
#include "casebook/store.hpp"
#include "widgets.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace casebook::gui {

enum class Screen { home, library, player, settings };

// What the reader chose for this device; the platform rebuilds fonts and style when it changes.
struct DisplaySettings {
    ThemeName theme = ThemeName::light;
    int text_size = 1; // index into text_scale()
    bool operator==(const DisplaySettings&) const = default;
};

// The whole front end as ImGui screens over the core. It owns no data: the Library and the
// Store do. Call frame() between ImGui::NewFrame() and ImGui::Render().
class GuiApp {
  public:
    GuiApp(const Library& library, Store& store);

    void set_ui(const UiMetrics& metrics, const Fonts& fonts);
    void frame();

    // Typed text is saved shortly after typing stops (and at most about a second after the
    // first unsaved keystroke). `now` is seconds on any steady clock.
    void tick(double now);
    // When tick() next needs calling, if anything is waiting to be saved.
    std::optional<double> next_save_at() const;
    bool has_pending() const { return pending_since_.has_value(); }
    // Saves everything waiting now (leaving a screen, going to the background, quitting).
    void save_pending();

    const DisplaySettings& display() const { return display_; }
    void set_display(const DisplaySettings& settings); // applies and remembers it
    // True once after the reader changed a display setting.
    bool take_display_change();

    // The text field being edited, so the platform can place the on-screen keyboard.
    std::optional<HitTarget> active_text_field() const { return ui_.active_text; }
    bool narrow() const { return narrow_; }

    Screen screen() const { return screen_; }
    void open_home();
    void open_library();
    void open_settings();
    // Opens a case (resuming the latest attempt); false if there is no such case.
    bool open_case(const std::string& id);
    CaseRun* run() { return run_.get(); }
    // Brings the named section heading (e.g. "The guidance") to the top when it is drawn.
    void scroll_to_heading(const std::string& heading) { ui_.scroll_anchor = heading; }

    // Where each tappable thing was drawn in the last frame, for tests and tap-size checks.
    const std::vector<HitTarget>& targets() const { return ui_.targets; }
    const HitTarget* target(const std::string& label) const;

  private:
    void navigation(bool vertical, float width);
    void home();
    void library();
    void player();
    void decision(std::size_t index);
    std::string decision_heading(std::size_t index) const;
    void outcome();
    void settings();
    void begin_column();
    void go(Screen screen);

    const Library& library_;
    Store& store_;
    Ui ui_;
    Screen screen_ = Screen::home;
    bool narrow_ = false;
    std::unique_ptr<CaseRun> run_;
    std::string reflection_;
    bool scroll_to_top_ = false;
    DisplaySettings display_;
    bool display_changed_ = false;

    double now_ = 0;
    std::optional<double> pending_since_; // first unsaved edit
    double last_edit_ = 0;

    // Library filters: 0 means any, i > 0 the (i - 1)th distinct value; sort indexes directly.
    struct Filters {
        std::string search;
        int profession = 0, setting = 0, jurisdiction = 0, topic = 0, status = 0, sort = 0;
    } filters_;
};

} // namespace casebook::gui
