#pragma once
// Times, one way everywhere: stored as ISO 8601 UTC, shown in one of three readable forms. The
// GUI and the CLI both print through these, so a record reads the same from either.
#include <chrono>
#include <string>

namespace casebook {

// "2026-11-22T08:51:58.123Z": ISO 8601 UTC with milliseconds, the form every stored time takes.
std::string iso8601(std::chrono::system_clock::time_point time);
// Now, in that form.
std::string now_iso8601();

// A stored time -> "2026-11-22 08:51 UTC": exports and the CLI's listings, the same on every
// device. Anything that is not a stored time comes back as it is.
std::string utc_time(const std::string& iso);
// A stored time -> "22 Nov 2026, 08:51" in the device's local time; anything else as it is.
std::string readable_time(const std::string& iso);
// The same with the zone's name ("22 Nov 2026, 08:51 GMT"), for what leaves the device.
std::string zoned_time(const std::string& iso);

// The time a decision record carries, from whichever front end prints it: local, with the
// zone's name, because it is pasted into a person's notes where it must be unambiguous.
std::string record_time(const std::string& iso);

} // namespace casebook
