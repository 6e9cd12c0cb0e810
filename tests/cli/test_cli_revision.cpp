// casebook revise end to end: the real executable on temporary data folders.
#include "casebook/cases.hpp"
#include "casebook/store.hpp"
#include "support/json.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

namespace {

using test::contains;
using test::json;

test::ProcessResult revise(const test::TempDir& data, const std::string& args) {
    return test::run_casebook(data, "revise " + args);
}

// Completes a case for a profile as the case player would.
void complete_case(const test::TempDir& data, const std::string& profile,
                   const std::string& case_id) {
    casebook::Store store(data / casebook::Store::file_name);
    const auto a = casebook::Progress(store).start_attempt(profile, case_id);
    casebook::Progress(store).finish_attempt(profile, a.id);
}

const std::string bruising = "infant-unexplained-bruising";
const std::string first = "decision:infant-unexplained-bruising/first";
const std::string point1 = "point:infant-unexplained-bruising/1";
const std::string later = "--now 2099-01-01T09:00:00Z";

} // namespace

TEST_CASE("revise is listed and has --help; bad usage exits 2", "[cli][revision]") {
    test::TempDir data;
    auto help = test::run(test::quote(test::casebook_exe) + " --help");
    CHECK(contains(help.out, "  revise "));
    for (const char* args : {"--help", "due --help", "answer --help", "stats --help"}) {
        auto h = revise(data, args);
        INFO(args);
        CHECK(h.exit_code == 0);
        CHECK(contains(h.out, "casebook revise answer ITEM GRADE"));
    }
    CHECK(revise(data, "").exit_code == 2);
    auto unknown = revise(data, "later");
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "unknown revise command 'later'"));
    auto bad_time = revise(data, "due --now tomorrow");
    CHECK(bad_time.exit_code == 2);
    CHECK(contains(bad_time.err, "--now is a UTC time"));
    CHECK(revise(data, "due --frobnicate").exit_code == 2);
}

TEST_CASE("revise: a completed case comes due, answers are graded from the case",
          "[cli][revision]") {
    test::TempDir data;
    auto none = revise(data, "due");
    REQUIRE(none.exit_code == 0);
    CHECK(contains(none.out, "nothing to revise now"));

    complete_case(data, "", bruising);
    auto due = revise(data, "due --json");
    INFO(due.err);
    REQUIRE(due.exit_code == 0);
    auto d = json(due.out);
    const int total = d["due"].GetInt();
    CHECK(total == 7); // two decisions and five learning points
    CHECK(d["items"][0]["options"].Size() == 4);
    CHECK(contains(revise(data, "due").out, "7 to revise, about 5 minute(s)"));

    auto best = revise(data, "answer " + first + " B --json");
    INFO(best.err);
    REQUIRE(best.exit_code == 0);
    auto b = json(best.out);
    CHECK(std::string(b["outcome"].GetString()) == "best answer, graded good");
    CHECK(b["interval_days"].GetInt() == 3);
    CHECK(json(revise(data, "due --json").out)["due"].GetInt() == total - 1);

    auto point = revise(data, "answer " + point1 + " hard");
    REQUIRE(point.exit_code == 0);
    CHECK(contains(point.out, "graded hard; next in 1 day(s)"));

    SECTION("a guess counts as a lapse") {
        auto guess = revise(data, "answer decision:infant-unexplained-bruising/second C --guess");
        REQUIRE(guess.exit_code == 0);
        CHECK(contains(guess.out, "graded again (a guess counts as a lapse)"));
    }
    SECTION("bad answers are refused, with the reason, and nothing is written") {
        auto wrong_key = revise(data, "answer " + first + " Z");
        CHECK(wrong_key.exit_code == 2);
        CHECK(contains(wrong_key.err, "'Z' is not an option of " + first));
        CHECK(contains(wrong_key.err, "A, B, C, D"));
        auto wrong_grade = revise(data, "answer " + point1 + " B");
        CHECK(wrong_grade.exit_code == 2);
        CHECK(contains(wrong_grade.err, "is not a grade"));
        auto no_item = revise(data, "answer decision:nope/first A");
        CHECK(no_item.exit_code == 2);
        CHECK(contains(no_item.err, "no revision item 'decision:nope/first'"));
        CHECK(revise(data, "answer " + first).exit_code == 2);
        CHECK(json(revise(data, "stats --json").out)["reviews_total"].GetInt() == 2);
    }
    SECTION("stats") {
        auto st = revise(data, "stats --json");
        REQUIRE(st.exit_code == 0);
        auto s = json(st.out);
        CHECK(s["enrolled"].GetInt() == total);
        CHECK(s["reviews_total"].GetInt() == 2);
        CHECK(s["reviews_per_day"].Size() == 30);
        CHECK(s["reviews_per_day"][29].GetInt() == 2);
        CHECK(s["right_share"].GetDouble() == Approx(0.5));
        CHECK(s["due_per_day"].Size() == 14);
        CHECK(s["by_nation"].Size() >= 1);
        auto text = revise(data, "stats");
        CHECK(contains(text.out, "reviews in the last 30 days: 2, right 50%"));
        CHECK(contains(text.out, "mastery by nation:"));
    }
    SECTION("target retention and maximum interval") {
        auto shown = json(revise(data, "settings --json").out);
        CHECK(shown["retention"].GetDouble() == Approx(0.9));
        CHECK(shown["maximum_interval_days"].GetInt() == 36500);
        auto bad = revise(data, "settings --retention 1.5");
        CHECK(bad.exit_code == 2);
        CHECK(contains(bad.err, "--retention is a number from 0.70 to 0.99"));
        CHECK(revise(data, "settings --maximum-interval 0").exit_code == 2);
        REQUIRE(revise(data, "settings --retention 0.8 --maximum-interval 30").exit_code == 0);
        // At 0.8 a first Good comes back after 8 days, not 3.
        auto later_answer =
            json(revise(data, "answer decision:infant-unexplained-bruising/second C --json").out);
        CHECK(later_answer["interval_days"].GetInt() == 8);
    }
    SECTION("everything answered comes back later") {
        auto far = json(revise(data, "due --json " + later).out);
        CHECK(far["due"].GetInt() == total);
    }
    SECTION("suspend, resume, reset and add by hand") {
        REQUIRE(revise(data, "suspend " + first).exit_code == 0);
        CHECK(json(revise(data, "due --json " + later).out)["due"].GetInt() == total - 1);
        REQUIRE(revise(data, "resume " + first).exit_code == 0);
        REQUIRE(revise(data, "reset " + first + " --json").exit_code == 0);
        CHECK(json(revise(data, "due --json").out)["due"].GetInt() == total - 1);
        const std::string other = "point:hiv-partner-not-told/1";
        auto add = revise(data, "add " + other);
        REQUIRE(add.exit_code == 0);
        CHECK(contains(add.out, "added to revision"));
        CHECK(json(revise(data, "due --json").out)["due"].GetInt() == total);
        CHECK(revise(data, "add point:hiv-partner-not-told/99").exit_code == 2);
        auto items = revise(data, "items --case hiv-partner-not-told");
        CHECK(contains(items.out, other + "  (in revision)"));
        CHECK(revise(data, "items --case nope").exit_code == 2);
    }
}

TEST_CASE("revise: each profile's revision is its own and follows its lock", "[cli][revision]") {
    test::TempDir data;
    auto add = [&](const std::string& args) {
        auto r =
            test::run(test::quote(test::casebook_exe) + " --data-dir " + test::quote(data.path()) +
                      " profiles add --json " + args + " </dev/null");
        REQUIRE(r.exit_code == 0);
        return std::string(json(r.out)["id"].GetString());
    };
    const auto sam = add("--name Sam");
    add("--name Ali");
    complete_case(data, sam, bruising);

    auto needs = revise(data, "due");
    CHECK(needs.exit_code == 2);
    CHECK(contains(needs.err, "--profile is needed"));
    CHECK(json(revise(data, "due --json --profile Sam").out)["due"].GetInt() == 7);
    CHECK(json(revise(data, "due --json --profile Ali").out)["due"].GetInt() == 0);
    REQUIRE(revise(data, "answer " + first + " B --profile Sam").exit_code == 0);
    CHECK(json(revise(data, "stats --json --profile Ali").out)["reviews_total"].GetInt() == 0);

    test::spit(data / "pin", "4821\n");
    add("--name Kit --pin-file " + test::quote(data / "pin"));
    auto locked = revise(data, "due --profile Kit");
    CHECK(locked.exit_code == 2);
    CHECK(contains(locked.err, "is locked with a PIN"));
    CHECK(revise(data, "due --profile Kit --pin-file " + test::quote(data / "pin")).exit_code == 0);
}
