#pragma once
// One row of the benchmark table: tests/bench/run collects every line that starts with
// "RESULT|" from the benchmark programs and prints them as one table.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace bench {

inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(at, v.size() - 1)];
}

// name, figure and its baseline in the same unit, and the goal for figure / baseline (a ratio
// the figure must stay at or under), or an absolute limit when baseline is 0.
inline void result(const std::string& name, double figure, double baseline, double goal,
                   const std::string& unit) {
    const double ratio = baseline > 0 ? figure / baseline : 0;
    const bool met = baseline > 0 ? ratio <= goal : figure <= goal;
    std::printf("RESULT|%s|%.3f %s|%s|%s|%s %s|%s\n", name.c_str(), figure, unit.c_str(),
                baseline > 0 ? (std::to_string(baseline).substr(0, 8) + " " + unit).c_str() : "-",
                baseline > 0 ? (std::to_string(ratio).substr(0, 5) + "x").c_str() : "-",
                baseline > 0 ? "<=" : "<",
                (std::to_string(goal).substr(0, 5) + (baseline > 0 ? "x" : " " + unit)).c_str(),
                met ? "met" : "MISSED");
    std::fflush(stdout);
}

// A figure shown beside its baseline with no goal to meet.
inline void info(const std::string& name, double figure, double baseline, const std::string& unit) {
    std::printf("RESULT|%s|%.3f %s|%s %s|%sx|-|-\n", name.c_str(), figure, unit.c_str(),
                std::to_string(baseline).substr(0, 8).c_str(), unit.c_str(),
                std::to_string(figure / baseline).substr(0, 5).c_str());
    std::fflush(stdout);
}

} // namespace bench
