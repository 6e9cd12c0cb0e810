// Property tests of the revision scheduler (rapidcheck): growth with Good, shrinking after Again,
// and a schedule that depends only on the set of events, not on their order or repetition.
#include "casebook/revision.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <rapidcheck.h>

using namespace casebook;

namespace {

constexpr std::int64_t day_ms = 86'400'000;
constexpr std::int64_t t0 = 1'767'603'600'000;

const std::vector<std::string> items{"a", "b", "c"};

// A random log over a few items: reviews and actions at random times within a year.
rc::Gen<std::vector<ReviewEvent>> logs() {
    return rc::gen::exec([] {
        const auto n = *rc::gen::inRange(0, 40);
        std::vector<ReviewEvent> out;
        for (int i = 0; i < n; ++i) {
            ReviewEvent e;
            e.id = "e" + std::to_string(i);
            e.item = *rc::gen::elementOf(items);
            e.at_ms = t0 + *rc::gen::inRange<std::int64_t>(0, 365 * day_ms);
            const auto kind = *rc::gen::inRange(0, 10);
            e.action = kind < 7   ? ReviewAction::review
                       : kind < 8 ? ReviewAction::suspend
                       : kind < 9 ? ReviewAction::resume
                                  : ReviewAction::reset;
            if (kind == 9 && *rc::gen::arbitrary<bool>()) e.action = ReviewAction::add;
            e.rating = e.action == ReviewAction::review ? *rc::gen::inRange(1, 5) : 0;
            out.push_back(e);
        }
        return out;
    });
}

} // namespace

TEST_CASE("Revision properties", "[revision][property]") {
    const fsrs::Parameters p;

    REQUIRE(rc::check("Good when due never shortens the interval and always adds stability", [&] {
        const auto before = *rc::gen::inRange(1, 12);
        std::vector<ReviewEvent> log;
        std::int64_t when = t0;
        for (int i = 0; i < before; ++i) {
            const auto r = static_cast<Rating>(*rc::gen::inRange(1, 5));
            log.push_back({"e" + std::to_string(i), "", "x", when, ReviewAction::review,
                           static_cast<int>(r), "", false, ""});
            when = derive_schedules(log, {}, p).at("x").due_ms;
        }
        const auto prior = derive_schedules(log, {}, p).at("x");
        log.push_back({"good", "", "x", prior.due_ms, ReviewAction::review,
                       static_cast<int>(Rating::good), "", false, ""});
        const auto after = derive_schedules(log, {}, p).at("x");
        RC_ASSERT(after.memory->stability > prior.memory->stability);
        RC_ASSERT(after.interval_days >= prior.interval_days);
    }));

    REQUIRE(rc::check("Again after a day or more shrinks stability and the interval", [&] {
        const auto d = *rc::gen::inRange(10, 100) / 10.0;
        // Above the floor of 0.01 days that stability never goes below.
        const auto s = *rc::gen::inRange(2, 20000) / 100.0;
        const auto elapsed = static_cast<double>(*rc::gen::inRange(1, 400));
        const auto m = fsrs::review(fsrs::Memory{s, d}, elapsed, Rating::again, p);
        RC_ASSERT(m.stability < s);
        RC_ASSERT(fsrs::interval_days(m.stability, p) <= fsrs::interval_days(s, p));
    }));

    REQUIRE(rc::check("Good grows stability at any elapsed time of a day or more", [&] {
        const auto d = *rc::gen::inRange(10, 100) / 10.0;
        const auto s = *rc::gen::inRange(1, 20000) / 100.0;
        const auto elapsed = static_cast<double>(*rc::gen::inRange(1, 4000));
        RC_ASSERT(fsrs::review(fsrs::Memory{s, d}, elapsed, Rating::good, p).stability > s);
    }));

    REQUIRE(rc::check("the schedule does not depend on the order events arrive in", [&] {
        const auto log = *logs();
        auto shuffled = log;
        const auto seed = *rc::gen::arbitrary<unsigned>();
        std::mt19937 rng(seed);
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        RC_ASSERT(derive_schedules(shuffled, {}, p) == derive_schedules(log, {}, p));
    }));

    REQUIRE(rc::check("a duplicated event changes nothing", [&] {
        const auto log = *logs();
        RC_PRE(!log.empty());
        auto doubled = log;
        const auto i = *rc::gen::inRange<std::size_t>(0, log.size());
        const auto where = *rc::gen::inRange<std::size_t>(0, doubled.size() + 1);
        doubled.insert(doubled.begin() + static_cast<std::ptrdiff_t>(where), log[i]);
        RC_ASSERT(derive_schedules(doubled, {}, p) == derive_schedules(log, {}, p));
    }));

    REQUIRE(rc::check("two devices' logs merged either way give one schedule", [&] {
        const auto mine = *logs();
        auto theirs = *logs();
        for (auto& e : theirs)
            e.id = "t" + e.id;
        auto ab = mine;
        ab.insert(ab.end(), theirs.begin(), theirs.end());
        auto ba = theirs;
        ba.insert(ba.end(), mine.begin(), mine.end());
        ba.insert(ba.end(), mine.begin(), mine.end()); // and a sync that delivered twice
        RC_ASSERT(derive_schedules(ab, {}, p) == derive_schedules(ba, {}, p));
    }));
}
