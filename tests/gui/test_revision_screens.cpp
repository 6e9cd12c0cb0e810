// The revision session and progress screens on a null ImGui context: a due decision revised by
// tapping and by keyboard, a learning point revealed and graded, leaving midway, Home's count.
#include "casebook/cases.hpp"
#include "casebook/revision.hpp"
#include "gui_support.hpp"

using namespace gui_test;

namespace {

const std::string first = "decision:good-case/first";
const std::string second = "decision:good-case/second";

// A key on a keyboard: down for one frame, then up.
void press(gui::GuiApp& app, ImGuiKey key, int index) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[key] = index;
    io.KeysDown[index] = true;
    frame(app);
    io.KeysDown[index] = false;
    frame(app);
}

struct RevisionFixture : Fixture {
    using Fixture::Fixture;
    Revision revision{store, library};

    // The case completed: its two decisions and three learning points come due.
    void complete_case() {
        const auto a = casebook::Progress(store).start_attempt("", "good-case");
        casebook::Progress(store).finish_attempt("", a.id);
    }
    std::vector<ReviewEvent> log() {
        auto events = revision.events("");
        std::sort(events.begin(), events.end(), [](auto& a, auto& b) { return a.at_ms < b.at_ms; });
        return events;
    }
};

} // namespace

TEST_CASE("Home shows what is due with one button that starts the session", "[gui][revision]") {
    RevisionFixture f;
    frame(f.app);
    CHECK_FALSE(f.app.target("home-revise"));
    CHECK(f.app.target("home-progress"));
    f.complete_case();
    f.app.open_library();
    frame(f.app);
    f.app.open_home();
    frame(f.app);
    REQUIRE(f.app.target("home-revise"));
    tap(f.app, "home-revise");
    CHECK(f.app.screen() == gui::Screen::revision);
    CHECK(f.app.target("revision-option-A"));
}

TEST_CASE("A due decision revised by tapping", "[gui][revision]") {
    RevisionFixture f;
    f.complete_case();
    f.app.open_revision();
    frame(f.app);
    REQUIRE(f.app.target("revision-option-A"));
    CHECK(f.app.target("revision-option-A")->height() >= 48.0f);
    tap(f.app, "revision-option-A"); // the best answer
    auto log = f.log();
    REQUIRE(log.size() == 1);
    CHECK(log[0].item == first);
    CHECK(log[0].answer == "A");
    CHECK(log[0].rating == static_cast<int>(Rating::good));
    // A second tap on another option changes nothing: the answer is given.
    REQUIRE(f.app.target("revision-option-B"));
    tap(f.app, "revision-option-B");
    CHECK(f.log().size() == 1);
    tap(f.app, "revision-next");
    CHECK(f.app.target("revision-guess"));

    SECTION("a guess is a lapse") {
        tap(f.app, "revision-guess");
        tap(f.app, "revision-option-B"); // the best answer of the second decision, guessed
        log = f.log();
        REQUIRE(log.size() == 2);
        CHECK(log[1].item == second);
        CHECK(log[1].guess);
        CHECK(log[1].rating == static_cast<int>(Rating::again));
    }
    SECTION("leaving midway keeps what was done") {
        tap(f.app, "revision-stop");
        CHECK(f.app.screen() == gui::Screen::home);
        CHECK(f.revision.due("", Revision::Clock::now()).size() == 4);
        f.app.open_revision();
        frame(f.app);
        tap(f.app, "revision-option-B");
        CHECK(f.log().back().item == second);
    }
}

TEST_CASE("A due decision and a learning point revised by keyboard", "[gui][revision]") {
    RevisionFixture f(1440, 900);
    f.complete_case();
    f.app.open_revision();
    frame(f.app);
    type(f.app, "2"); // option B: acceptable, graded Hard
    auto log = f.log();
    REQUIRE(log.size() == 1);
    CHECK(log[0].item == first);
    CHECK(log[0].answer == "B");
    CHECK(log[0].rating == static_cast<int>(Rating::hard));
    press(f.app, ImGuiKey_Enter, 13); // on to the next
    type(f.app, "2");                 // option B of the second: best
    press(f.app, ImGuiKey_Enter, 13);
    REQUIRE(f.log().size() == 2);
    // A learning point: Space shows the answer, 3 grades it Good.
    CHECK(f.app.target("revision-reveal"));
    CHECK_FALSE(f.app.target("revision-grade-good"));
    type(f.app, "3"); // before the answer shows, a grade does nothing
    CHECK(f.log().size() == 2);
    press(f.app, ImGuiKey_Space, 32);
    REQUIRE(f.app.target("revision-grade-good"));
    type(f.app, "3");
    log = f.log();
    REQUIRE(log.size() == 3);
    CHECK(log[2].item == "point:good-case/1");
    CHECK(log[2].rating == static_cast<int>(Rating::good));
    frame(f.app); // the next item is drawn
    // The two learning points left, by tapping, and the end summary.
    for (int i = 0; i < 2; ++i) {
        tap(f.app, "revision-reveal");
        tap(f.app, i == 0 ? "revision-grade-again" : "revision-grade-easy");
    }
    CHECK(f.log().size() == 5);
    CHECK(f.app.target("revision-home"));
    CHECK(f.revision.due("", Revision::Clock::now()).empty());
    tap(f.app, "revision-progress");
    CHECK(f.app.screen() == gui::Screen::progress);
    CHECK(f.app.target("progress-reviews"));
    CHECK(f.app.target("progress-due"));
}

TEST_CASE("The target retention is set from the progress screen, saved on tap, and the due "
          "figures follow at once",
          "[gui][revision]") {
    RevisionFixture f;
    f.complete_case();
    // The learning points reviewed once, so they come back on a day that depends on the target.
    const auto now = Revision::Clock::now();
    for (int i = 1; i <= 3; ++i)
        f.revision.grade("", "point:good-case/" + std::to_string(i), Rating::good, now);
    f.app.open_progress();
    frame(f.app);
    for (const char* c : {"80", "85", "90", "95"})
        CHECK(f.app.target(std::string("progress-retention-") + c));
    const auto& state = *f.app.session()->revision;
    CHECK(state.target_retention == Approx(0.9));
    REQUIRE(state.stats);
    const auto before = state.stats->due_per_day;

    tap(f.app, "progress-retention-95");
    CHECK(f.revision.parameters("").target_retention == Approx(0.95));
    CHECK(state.target_retention == Approx(0.95));
    REQUIRE(state.stats);
    CHECK(state.stats->due_per_day == f.revision.stats("", Revision::Clock::now()).due_per_day);
    CHECK(state.stats->due_per_day != before); // higher: the points come back sooner

    tap(f.app, "progress-retention-80");
    CHECK(f.revision.parameters("").target_retention == Approx(0.80));
    CHECK(state.stats->due_per_day == f.revision.stats("", Revision::Clock::now()).due_per_day);
    // Another profile's target is its own.
    CHECK(f.revision.parameters("someone-else").target_retention == Approx(0.9));
}
