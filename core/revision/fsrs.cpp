// FSRS-5, from the formulas published by the open-spaced-repetition project (the algorithm page
// of fsrs4anki's wiki, "FSRS-5", and the reference implementations py-fsrs 4.x, ts-fsrs 4.x and
// fsrs-rs 1.x that Anki 24.11 uses). Only the memory model and the interval: no learning steps
// and no fuzz, so a schedule is a pure function of the review log.
#include "casebook/revision.hpp"

#include <algorithm>
#include <cmath>

namespace casebook {

const char* to_string(Rating rating) {
    switch (rating) {
    case Rating::again:
        return "again";
    case Rating::hard:
        return "hard";
    case Rating::good:
        return "good";
    case Rating::easy:
        return "easy";
    }
    return "again";
}

std::optional<Rating> rating_from_string(const std::string& text) {
    if (text == "again" || text == "1") return Rating::again;
    if (text == "hard" || text == "2") return Rating::hard;
    if (text == "good" || text == "3") return Rating::good;
    if (text == "easy" || text == "4") return Rating::easy;
    return std::nullopt;
}

namespace fsrs {

namespace {

double clamp_difficulty(double d) {
    return std::clamp(d, 1.0, 10.0);
}

// Stability never reaches zero: the curve and the interval divide by it.
double floor_stability(double s) {
    return std::max(s, 0.01);
}

double g(Rating r) {
    return static_cast<double>(static_cast<int>(r));
}

} // namespace

double retrievability(double elapsed_days, double stability) {
    return std::pow(1.0 + factor * std::max(elapsed_days, 0.0) / stability, decay);
}

double raw_interval(double stability, double retention) {
    return stability / factor * (std::pow(retention, 1.0 / decay) - 1.0);
}

int interval_days(double stability, const Parameters& p) {
    const double days = std::round(raw_interval(stability, p.target_retention));
    return static_cast<int>(std::clamp(days, 1.0, static_cast<double>(p.maximum_interval_days)));
}

double initial_stability(Rating r, const Parameters& p) {
    return std::max(p.w[static_cast<std::size_t>(static_cast<int>(r) - 1)], 0.1);
}

double initial_difficulty(Rating r, const Parameters& p) {
    return clamp_difficulty(p.w[4] - std::exp(p.w[5] * (g(r) - 1.0)) + 1.0);
}

double next_difficulty(double d, Rating r, const Parameters& p) {
    const double delta = -p.w[6] * (g(r) - 3.0);
    const double damped = d + delta * (10.0 - d) / 9.0; // linear damping (FSRS-5)
    // Mean reversion towards the initial difficulty of Easy.
    const double reverted = p.w[7] * initial_difficulty(Rating::easy, p) + (1.0 - p.w[7]) * damped;
    return clamp_difficulty(reverted);
}

double recall_stability(double d, double s, double r, Rating rating, const Parameters& p) {
    const double hard_penalty = rating == Rating::hard ? p.w[15] : 1.0;
    const double easy_bonus = rating == Rating::easy ? p.w[16] : 1.0;
    return floor_stability(s *
                           (std::exp(p.w[8]) * (11.0 - d) * std::pow(s, -p.w[9]) *
                                (std::exp(p.w[10] * (1.0 - r)) - 1.0) * hard_penalty * easy_bonus +
                            1.0));
}

double forget_stability(double d, double s, double r, const Parameters& p) {
    const double long_term = p.w[11] * std::pow(d, -p.w[12]) * (std::pow(s + 1.0, p.w[13]) - 1.0) *
                             std::exp(p.w[14] * (1.0 - r));
    // FSRS-5 caps it so a lapse never leaves an item more stable than a same-day Again would.
    return floor_stability(std::min(long_term, s / std::exp(p.w[17] * p.w[18])));
}

double short_term_stability(double s, Rating r, const Parameters& p) {
    return floor_stability(s * std::exp(p.w[17] * (g(r) - 3.0 + p.w[18])));
}

Memory review(const std::optional<Memory>& before, double elapsed_days, Rating rating,
              const Parameters& p) {
    if (!before) return {initial_stability(rating, p), initial_difficulty(rating, p)};
    Memory m;
    m.difficulty = next_difficulty(before->difficulty, rating, p);
    if (elapsed_days < 1.0) {
        m.stability = short_term_stability(before->stability, rating, p);
    } else {
        const double r = retrievability(elapsed_days, before->stability);
        m.stability = rating == Rating::again
                          ? forget_stability(before->difficulty, before->stability, r, p)
                          : recall_stability(before->difficulty, before->stability, r, rating, p);
    }
    return m;
}

} // namespace fsrs

} // namespace casebook
