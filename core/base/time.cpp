#include "casebook/base.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <optional>

namespace casebook {

namespace {

// The number in iso[at, at + width), all digits; -1 if it is not one.
int field(const std::string& iso, std::size_t at, std::size_t width) {
    int value = 0;
    const char* begin = iso.data() + at;
    const auto [end, error] = std::from_chars(begin, begin + width, value);
    return error == std::errc() && end == begin + width ? value : -1;
}

// The local time of a stored UTC "YYYY-MM-DDTHH:MM:SS..." stamp, if it reads as one. (Lists
// show a time on every card, so this is read field by field, without exceptions.)
std::optional<std::tm> local_tm(const std::string& iso) {
    if (iso.size() < 19) return std::nullopt;
    using namespace std::chrono;
    const int y = field(iso, 0, 4), mo = field(iso, 5, 2), d = field(iso, 8, 2);
    const int h = field(iso, 11, 2), mi = field(iso, 14, 2), sec = field(iso, 17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                              day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    const auto when = sys_days{date} + hours{h} + minutes{mi} + seconds{sec};
    const std::time_t t = system_clock::to_time_t(when);
    std::tm local{};
    if (!localtime_r(&t, &local)) return std::nullopt;
    return local;
}

} // namespace

std::string iso8601(std::chrono::system_clock::time_point time) {
    using namespace std::chrono;
    const auto secs = time_point_cast<seconds>(time);
    const auto ms = duration_cast<milliseconds>(time - secs).count();
    const std::time_t t = system_clock::to_time_t(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms));
    return buf;
}

std::string now_iso8601() {
    return iso8601(std::chrono::system_clock::now());
}

std::string utc_time(const std::string& iso) {
    if (iso.size() < 16 || iso[10] != 'T') return iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

std::string readable_time(const std::string& iso) {
    const auto tm = local_tm(iso);
    if (!tm) return iso;
    char out[64];
    std::strftime(out, sizeof out, "%d %b %Y, %H:%M", &*tm);
    std::string s = out;
    if (s[0] == '0') s.erase(0, 1); // "2 Dec", not "02 Dec"
    return s;
}

std::string zoned_time(const std::string& iso) {
    const auto tm = local_tm(iso);
    if (!tm) return iso;
    char zone[32];
    std::strftime(zone, sizeof zone, "%Z", &*tm);
    return readable_time(iso) + (zone[0] ? std::string(" ") + zone : std::string());
}

std::string record_time(const std::string& iso) {
    return zoned_time(iso);
}

} // namespace casebook
