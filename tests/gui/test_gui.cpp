// GUI logic on a null ImGui context: no window, no renderer, a built font atlas, and taps
// delivered through io.MousePos / io.MouseDown the way the platform layer delivers a finger.
#include "gui_app.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace casebook;

namespace {

struct NullImGui {
    NullImGui(float width, float height) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {width, height};
        io.DeltaTime = 1.0f / 60.0f;
        const float px = 18.0f;
        auto add = [&](float size) {
            ImFontConfig config;
            config.SizePixels = size;
            return io.Fonts->AddFontDefault(&config);
        };
        fonts = {add(px), add(px * 1.15f), add(px * 1.5f)};
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        gui::apply_style(gui::ThemeName::light, px, 1.0f);
    }
    ~NullImGui() { ImGui::DestroyContext(); }
    gui::Fonts fonts;
};

void frame(gui::GuiApp& app) {
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
}

// Scrolls with the wheel, as a user would, until the target is fully on screen.
void scroll_into_view(gui::GuiApp& app, const std::string& label) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 200; ++i) {
        const gui::HitTarget* t = app.target(label);
        if (!t || (t->min.y >= 0 && t->max.y <= io.DisplaySize.y)) return;
        io.MousePos = {io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f};
        io.MouseWheel = t->max.y > io.DisplaySize.y ? -1.0f : 1.0f;
        frame(app);
        io.MouseWheel = 0;
        frame(app);
    }
}

// A finger: down on the target's centre for one frame, then up.
void tap(gui::GuiApp& app, const std::string& label) {
    scroll_into_view(app, label);
    const gui::HitTarget* t = app.target(label);
    INFO("tapping " << label);
    REQUIRE(t);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = t->centre();
    io.MouseDown[0] = true;
    frame(app);
    io.MouseDown[0] = false;
    frame(app);
    io.MousePos = {-FLT_MAX, -FLT_MAX}; // finger lifted: nothing stays hovered
    frame(app);
}

struct Fixture {
    test::TempDir data;
    Library library = Library::load_files({test::fixtures_dir / "good-case.json"},
                                          Library::load(test::assets_dir).guidance());
    Store store{data / "casebook.sqlite3"};
    NullImGui imgui{800, 1280};
    gui::GuiApp app{library, store};

    Fixture() {
        REQUIRE(library.cases().size() == 1);
        app.set_ui({18.0f, 1.0f}, imgui.fonts, gui::ThemeName::light);
        frame(app);
    }
};

} // namespace

TEST_CASE("tapping an option shows its feedback and stores the attempt", "[gui]") {
    Fixture f;
    REQUIRE(f.app.open_case("good-case"));
    frame(f.app);
    CHECK_FALSE(f.app.target("why-0-B")); // no feedback before a choice
    CHECK_FALSE(f.app.target("continue"));

    tap(f.app, "option-0-A");

    CHECK(f.app.run()->chosen(0) == std::optional<std::string>("A"));
    // The feedback block is on screen: the other options' reasons and the way on.
    CHECK(f.app.target("why-0-B"));
    CHECK(f.app.target("why-0-C"));
    CHECK(f.app.target("continue"));
    auto attempt = f.store.latest_attempt("good-case");
    REQUIRE(attempt);
    REQUIRE(attempt->choices.size() == 1);
    CHECK(attempt->choices[0].decision_id == "first");
    CHECK(attempt->choices[0].option_key == "A");
}

TEST_CASE("a tap presses once: a second tap on a chosen option changes nothing", "[gui]") {
    Fixture f;
    REQUIRE(f.app.open_case("good-case"));
    frame(f.app);
    tap(f.app, "option-0-C");
    tap(f.app, "option-0-A");
    CHECK(f.app.run()->chosen(0) == std::optional<std::string>("C"));
    CHECK(f.store.latest_attempt("good-case")->choices.size() == 1);
}

TEST_CASE("walking a case to the end reveals the outcome and finishes the attempt", "[gui]") {
    Fixture f;
    REQUIRE(f.app.open_case("good-case"));
    frame(f.app);
    tap(f.app, "option-0-B");
    tap(f.app, "continue");
    CHECK(f.app.run()->revealed() == 2);
    frame(f.app);
    tap(f.app, "option-1-B");
    CHECK_FALSE(f.app.target("reflection"));
    tap(f.app, "continue");
    CHECK(f.app.run()->finished());
    frame(f.app);
    CHECK(f.app.target("reflection"));
    CHECK(f.store.status("good-case") == CaseStatus::done);
}

TEST_CASE("the library lists the cases as cards that open the player", "[gui]") {
    Fixture f;
    f.app.open_library();
    frame(f.app);
    CHECK(f.app.target("##profession"));
    CHECK(f.app.target("##topic"));
    tap(f.app, "case-good-case");
    CHECK(f.app.screen() == gui::Screen::player);
    tap(f.app, "nav-library");
    CHECK(f.app.screen() == gui::Screen::library);
}

TEST_CASE("every tap target on every screen is at least 48 dp tall", "[gui]") {
    Fixture f;
    auto check_all = [&](const char* screen) {
        frame(f.app);
        INFO(screen);
        REQUIRE_FALSE(f.app.targets().empty());
        for (const auto& t : f.app.targets()) {
            INFO(t.label);
            CHECK(t.height() >= 48.0f);
        }
    };
    f.app.open_home();
    check_all("home");
    f.app.open_library();
    check_all("library");
    REQUIRE(f.app.open_case("good-case"));
    check_all("player");
}
