// Review events through the real sync: two devices revise the same items while apart and end with
// identical schedules, whatever order the files are read in and however often.
#include "casebook/cases.hpp"
#include "casebook/revision.hpp"
#include "support/devices.hpp"

using namespace casebook;
using synctest::Device;
using synctest::passphrase;

namespace {

constexpr std::int64_t day_ms = 86'400'000;

Revision::Clock::time_point at(std::int64_t ms) {
    return Revision::Clock::time_point(std::chrono::milliseconds(ms));
}

const std::string first = "decision:infant-unexplained-bruising/first";
const std::string second = "decision:infant-unexplained-bruising/second";
const std::string point = "point:infant-unexplained-bruising/3";

} // namespace

TEST_CASE("two devices that revised apart end with identical schedules", "[sync][revision]") {
    const auto library = Library::load(test::assets_dir);
    // The case is completed now; the reviews follow from a second later.
    const std::int64_t t0 = synctest::now_ms() + 1000;
    test::TempDir folder;
    Device a, b;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "nurse", "wales"}).id;
    const auto attempt = Progress(*a.store).start_attempt(sam, "infant-unexplained-bruising");
    Progress(*a.store).finish_attempt(sam, attempt.id);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    b.sync->join(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);
    Revision ra(*a.store, library), rb(*b.store, library);
    // Sam has not agreed to sync yet: nothing of Sam's revision leaves device A (issue 12, H1).
    CHECK(rb.due(sam, at(t0)).empty());

    a.sync->join_profile(sam);
    a.sync->run(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);
    // The completed case came across: the same items are due on both.
    REQUIRE(ra.due(sam, at(t0)).size() == 7);
    REQUIRE(rb.due(sam, at(t0)).size() == 7);

    // Apart: A on the desktop, B on the ward tablet, the same items on different days.
    ra.answer(sam, first, "B", false, at(t0));
    ra.grade(sam, point, Rating::good, at(t0 + day_ms));
    ra.answer(sam, first, "C", false, at(t0 + 4 * day_ms));
    rb.answer(sam, first, "B", false, at(t0 + 2 * day_ms));
    rb.grade(sam, point, Rating::again, at(t0 + 2 * day_ms + 1000));
    rb.answer(sam, second, "C", true, at(t0 + 3 * day_ms));
    rb.suspend(sam, second, at(t0 + 5 * day_ms));
    CHECK(ra.schedules(sam) != rb.schedules(sam));

    // B reads A's files before A reads B's; then again (nothing new must change anything).
    a.sync->run(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    const auto sa = ra.schedules(sam);
    const auto sb = rb.schedules(sam);
    CHECK(sa == sb);
    CHECK(ra.events(sam).size() == 7);
    CHECK(rb.events(sam).size() == 7);
    REQUIRE(sa.count(first));
    CHECK(sa.at(first).reviews == 3); // both devices' answers, in time order
    CHECK(sa.at(second).suspended);
    CHECK(sa.at(point).lapses == 1);
    // What is due and the progress figures agree too.
    const auto later = at(t0 + 30 * day_ms);
    CHECK(ra.due(sam, later).size() == rb.due(sam, later).size());
    CHECK(ra.stats(sam, later).predicted_retention == rb.stats(sam, later).predicted_retention);

    b.sync->run(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    CHECK(ra.schedules(sam) == sa);
    CHECK(rb.schedules(sam) == sb);
}
