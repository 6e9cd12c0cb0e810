// Revision: the FSRS-5 formulas against values worked by hand, schedules derived from the review
// log, and the façade over the real SQLite file.
#include "casebook/cases.hpp"
#include "casebook/journal.hpp"
#include "casebook/revision.hpp"
#include "support/sqlite_probe.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace casebook;
using Approx = Catch::Detail::Approx;

namespace {

constexpr std::int64_t day_ms = 86'400'000;
// 2026-01-05T09:00:00Z, a fixed "now" for the tests.
constexpr std::int64_t t0 = 1'767'603'600'000;

Revision::Clock::time_point at(std::int64_t ms) {
    return Revision::Clock::time_point(std::chrono::milliseconds(ms));
}

ReviewEvent review(const std::string& item, std::int64_t at_ms, Rating r, const std::string& id) {
    ReviewEvent e;
    e.id = id;
    e.item = item;
    e.at_ms = at_ms;
    e.action = ReviewAction::review;
    e.rating = static_cast<int>(r);
    return e;
}

// Reviews with the given ratings, each on the day the previous one fell due; returns the
// interval after each.
std::vector<int> intervals_when_due(const std::vector<Rating>& ratings,
                                    const fsrs::Parameters& p = {}) {
    std::vector<ReviewEvent> events;
    std::vector<int> out;
    std::int64_t when = t0;
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        events.push_back(review("x", when, ratings[i], "e" + std::to_string(i)));
        const auto s = derive_schedules(events, {}, p).at("x");
        out.push_back(s.interval_days);
        when = s.due_ms;
    }
    return out;
}

struct Fixture {
    test::TempDir dir;
    Library library = Library::load(test::assets_dir);
    Store store{dir / "casebook.sqlite3"};
    Revision revision{store, library};
};

const std::string first = "decision:infant-unexplained-bruising/first";
const std::string point2 = "point:infant-unexplained-bruising/2";
// The learning points of tests/fixtures/good-case.json, as written there.
const std::string good_case_points = "\"learning_points\": [\n"
                                     "    {\"point\": \"One.\", \"prompt\": \"What is one?\"},\n"
                                     "    {\"point\": \"Two.\", \"prompt\": \"What is two?\"},\n"
                                     "    {\"point\": \"Three.\", \"prompt\": \"What is three?\"}\n"
                                     "  ]";

} // namespace

TEST_CASE("FSRS-5 formulas match values worked by hand", "[revision]") {
    const fsrs::Parameters p;
    // R(S, S) = 0.9 by the choice of FACTOR; I(0.9, S) = S.
    CHECK(fsrs::retrievability(10, 10) == Approx(0.9));
    CHECK(fsrs::raw_interval(7.5, 0.9) == Approx(7.5));
    // I(0.8, 10) = 10 * 81/19 * (0.8^-2 - 1) = 10 * 81/19 * 0.5625 = 23.98.
    CHECK(fsrs::raw_interval(10, 0.8) == Approx(23.980263).epsilon(1e-6));
    // S0 = w[G-1].
    CHECK(fsrs::initial_stability(Rating::again, p) == Approx(0.40255));
    CHECK(fsrs::initial_stability(Rating::good, p) == Approx(3.173));
    CHECK(fsrs::initial_stability(Rating::easy, p) == Approx(15.69105));
    // D0(3) = 7.1949 - e^(0.5345 * 2) + 1 = 8.1949 - 2.912466 = 5.282434.
    CHECK(fsrs::initial_difficulty(Rating::good, p) == Approx(5.282434).epsilon(1e-6));
    // D0(1) = w4 = 7.1949; D0(4) = 8.1949 - e^1.6035 = 3.224502.
    CHECK(fsrs::initial_difficulty(Rating::again, p) == Approx(7.1949));
    CHECK(fsrs::initial_difficulty(Rating::easy, p) == Approx(3.224502).epsilon(1e-6));
    // Good after 3 days on S = 3.173, D = 5.282434:
    //   R = (1 + 19/81 * 3/3.173)^-0.5 = 0.904698
    //   S' = 3.173 (e^1.54575 * (11 - 5.282434) * 3.173^-0.1192 * (e^(1.01925 * 0.0953) - 1) + 1)
    //      = 3.173 * (4.69152 * 5.717566 * 0.871414 * 0.102013 + 1) = 10.738926
    //   D' = 0.0046 * 3.224502 + 0.9954 * 5.282434 = 5.272968 (dD = 0 for Good)
    const double r = fsrs::retrievability(3, 3.173);
    CHECK(r == Approx(0.904698).epsilon(1e-6));
    CHECK(fsrs::recall_stability(5.282434, 3.173, r, Rating::good, p) ==
          Approx(10.738926).epsilon(1e-6));
    CHECK(fsrs::next_difficulty(5.282434, Rating::good, p) == Approx(5.272968).epsilon(1e-6));
    // Again after 11 days on S = 10.738926, D = 5.272968: R = 0.899383,
    //   long term = 1.9395 * D^-0.11 * (11.738926^0.29605 - 1) * e^(2.2698 * 0.100617) = 2.185775,
    //   under the cap S / e^(0.51655 * 0.6621) = 7.625; D' = 6.790568 (dD = +2 * 1.4604, damped).
    const double r2 = fsrs::retrievability(11, 10.738926);
    CHECK(fsrs::forget_stability(5.272968, 10.738926, r2, p) == Approx(2.185775).epsilon(1e-5));
    CHECK(fsrs::next_difficulty(5.272968, Rating::again, p) == Approx(6.790568).epsilon(1e-5));
    // Same day: S e^(0.51655 (G - 3 + 0.6621)); Good on 3.173 gives 3.173 * 1.407771 = 4.466858.
    CHECK(fsrs::short_term_stability(3.173, Rating::good, p) == Approx(4.466858).epsilon(1e-5));
}

TEST_CASE("Whole schedules match sequences worked by hand", "[revision]") {
    using R = Rating;
    // Good every time it is due: 3, 11, 35 and 101 days.
    CHECK(intervals_when_due({R::good, R::good, R::good, R::good}) == std::vector{3, 11, 35, 101});
    // A lapse on the third review: 3, 11, then 2 days, then 6.
    CHECK(intervals_when_due({R::good, R::good, R::again, R::good}) == std::vector{3, 11, 2, 6});
    // Hard, Good, Easy: 1, 3, 21.
    CHECK(intervals_when_due({R::hard, R::good, R::easy}) == std::vector{1, 3, 21});
    // Easy twice: 16, 150.
    CHECK(intervals_when_due({R::easy, R::easy}) == std::vector{16, 150});
    // A lower target retention spaces reviews out: at 0.8, Good each time gives 8, 49, 257, 1153.
    fsrs::Parameters lower;
    lower.target_retention = 0.8;
    CHECK(intervals_when_due({R::good, R::good, R::good, R::good}, lower) ==
          std::vector{8, 49, 257, 1153});
    // The maximum interval caps it.
    fsrs::Parameters capped;
    capped.maximum_interval_days = 30;
    CHECK(intervals_when_due({R::good, R::good, R::good, R::good}, capped) ==
          std::vector{3, 11, 30, 30});
}

TEST_CASE("Schedules are derived from the log: actions, ties, duplicates", "[revision]") {
    const fsrs::Parameters p;
    std::vector<ReviewEvent> log{review("x", t0, Rating::good, "a")};
    auto s = derive_schedules(log, {}, p).at("x");
    CHECK(s.enrolled);
    CHECK(s.reviews == 1);
    CHECK(s.due_ms == t0 + 3 * day_ms);

    SECTION("a duplicate changes nothing") {
        auto twice = log;
        twice.push_back(log[0]);
        CHECK(derive_schedules(twice, {}, p) == derive_schedules(log, {}, p));
    }
    SECTION("suspend and resume by time, whatever the arrival order") {
        ReviewEvent suspend{"b", "", "x", t0 + 1, ReviewAction::suspend, 0, "", false, ""};
        ReviewEvent resume{"c", "", "x", t0 + 2, ReviewAction::resume, 0, "", false, ""};
        CHECK(derive_schedules({log[0], suspend}, {}, p).at("x").suspended);
        CHECK_FALSE(derive_schedules({resume, log[0], suspend}, {}, p).at("x").suspended);
    }
    SECTION("reset makes the item new again, due from the reset") {
        ReviewEvent reset{"b", "", "x", t0 + day_ms, ReviewAction::reset, 0, "", false, ""};
        auto r = derive_schedules({log[0], reset}, {}, p).at("x");
        CHECK(r.is_new());
        CHECK(r.reviews == 0);
        CHECK(r.due_ms == t0 + day_ms);
    }
    SECTION("an item enrolled by completing its case is new and due from then") {
        auto e = derive_schedules({}, {{"y", t0}}, p).at("y");
        CHECK(e.enrolled);
        CHECK(e.is_new());
        CHECK(e.due_ms == t0);
    }
    SECTION("a guess is a lapse") {
        CHECK(rating_for(Grade::best, true) == Rating::again);
        CHECK(rating_for(Grade::best, false) == Rating::good);
        CHECK(rating_for(Grade::acceptable, false) == Rating::hard);
        CHECK(rating_for(Grade::unsafe, false) == Rating::again);
    }
}

TEST_CASE("Revision items come from every decision and learning point", "[revision]") {
    const auto library = Library::load(test::assets_dir);
    const auto items = revision_items(library);
    std::size_t expected = 0;
    for (const auto& c : library.cases())
        expected += c.decisions.size() + c.learning_points.size();
    CHECK(items.size() == expected);
    const auto p = revision_item(library, point2);
    REQUIRE(p);
    CHECK(p->kind == ItemKind::learning_point);
    CHECK(p->answer == library.find("infant-unexplained-bruising")->learning_points[1]);
    // The prompt is the one the case file wrote, and every bundled case writes all of its own.
    CHECK(p->written_prompt);
    CHECK(p->prompt == "Must you work out how a baby's bruise happened before you act? Whose job "
                       "is it?");
    for (const auto& item : items)
        if (item.kind == ItemKind::learning_point) {
            INFO(item.id);
            CHECK(item.written_prompt);
        }
    CHECK_FALSE(revision_item(library, "point:infant-unexplained-bruising/9"));

    SECTION("a prompt written in the case file is used") {
        auto text = test::slurp(test::fixtures_dir / "good-case.json");
        const std::string from = good_case_points;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(
            at, from.size(),
            R"("learning_points": [{"point": "One.", "prompt": "What is one?"}, "Two.", "Three."])");
        Problems problems;
        const Case c = parse_case(text, "good-case.json", problems);
        CHECK(problems.empty());
        REQUIRE(c.learning_prompts.size() == 3);
        CHECK(c.learning_prompts[0] == "What is one?");
        CHECK(c.learning_points[0] == "One.");
        CHECK(c.learning_prompts[1].empty());
    }
    SECTION("a learning point that is neither text nor a point with a prompt is refused") {
        auto text = test::slurp(test::fixtures_dir / "good-case.json");
        const std::string from = good_case_points;
        text.replace(text.find(from), from.size(),
                     R"("learning_points": [{"prompt": "What?"}, 3, "Three."])");
        Problems problems;
        parse_case(text, "bad.json", problems);
        REQUIRE(problems.size() == 2);
        CHECK(problems[0].field == "learning_points[0].point");
        CHECK(problems[1].field == "learning_points[1]");
    }
}

TEST_CASE("Revision over the real database, per profile", "[revision]") {
    Fixture f;
    const auto now = at(t0);

    SECTION("an item enters revision when its case is first completed") {
        CHECK(f.revision.due("p1", now).empty());
        auto a = Progress(f.store).start_attempt("p1", "infant-unexplained-bruising");
        Progress(f.store).finish_attempt("p1", a.id);
        const auto due = f.revision.due("p1", Revision::Clock::now());
        const auto* c = f.library.find("infant-unexplained-bruising");
        CHECK(due.size() == c->decisions.size() + c->learning_points.size());
        // Another profile sees none of it.
        CHECK(f.revision.due("p2", Revision::Clock::now()).empty());
    }
    SECTION("answering a decision grades it from the case") {
        f.revision.add("p1", first, now);
        REQUIRE(f.revision.due("p1", now).size() == 1);
        auto best = f.revision.answer("p1", first, "B", false, now);
        CHECK(best.grade == Grade::best);
        CHECK(best.event.rating == static_cast<int>(Rating::good));
        CHECK(best.schedule.interval_days == 3);
        CHECK(f.revision.due("p1", now).empty());
        CHECK(f.revision.due("p1", at(t0 + 3 * day_ms)).size() == 1);
        // A guess is a lapse even when right.
        auto guess = f.revision.answer("p1", first, "B", true, at(t0 + 3 * day_ms));
        CHECK(guess.event.rating == static_cast<int>(Rating::again));
        CHECK(guess.schedule.lapses == 1);
        CHECK(f.revision.events("p2").empty());
    }
    SECTION("bad input is refused and nothing is written") {
        CHECK_THROWS_WITH(f.revision.answer("p1", first, "Z", false, now),
                          Catch::Contains("'Z' is not an option"));
        CHECK_THROWS_WITH(f.revision.answer("p1", point2, "A", false, now),
                          Catch::Contains("is a learning point"));
        CHECK_THROWS_WITH(f.revision.grade("p1", "decision:nope/first", Rating::good, now),
                          Catch::Contains("no revision item"));
        CHECK_THROWS_AS(f.revision.set_target_retention("p1", 1.5), RevisionError);
        CHECK(f.revision.events("p1").empty());
    }
    SECTION("suspend, resume and reset") {
        f.revision.grade("p1", point2, Rating::good, now);
        f.revision.suspend("p1", point2, at(t0 + 1));
        CHECK(f.revision.due("p1", at(t0 + 10 * day_ms)).empty());
        f.revision.resume("p1", point2, at(t0 + 2));
        CHECK(f.revision.due("p1", at(t0 + 10 * day_ms)).size() == 1);
        f.revision.reset("p1", point2, at(t0 + 3));
        auto s = f.revision.schedule("p1", point2);
        REQUIRE(s);
        CHECK(s->is_new());
        CHECK(f.revision.due("p1", at(t0 + 4)).size() == 1);
    }
    SECTION("the log is immutable in the database") {
        f.revision.grade("p1", point2, Rating::good, now);
        const auto db = f.dir / "casebook.sqlite3";
        CHECK_THAT(test::raw_sql(db, "UPDATE review_event SET rating = 4"),
                   Catch::Contains("cannot be changed"));
        CHECK_THAT(test::raw_sql(db, "DELETE FROM review_event"),
                   Catch::Contains("cannot be deleted"));
        CHECK(f.revision.events("p1").size() == 1);
    }
    SECTION("importing an event twice keeps one") {
        auto e = review(point2, t0, Rating::good, "fixed-id");
        e.profile_id = "p1";
        CHECK(f.revision.import({e}) == 1);
        CHECK(f.revision.import({e, e}) == 0);
        CHECK(f.revision.events("p1").size() == 1);
    }
    SECTION("target retention and maximum interval are the profile's") {
        f.revision.set_target_retention("p1", 0.8);
        f.revision.set_maximum_interval("p1", 5);
        CHECK(f.revision.parameters("p1").target_retention == Approx(0.8));
        CHECK(f.revision.parameters("p2").target_retention == Approx(0.9));
        CHECK(f.revision.grade("p1", point2, Rating::good, now).interval_days == 5);
    }
    SECTION("stats: reviews per day, share right, retention, due ahead, mastery") {
        f.revision.answer("p1", first, "B", false, at(t0 - 2 * day_ms)); // right
        f.revision.grade("p1", point2, Rating::again, at(t0 - day_ms));  // wrong
        f.revision.add("p1", "point:infant-unexplained-bruising/3", at(t0 - day_ms));
        const auto st = f.revision.stats("p1", now);
        CHECK(st.enrolled == 3);
        CHECK(st.new_items == 1);
        CHECK(st.reviews_total == 2);
        CHECK(st.reviews_per_day[27] == 1);
        CHECK(st.reviews_per_day[28] == 1);
        CHECK(st.right_per_day[27] == 1);
        CHECK(st.right_share == Approx(0.5));
        CHECK(st.predicted_retention > 0.5);
        CHECK(st.predicted_retention < 1.0);
        // The new item and the lapsed point are due now (the lapse's 1 day has passed).
        CHECK(st.due_now == 2);
        CHECK(st.due_per_day[0] == 2);
        CHECK(st.due_per_day[1] == 1); // the decision, 3 days after two days ago
        const auto england = std::find_if(st.by_jurisdiction.begin(), st.by_jurisdiction.end(),
                                          [](auto& m) { return m.key == "england"; });
        REQUIRE(england != st.by_jurisdiction.end());
        CHECK(england->reviewed == 2);
        CHECK(england->mastery > 0);
        CHECK(england->mastery < 0.2);
    }
}
