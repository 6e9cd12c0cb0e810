// The tablet layer: the pointer rules, the on-screen keyboard, the lifecycle, layouts and
// display settings, driven on a null ImGui context the way the SDL runner drives them.
#include "casebook/cases.hpp"
#include "gui_support.hpp"
#include "imgui_pointer.hpp"
#include "lifecycle.hpp"
#include "pointer_input.hpp"
#include "text_input.hpp"

#include <imgui_internal.h>

using namespace casebook;
using namespace casebook::platform;
using namespace gui_test;

namespace {

// One frame as the runner draws it: the finger's state written after the backend's new-frame.
void touch_frame(gui::GuiApp& app, PointerInput& pointer) {
    apply_pointer_frame(pointer.next_frame());
    frame(app);
}

void settle(gui::GuiApp& app, PointerInput& pointer, int frames = 4) {
    for (int i = 0; i < frames; ++i)
        touch_frame(app, pointer);
}

void finger_tap(gui::GuiApp& app, PointerInput& pointer, Point p, float jitter = 0) {
    pointer.finger_down(p);
    touch_frame(app, pointer);
    pointer.finger_move({p.x + jitter, p.y - jitter});
    touch_frame(app, pointer);
    pointer.finger_up({p.x + jitter, p.y - jitter});
    settle(app, pointer);
}

Point centre(const gui::HitTarget* t) {
    REQUIRE(t);
    return {t->centre().x, t->centre().y};
}

float content_scroll() {
    ImGuiWindow* w = ImGui::FindWindowByName("Casebook");
    REQUIRE(w);
    for (ImGuiWindow* child : w->DC.ChildWindows)
        if (std::string(child->Name).find("content") != std::string::npos) return child->Scroll.y;
    FAIL("no content window");
    return 0;
}

} // namespace

TEST_CASE("pointer: a tap presses once, then the pointer leaves", "[touch]") {
    PointerInput p(10);
    p.finger_down({100, 200});
    auto resting = p.next_frame();
    CHECK(resting.present); // press feedback while the finger rests
    CHECK_FALSE(resting.down);
    p.finger_up({100, 200});
    auto f1 = p.next_frame(), f2 = p.next_frame(), f3 = p.next_frame(), f4 = p.next_frame();
    CHECK((f1.present && f1.down && f1.pos.x == 100 && f1.pos.y == 200));
    CHECK((f2.present && !f2.down));
    CHECK_FALSE(f3.present); // hover cleared the frame after release
    CHECK_FALSE(f4.present);
    CHECK_FALSE(p.wants_frames());
}

TEST_CASE("pointer: a few pixels of jitter is still a tap; beyond the slop is a drag", "[touch]") {
    PointerInput p(10);
    p.finger_down({100, 200});
    p.finger_move({104, 197});
    p.finger_up({106, 195});
    CHECK(p.next_frame().down);

    PointerInput d(10);
    d.finger_down({100, 400});
    d.finger_move({100, 380});
    CHECK(d.dragging());
    d.finger_move({100, 250});
    d.finger_up({100, 250});
    int presses = 0;
    float scrolled = 0;
    for (int i = 0; i < 5; ++i) {
        auto f = d.next_frame();
        presses += f.down;
        scrolled += f.scroll_dy;
    }
    CHECK(presses == 0);
    CHECK(scrolled == Approx(-150)); // the whole distance, slop included
}

TEST_CASE("a tap on a real option chooses it exactly once", "[touch]") {
    Fixture f;
    PointerInput pointer(10);
    REQUIRE(f.app.open_case("good-case"));
    settle(f.app, pointer);
    scroll_into_view(f.app, "option-0-B");
    settle(f.app, pointer);
    finger_tap(f.app, pointer, centre(f.app.target("option-0-B")), 3);
    CHECK(f.app.run()->chosen(0) == std::optional<std::string>("B"));
    CHECK(Progress(f.store).latest_attempt("", "good-case")->choices.size() == 1);
    // Nothing is left hovered once the finger has lifted.
    CHECK_FALSE(ImGui::IsAnyItemHovered());
}

TEST_CASE("a drag that starts on a card scrolls the list by the distance and opens nothing",
          "[touch]") {
    // Enough cases to scroll: the bundled library on a short screen.
    test::TempDir data;
    Library library = Library::load(test::assets_dir);
    REQUIRE(library.cases().size() >= 3);
    Store store(data / "casebook.sqlite3");
    NullImGui imgui(800, 700);
    gui::GuiApp app(library, store);
    app.set_ui({18.0f, 1.0f}, imgui.fonts);
    app.open_library();
    PointerInput pointer(10);
    settle(app, pointer);
    const float before = content_scroll();
    const Point start = centre(app.target("case-" + library.cases()[1].id));
    pointer.finger_down(start);
    touch_frame(app, pointer);
    for (int step = 1; step <= 10; ++step) {
        pointer.finger_move({start.x, start.y - 12.0f * static_cast<float>(step)});
        touch_frame(app, pointer);
    }
    pointer.finger_up({start.x, start.y - 120});
    settle(app, pointer);
    CHECK(content_scroll() - before == Approx(120).margin(1));
    CHECK(app.screen() == gui::Screen::library);
    // The main window did not move.
    CHECK(ImGui::FindWindowByName("Casebook")->Pos.y == 0);
}

TEST_CASE("keyboard: text input starts with the field's rectangle and stops when it closes",
          "[touch][keyboard]") {
    TextInputController controller;
    CHECK(controller.update(std::nullopt) == TextInputController::Action::none);
    CHECK(controller.update(FieldRect{10, 20, 300, 40}) == TextInputController::Action::start);
    CHECK(controller.rect() == FieldRect{10, 20, 300, 40});
    CHECK(controller.update(FieldRect{10, 20, 300, 40}) == TextInputController::Action::none);
    CHECK(controller.update(FieldRect{10, 5, 300, 40}) == TextInputController::Action::move);
    CHECK(controller.update(std::nullopt) == TextInputController::Action::stop);
    CHECK_FALSE(controller.active());

    // Through the real screen: tapping the search box activates it; tapping a filter closes it.
    Fixture f;
    PointerInput pointer(10);
    f.app.open_library();
    settle(f.app, pointer);
    CHECK_FALSE(f.app.active_text_field());
    finger_tap(f.app, pointer, centre(f.app.target("##search")));
    REQUIRE(f.app.active_text_field());
    const auto field = *f.app.active_text_field();
    CHECK(controller.update(FieldRect{static_cast<int>(field.min.x), static_cast<int>(field.min.y),
                                      static_cast<int>(field.max.x - field.min.x),
                                      static_cast<int>(field.max.y - field.min.y)}) ==
          TextInputController::Action::start);
    finger_tap(f.app, pointer, centre(f.app.target("nav-home")));
    CHECK_FALSE(f.app.active_text_field());
    CHECK(controller.update(std::nullopt) == TextInputController::Action::stop);
}

TEST_CASE("lifecycle: going to the background saves a pending edit and stops drawing",
          "[touch][lifecycle]") {
    Fixture f;
    PointerInput pointer(10);
    REQUIRE(f.app.open_case("good-case"));
    f.app.run()->choose(0, "A");
    f.app.run()->next();
    f.app.run()->choose(1, "B");
    f.app.run()->next();
    settle(f.app, pointer);
    scroll_into_view(f.app, "reflection");
    settle(f.app, pointer);
    finger_tap(f.app, pointer, centre(f.app.target("reflection")));
    REQUIRE(f.app.active_text_field());
    f.app.tick(10.0);
    for (char ch : std::string("Ask earlier"))
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(ch));
    touch_frame(f.app, pointer);
    REQUIRE(f.app.has_pending());
    CHECK(
        Progress(f.store).reflection("", "good-case").empty()); // not yet: typing is still going on

    Lifecycle lifecycle([&] { f.app.save_pending(); });
    lifecycle.handle(AppEvent::will_enter_background);
    CHECK(Progress(f.store).reflection("", "good-case") == "Ask earlier");
    CHECK_FALSE(lifecycle.drawing());
    lifecycle.handle(AppEvent::did_enter_foreground);
    CHECK(lifecycle.drawing());
    CHECK(lifecycle.take_resumed());
}

TEST_CASE("typing is saved within a second without any lifecycle event", "[touch]") {
    Fixture f;
    REQUIRE(f.app.open_case("good-case"));
    f.app.run()->choose(0, "A");
    f.app.run()->next();
    f.app.run()->choose(1, "B");
    f.app.run()->next();
    frame(f.app);
    scroll_into_view(f.app, "reflection");
    tap(f.app, "reflection");
    f.app.tick(100.0);
    ImGui::GetIO().AddInputCharacter('x');
    frame(f.app);
    REQUIRE(f.app.next_save_at());
    CHECK(*f.app.next_save_at() <= 101.0);
    f.app.tick(100.2);
    CHECK(f.app.has_pending());
    f.app.tick(*f.app.next_save_at());
    CHECK_FALSE(f.app.has_pending());
    CHECK(Progress(f.store).reflection("", "good-case") == "x");
}

TEST_CASE("layouts: portrait gets a bottom bar, wide a side bar", "[touch][layout]") {
    for (auto [w, h, narrow] :
         {std::tuple{800.0f, 1280.0f, true}, std::tuple{1280.0f, 800.0f, false},
          std::tuple{1440.0f, 900.0f, false}}) {
        INFO(w << "x" << h);
        Fixture f(w, h);
        frame(f.app);
        CHECK(f.app.narrow() == narrow);
        const auto* home = f.app.target("nav-home");
        const auto* settings = f.app.target("nav-settings");
        REQUIRE(home);
        REQUIRE(settings);
        if (narrow) {
            CHECK(home->min.y > h * 0.85f);       // along the bottom
            CHECK(settings->min.x > home->max.x); // side by side
        } else {
            CHECK(home->max.x < w * 0.25f);       // down the left side
            CHECK(settings->min.y > home->max.y); // one above the other
        }
        CHECK(home->height() >= 48);
    }
}

TEST_CASE("settings: theme and text size are applied and remembered", "[touch][settings]") {
    Fixture f;
    f.app.open_settings();
    frame(f.app);
    tap(f.app, "theme-high-contrast");
    tap(f.app, "text-size-3");
    CHECK(f.app.display().theme == gui::ThemeName::high_contrast);
    CHECK(f.app.display().text_size == 3);
    CHECK(f.app.take_display_change());
    CHECK_FALSE(f.app.take_display_change());
    gui::GuiApp again(f.library, f.store);
    CHECK(again.display().theme == gui::ThemeName::high_contrast);
    CHECK(again.display().text_size == 3);
}
