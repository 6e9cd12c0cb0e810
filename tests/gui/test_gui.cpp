// GUI logic on a null ImGui context: no window, no renderer, a built font atlas, and taps
// delivered through io.MousePos / io.MouseDown the way the platform layer delivers a finger.
#include "casebook/cases.hpp"
#include "gui_support.hpp"

#include <algorithm>
#include <fstream>
#include <imgui_internal.h>

using namespace casebook;
using namespace gui_test;

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
    auto attempt = Progress(f.store).latest_attempt("", "good-case");
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
    CHECK(Progress(f.store).latest_attempt("", "good-case")->choices.size() == 1);
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
    CHECK(Progress(f.store).status("", "good-case") == CaseStatus::done);
}

TEST_CASE("the library lists the cases as cards that open the player", "[gui]") {
    Fixture f;
    f.app.open_library();
    frame(f.app);
    // On a portrait tablet the filters fold away until asked for.
    CHECK(f.app.target("##search"));
    CHECK_FALSE(f.app.target("##profession"));
    tap(f.app, "filters");
    CHECK(f.app.target("##profession"));
    CHECK(f.app.target("##topic"));
    tap(f.app, "case-good-case");
    CHECK(f.app.screen() == gui::Screen::player);
    tap(f.app, "nav-library");
    CHECK(f.app.screen() == gui::Screen::library);
}

// The bundled library on a desktop-sized null context, with a store of its own.
struct WholeLibrary {
    test::TempDir data;
    const Library library = Library::load(test::assets_dir);
    Store store{data / "casebook.sqlite3"};
    NullImGui imgui{1440, 900};
    gui::GuiApp app{library, store};
    WholeLibrary() { app.set_ui({18.0f, 1.0f}, imgui.fonts); }
};

// The library works out its list when a filter changes, not in every frame: typing a search
// narrows it at once, and clearing it brings every case back.
TEST_CASE("the library's search narrows the list as you type and clearing it restores it",
          "[gui]") {
    WholeLibrary f;
    gui::GuiApp& app = f.app;
    const Library& library = f.library;
    REQUIRE(library.cases().size() > 10);
    auto cards = [&] {
        std::vector<std::string> ids;
        for (const auto& t : app.targets())
            if (t.label.rfind("case-", 0) == 0) ids.push_back(t.label);
        return ids;
    };
    app.open_library();
    frame(app);
    frame(app);
    CHECK(cards().size() > 3);
    tap(app, "##search");
    type(app, "seizures and a van");
    frame(app);
    CHECK(cards() == std::vector<std::string>{"case-seizures-still-driving"});
    // Every letter taken back: every case can be reached again.
    for (int i = 0; i < 18; ++i) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = true;
        frame(app);
        io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = false;
        frame(app);
    }
    REQUIRE(app.session());
    CHECK(app.session()->library.filters.search.empty());
    CHECK(cards().size() > 3);
}

// A filter menu is the app's own button opening ImGui's combo list: a tap opens the list, a tap
// on a choice sets the filter and narrows the cases, and the menu then shows that choice.
TEST_CASE("a library filter menu opens its list and a choice narrows the cases", "[gui]") {
    WholeLibrary f;
    gui::GuiApp& app = f.app;
    app.open_library();
    frame(app);
    frame(app);
    auto cards = [&] {
        int n = 0;
        for (const auto& t : app.targets())
            n += t.label.rfind("case-", 0) == 0;
        return n;
    };
    const int all = cards();
    REQUIRE(app.session());
    REQUIRE(app.session()->library.filters.profession == 0);
    tap(app, "##profession");
    const gui::HitTarget* menu = app.target("##profession");
    REQUIRE(menu);
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    REQUIRE(g.OpenPopupStack.Size == 1);
    const ImGuiWindow* list = g.OpenPopupStack.back().Window;
    REQUIRE(list);
    CHECK(std::string(list->Name).find("##Combo") != std::string::npos);
    CHECK(list->Pos.y >= menu->max.y - 1); // the list opens below the menu
    // The second row: the first profession after "Any profession".
    const float row = gui::UiMetrics{18.0f, 1.0f}.tap() + ImGui::GetStyle().ItemSpacing.y;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = {list->Pos.x + list->Size.x * 0.5f,
                   list->Pos.y + ImGui::GetStyle().WindowPadding.y + row * 1.5f};
    io.MouseDown[0] = true;
    frame(app);
    io.MouseDown[0] = false;
    frame(app);
    io.MousePos = {-FLT_MAX, -FLT_MAX};
    frame(app);
    frame(app);
    CHECK(app.session()->library.filters.profession == 1);
    CHECK(cards() > 0);
    CHECK(cards() < all);
    CHECK(g.OpenPopupStack.Size == 0); // the list closed
}

// The library draws only the cards near the view; the keyboard must still reach the last one,
// each arrow press moving to the next card and the list scrolling to show it.
TEST_CASE("the keyboard walks the whole library list, card by card", "[gui]") {
    WholeLibrary f;
    gui::GuiApp& app = f.app;
    const Library& library = f.library;
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    app.open_library();
    frame(app);
    frame(app);
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    // The card the keyboard is on: the target whose button has the focused id.
    auto focused_card = [&]() -> std::string {
        if (!g.NavWindow) return "";
        for (const auto& t : app.targets())
            if (t.label.rfind("case-", 0) == 0 && g.NavWindow->GetID(t.label.c_str()) == g.NavId)
                return t.label;
        return "";
    };
    auto press_key = [&](ImGuiKey key) {
        io.KeysDown[io.KeyMap[key]] = true;
        frame(app);
        io.KeysDown[io.KeyMap[key]] = false;
        frame(app);
    };
    // From the side bar into the page: across, then in.
    press_key(ImGuiKey_DownArrow);
    press_key(ImGuiKey_RightArrow);
    press_key(ImGuiKey_Space);
    std::vector<std::string> visited;
    for (int press = 0; press < 400 && visited.size() < library.cases().size(); ++press) {
        press_key(ImGuiKey_DownArrow);
        frame(app);
        const std::string card = focused_card();
        if (card.empty() || (!visited.empty() && visited.back() == card)) continue;
        CHECK(std::find(visited.begin(), visited.end(), card) == visited.end()); // never back
        visited.push_back(card);
        // The focused card is brought into view.
        const gui::HitTarget* t = app.target(card);
        REQUIRE(t);
        CHECK(t->min.y >= 0);
        CHECK(t->max.y <= 900);
    }
    CHECK(visited.size() == library.cases().size());
}

TEST_CASE("every tap target on every screen is at least 48 dp tall", "[gui][taps]") {
    // Writes the smallest target per screen to build/tap-targets.txt for the issue notes.
    for (auto [w, h] : {std::pair{800.0f, 1280.0f}, std::pair{1440.0f, 900.0f}}) {
        Fixture f(w, h);
        Problems problems;
        Checklist checklist =
            Checklist::load(FolderAssets(test::assets_dir), f.library.guidance(), problems);
        REQUIRE(problems.empty());
        f.app.set_checklist(&checklist);
        const Profile sam =
            f.app.journal().add_profile({"Sam", Role::supervisor, "nurse", "england"});
        const Profile tia = f.app.journal().add_profile({"Tia", Role::trainee, "nurse", "england"});
        const Note note = f.app.journal().add_note(tia.id, {"A note", "Text", {}, "none", ""});
        const Supervision session = f.app.journal().start_supervision(sam.id, tia.id);
        std::ofstream report(std::filesystem::path(CASEBOOK_BINARY_DIR) / "tap-targets.txt",
                             w < h ? std::ios::trunc : std::ios::app);
        report << "window " << w << "x" << h << " at 18 px text, 1 px per dp\n";
        auto check_all = [&](const std::string& screen) {
            frame(f.app);
            frame(f.app);
            INFO(screen);
            REQUIRE_FALSE(f.app.targets().empty());
            float smallest = 1e9f;
            std::string which;
            for (const auto& t : f.app.targets()) {
                INFO(t.label);
                CHECK(t.height() >= 48.0f);
                if (t.height() < smallest) {
                    smallest = t.height();
                    which = t.label;
                }
            }
            report << "  " << screen << ": smallest " << smallest << " dp (" << which << ")\n";
        };
        f.app.lock();
        check_all("lock");
        f.app.open_profile(tia);
        check_all("home");
        f.app.open_library();
        check_all("library");
        REQUIRE(f.app.open_case("good-case"));
        check_all("case player");
        f.app.run()->choose(0, "A");
        check_all("case feedback");
        f.app.run()->next();
        f.app.run()->choose(1, "B");
        f.app.run()->next();
        check_all("case outcome");
        f.app.open_settings();
        check_all("settings");
        f.app.open_notes();
        check_all("notes");
        REQUIRE(f.app.open_note_by_id(note.id));
        check_all("note editor");
        f.app.open_supervisions();
        check_all("supervision list");
        REQUIRE(f.app.open_supervision_by_id(session.id));
        check_all("supervision session");
        f.app.start_real_concern();
        check_all("checklist");
        f.app.open_records();
        check_all("decision records");
    }
}

// Review F1: typing a reflection, letting it save, typing more and letting it save again crashed
// the app and lost the text. Walk it as a reader does, and check the database after each save.
TEST_CASE("a reflection typed, saved, typed again and saved again is all kept", "[gui][autosave]") {
    Fixture f;
    REQUIRE(f.app.open_case("good-case"));
    frame(f.app);
    tap(f.app, "option-0-B");
    tap(f.app, "continue");
    frame(f.app);
    tap(f.app, "option-1-B");
    tap(f.app, "continue");
    frame(f.app);
    tap(f.app, "reflection"); // the field keeps focus through every save below
    double now = 10.0;
    std::string expected;
    for (const std::string piece : {"First thoughts.", " Next time I would ask sooner.",
                                    " And tell the lead.", " Café, naïve: accents too."}) {
        type(f.app, piece);
        expected += piece;
        now += 5.0; // typing stops; the autosave is due
        f.app.tick(now);
        CHECK_FALSE(f.app.has_pending());
        CHECK(Progress(f.store).reflection("", "good-case") == expected);
    }
    // Leaving and coming back shows everything that was typed.
    REQUIRE(f.app.open_case("good-case"));
    frame(f.app);
    CHECK(Progress(f.store).reflection("", "good-case") == expected);
}

// Review step 1.4: the feedback appeared below the fold with nothing to say so. On a short
// window the answer's feedback is scrolled into view once, as it appears.
TEST_CASE("choosing an option brings its feedback into view", "[gui]") {
    Fixture f(800, 600);
    REQUIRE(f.app.open_case("good-case"));
    frame(f.app);
    // The options as low on the screen as a reader would have them before tapping.
    scroll_into_view(f.app, "option-0-C");
    tap(f.app, "option-0-C");
    frame(f.app);
    frame(f.app);
    const gui::HitTarget* why = f.app.target("why-0-A");
    REQUIRE(why);
    CHECK(why->max.y <= ImGui::GetIO().DisplaySize.y);
    // Once: the reader may scroll back up to the options and stays there.
    const gui::HitTarget* option = f.app.target("option-0-A");
    REQUIRE(option);
    const float option_y = option->min.y;
    frame(f.app);
    CHECK(f.app.target("option-0-A")->min.y == option_y);
}
