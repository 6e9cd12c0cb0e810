#pragma once
// A hybrid logical clock: the stamps sync orders writes by.
//
// A stamp is wall-clock milliseconds, a counter for events within (or ahead of) one millisecond,
// and the id of the device that made it as the final tie-break. A device's clock never goes
// backwards and, once it has seen a stamp from another device, only makes later ones: an edit made
// after a sync always orders after everything that sync brought, however far apart the two
// devices' clocks are.
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace casebook {

struct Hlc {
    static constexpr std::int64_t max_ms = 999'999'999'999'999; // 15 decimal digits
    static constexpr std::uint32_t max_counter = 0xffff;        // 4 hex digits

    std::int64_t ms = 0;
    std::uint32_t counter = 0;
    std::string device; // 32 lower-case hex digits; empty only in the zero stamp

    bool zero() const { return ms == 0 && counter == 0 && device.empty(); }

    // "001712345678901-002a-<device>": fixed widths, so text order is stamp order. The first 20
    // characters have the form of the Journal's own hlc column.
    std::string str() const;
    // Accepts str()'s form, and the Journal's "<ms>-<counter>" without a device.
    static std::optional<Hlc> parse(std::string_view text);

    // Ordered by time, then counter, then device id.
    auto operator<=>(const Hlc&) const = default;
    bool operator==(const Hlc&) const = default;
};

// True for 32 lower-case hex digits (device and group ids, random_id()'s form).
bool is_hex_id(std::string_view text);

class HlcClock {
  public:
    using WallClock = std::function<std::int64_t()>; // Unix time in milliseconds

    // `wall` is for tests (clocks hours apart); by default the system clock. `last` is the stamp
    // this device made or saw most recently, kept across runs.
    explicit HlcClock(std::string device, WallClock wall = {}, Hlc last = {});

    // A stamp for an event now: later than every stamp made or seen before.
    Hlc now();
    // A stamp for an event that happened at `wall_ms` (an edit found at sync time), still later
    // than every stamp made or seen before. Throws std::overflow_error if there is none (the
    // clock took in the largest stamp there is): it never wraps to an earlier one.
    Hlc at(std::int64_t wall_ms);
    // Advances past a stamp seen in another device's file.
    void receive(const Hlc& seen);

    const Hlc& last() const { return last_; }
    const std::string& device() const { return device_; }
    void set_device(std::string device) { device_ = std::move(device); }
    std::int64_t wall_ms() const { return wall_(); }

  private:
    std::string device_;
    WallClock wall_;
    Hlc last_;
};

} // namespace casebook
