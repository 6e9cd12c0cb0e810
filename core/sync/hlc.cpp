#include "sync/hlc.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace casebook {

bool is_hex_id(std::string_view text) {
    return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string Hlc::str() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%015lld-%04x", static_cast<long long>(ms),
                  static_cast<unsigned>(counter));
    std::string out = buf;
    if (!device.empty()) out += "-" + device;
    return out;
}

std::optional<Hlc> Hlc::parse(std::string_view text) {
    // <15 digits>-<4 hex>[-<device>]
    if (text.size() < 20 || text[15] != '-') return std::nullopt;
    Hlc h;
    for (std::size_t i = 0; i < 15; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        h.ms = h.ms * 10 + (text[i] - '0');
    }
    for (std::size_t i = 16; i < 20; ++i) {
        const char c = text[i];
        int digit = 0;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else
            return std::nullopt;
        h.counter = h.counter * 16 + static_cast<std::uint32_t>(digit);
    }
    if (text.size() == 20) return h;
    if (text[20] != '-' || !is_hex_id(text.substr(21))) return std::nullopt;
    h.device = std::string(text.substr(21));
    return h;
}

HlcClock::HlcClock(std::string device, WallClock wall, Hlc last)
    : device_(std::move(device)), wall_(std::move(wall)), last_(std::move(last)) {
    if (!wall_)
        wall_ = [] {
            using namespace std::chrono;
            return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
        };
}

Hlc HlcClock::now() {
    return at(wall_());
}

Hlc HlcClock::at(std::int64_t wall_ms) {
    wall_ms = std::clamp<std::int64_t>(wall_ms, 0, Hlc::max_ms);
    Hlc next;
    if (wall_ms > last_.ms) {
        next.ms = wall_ms;
    } else if (last_.counter < Hlc::max_counter) {
        next.ms = last_.ms;
        next.counter = last_.counter + 1;
    } else if (last_.ms < Hlc::max_ms) {
        // The counter is full: borrow the next millisecond (the wall clock catches up).
        next.ms = last_.ms + 1;
    } else {
        // No later stamp exists: refuse rather than make one that orders before the last.
        throw std::overflow_error("this device's sync clock has reached its last possible stamp "
                                  "(it took in a stamp from the far future): edits cannot be "
                                  "ordered after it");
    }
    next.device = device_;
    last_ = next;
    return next;
}

void HlcClock::receive(const Hlc& seen) {
    if (seen.ms > last_.ms || (seen.ms == last_.ms && seen.counter > last_.counter)) {
        last_.ms = std::min(seen.ms, Hlc::max_ms);
        last_.counter = std::min(seen.counter, Hlc::max_counter);
    }
}

} // namespace casebook
