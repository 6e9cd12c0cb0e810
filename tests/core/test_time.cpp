// Times as people read them: a stored UTC stamp shown in local time, and anything that does not
// read as a stamp shown as it is (never a wrong date).
#include "casebook/base.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

using namespace casebook;

TEST_CASE("a stored time is shown in local time, and anything else as it is", "[time]") {
    setenv("TZ", "Europe/London", 1);
    tzset();
    CHECK(readable_time("2026-12-01T09:05:07.123Z") == "1 Dec 2026, 09:05"); // winter: GMT
    CHECK(readable_time("2026-07-01T09:05:07Z") == "1 Jul 2026, 10:05");     // summer: BST
    CHECK(zoned_time("2026-07-01T09:05:07Z") == "1 Jul 2026, 10:05 BST");
    for (const char* odd : {"", "2026-12-01", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z",
                            "20x6-12-01T09:05:07Z", "2026-12-01T 9:05:07Z", "not a time at all"})
        CHECK(readable_time(odd) == odd);
    unsetenv("TZ");
    tzset();
}
