// What the app adds around a case: Home suggests one new case, the reader's own profession and
// nation first (from the profile); the player shows the year the case's guidance was checked.
#include "case_hints.hpp"
#include "casebook/cases.hpp"
#include "gui_support.hpp"

#include <algorithm>
#include <fstream>
#include <regex>

using namespace casebook;
using namespace gui_test;

namespace {

// The fixture case under another id, title, profession and nation.
void write_variant(const test::TempDir& dir, const std::string& id, const std::string& title,
                   const std::string& profession, const std::string& jurisdiction) {
    std::string text = test::slurp(test::fixtures_dir / "good-case.json");
    auto swap = [&](const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    };
    swap("\"id\": \"good-case\"", "\"id\": \"" + id + "\"");
    swap("\"title\": \"A test case that passes every rule\"", "\"title\": \"" + title + "\"");
    swap("\"profession\": \"nurse\"", "\"profession\": \"" + profession + "\"");
    swap("\"jurisdiction\": \"england\"", "\"jurisdiction\": \"" + jurisdiction + "\"");
    // A case led by another profession cites that profession's own code, by heading.
    if (needs_own_code(profession) && !own_code_sources(profession).empty()) {
        const std::string code = own_code_sources(profession).front();
        const Library bundled = Library::load(test::assets_dir);
        const Guidance& guidance = bundled.guidance();
        const auto point = std::find_if(guidance.points().begin(), guidance.points().end(),
                                        [&](auto& p) { return p.ref == code && !p.topic.empty(); });
        REQUIRE(point != guidance.points().end());
        swap("\"citations\": [", "\"citations\": [{\"ref\": \"" + code + "\", \"topic\": \"" +
                                     point->topic + "\", \"applies\": \"The own code.\"}, ");
    }
    std::ofstream(dir / (id + ".json")) << text;
}

struct SuggestionFixture {
    test::TempDir cases;
    test::TempDir data;
    Library library;
    Store store{data / "casebook.sqlite3"};
    NullImGui imgui{800, 1280};
    std::unique_ptr<gui::GuiApp> app;

    SuggestionFixture() {
        // Titles in this order, so "the library's order" is A, B, C, D.
        write_variant(cases, "nurse-england", "A nurse in England", "nurse", "england");
        write_variant(cases, "paramedic-scotland", "B paramedic in Scotland", "paramedic",
                      "scotland");
        write_variant(cases, "doctor-wales", "C doctor in Wales", "doctor", "wales");
        write_variant(cases, "paramedic-wales", "D paramedic in Wales", "paramedic", "wales");
        library = Library::load_files({cases.path()}, Library::load(test::assets_dir).guidance());
        REQUIRE(library.problems().empty());
        REQUIRE(library.cases().size() == 4);
        app = std::make_unique<gui::GuiApp>(library, store);
        app->set_ui({18.0f, 1.0f}, imgui.fonts);
        frame(*app);
    }

    // The id of the case Home suggests, or empty if it suggests none.
    std::string suggested() {
        app->open_home();
        frame(*app);
        for (const auto& t : app->targets())
            if (t.label.rfind("suggest-", 0) == 0) return t.label.substr(8);
        return {};
    }

    // The signed-in profile's id, or empty without one.
    std::string profile_id() const { return app->profile() ? app->profile()->id : std::string(); }

    void finish(const std::string& id) {
        const Attempt a = Progress(store).start_attempt(profile_id(), id);
        Progress(store).record_choice(profile_id(), a.id, "first", "A");
        Progress(store).finish_attempt(profile_id(), a.id);
    }
};

} // namespace

TEST_CASE("Home suggests a new case in the reader's own profession and nation first",
          "[gui][home]") {
    SuggestionFixture f;
    SECTION("with no profile, the first new case in the library") {
        CHECK(f.suggested() == "nurse-england");
    }
    SECTION("a paramedic in Wales: own profession and nation, then own profession, then nation") {
        const Profile p =
            f.app->journal().add_profile({"Pat", Role::trainee, "paramedic", "wales"});
        f.app->open_profile(p);
        CHECK(f.suggested() == "paramedic-wales");
        f.finish("paramedic-wales");
        CHECK(f.suggested() == "paramedic-scotland"); // own profession beats own nation
        Progress(f.store).start_attempt(
            p.id, "paramedic-scotland"); // started: it is under "Continue" now
        CHECK(f.suggested() == "doctor-wales");
        f.finish("doctor-wales");
        CHECK(f.suggested() == "nurse-england"); // nothing of theirs left: any new case
        f.finish("nurse-england");
        CHECK(f.suggested().empty()); // every case started or done: no suggestion
    }
    SECTION("tapping the suggestion opens that case") {
        const Profile p = f.app->journal().add_profile({"Dee", Role::trainee, "doctor", "wales"});
        f.app->open_profile(p);
        REQUIRE(f.suggested() == "doctor-wales");
        tap(*f.app, "suggest-doctor-wales");
        CHECK(f.app->screen() == gui::Screen::player);
        REQUIRE(f.app->run());
        CHECK(f.app->run()->current_case().id == "doctor-wales");
    }
}

TEST_CASE("the player shows the year a case's guidance was checked, when the case gives one",
          "[gui][player]") {
    // The fixture, once without a year and once checked in 2019.
    const std::string fixture = test::slurp(test::fixtures_dir / "good-case.json");
    const std::regex year("\\s*\"guidance_checked\":\\s*\\d+,");
    const std::string undated = std::regex_replace(fixture, year, "");
    REQUIRE(undated.find("guidance_checked") == std::string::npos);
    std::string dated = undated;
    dated.replace(dated.find("\"schema\": 1,"), 12, "\"schema\": 1, \"guidance_checked\": 2019,");
    dated.replace(dated.find("\"id\": \"good-case\""), 17, "\"id\": \"checked-case\"");
    test::TempDir dir;
    std::ofstream(dir / "good-case.json") << undated;
    std::ofstream(dir / "checked-case.json") << dated;
    const Library library =
        Library::load_files({dir.path()}, Library::load(test::assets_dir).guidance());
    REQUIRE(library.problems().empty());
    REQUIRE(library.cases().size() == 2);
    CHECK(gui::guidance_checked_line(*library.find("checked-case")) == "Guidance checked: 2019");
    CHECK(gui::guidance_checked_line(*library.find("good-case")).empty());
    // The bundled cases carry their year, so the player shows it for each of them.
    const Library bundled = Library::load(test::assets_dir);
    REQUIRE(bundled.cases().size() >= 35);
    for (const Case& c : bundled.cases()) {
        INFO(c.id);
        CHECK(gui::guidance_checked_line(c) == "Guidance checked: 2026");
    }
}
