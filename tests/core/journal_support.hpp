#pragma once
// What the journal tests share: a clock moved by hand, a ward of three people on a fresh
// database, and small builders.
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>

namespace journal_test {

using namespace casebook;

// A clock the test moves by hand: PIN back-off and ordering without sleeping.
struct TestClock {
    std::chrono::system_clock::time_point now =
        std::chrono::system_clock::from_time_t(1772355600); // 2026-03-01 09:00 UTC
    Journal::Clock clock() {
        return [this] { return now; };
    }
};

inline NoteDraft draft(const std::string& title, const std::string& body,
                       std::vector<std::string> tags = {}) {
    return {title, body, std::move(tags), "none", ""};
}

inline std::vector<std::string> ids_of(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits)
        out.push_back(h.id);
    return out;
}

// A store and journal on a fresh database, with a supervisor, a trainee and a third person.
struct Ward {
    test::TempDir dir;
    std::filesystem::path path = dir / "casebook.sqlite3";
    TestClock time;
    Store store{path};
    Journal journal{store, time.clock()};
    Profile supervisor =
        journal.add_profile({"Dr Asha Patel", Role::supervisor, "doctor", "england"});
    Profile trainee = journal.add_profile({"Sam Okafor", Role::trainee, "nurse", "england"});
    Profile other = journal.add_profile({"Kit Morgan", Role::trainee, "midwife", "wales"});
};

} // namespace journal_test
