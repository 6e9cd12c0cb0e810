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

enum class Screen { home, library, player };

// The whole front end as ImGui screens over the core. It owns no data: the Library and the
// Store do. Call frame() between ImGui::NewFrame() and ImGui::Render().
class GuiApp {
  public:
    GuiApp(const Library& library, Store& store);

    void set_ui(const UiMetrics& metrics, const Fonts& fonts, ThemeName theme);
    void frame();

    Screen screen() const { return screen_; }
    void open_home();
    void open_library();
    // Opens a case (resuming the latest attempt); false if there is no such case.
    bool open_case(const std::string& id);
    CaseRun* run() { return run_.get(); }
    // Brings the named section heading (e.g. "The guidance") to the top when it is drawn.
    void scroll_to_heading(const std::string& heading) { ui_.scroll_anchor = heading; }

    // Where each tappable thing was drawn in the last frame, for tests and tap-size checks.
    const std::vector<HitTarget>& targets() const { return ui_.targets; }
    const HitTarget* target(const std::string& label) const;

  private:
    void top_bar();
    void home();
    void library();
    void player();
    void decision(std::size_t index);
    void outcome();
    void begin_column();

    const Library& library_;
    Store& store_;
    Ui ui_;
    Screen screen_ = Screen::home;
    std::unique_ptr<CaseRun> run_;
    std::string reflection_;
    bool scroll_to_top_ = false;

    // Library filters: 0 means any, i > 0 the (i - 1)th distinct value; sort indexes directly.
    struct Filters {
        std::string search;
        int profession = 0, setting = 0, jurisdiction = 0, topic = 0, status = 0, sort = 0;
    } filters_;
};

} // namespace casebook::gui
