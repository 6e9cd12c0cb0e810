// The guard's date matcher: full dates anywhere, a day and month or a month and year only next
// to birth wording.
#include "identifiers/scan.hpp"

#include <array>

namespace casebook::guard {

namespace {

constexpr bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Days in `month` (1-12). With no year known, February has 29.
int days_in_month(int month, std::optional<int> year) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) return !year || is_leap(*year) ? 29 : 28;
    return days[static_cast<size_t>(month - 1)];
}

} // namespace

bool valid_day_month(int day, int month, std::optional<int> year) {
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(month, year);
}

// A two-digit year could be in either century; only its leap-ness matters here, and 00 is a
// leap year in 2000, so a multiple of four is treated as leap.
std::optional<int> two_digit_year_for_check(int yy) {
    return 2000 + yy;
}

namespace {

// Four-digit years of a living person, or of a recent record.
bool plausible_year(int year) {
    return year >= 1900 && year <= 2099;
}

// Reads a run of digits at t[i] of `min`..`max` digits that is not followed by another digit.
std::optional<int> read_number(string_view t, size_t i, size_t min, size_t max, size_t& end) {
    size_t j = i;
    int value = 0;
    while (j < t.size() && is_digit(t[j]) && j - i <= max) {
        value = value * 10 + digit_value(t[j]);
        ++j;
    }
    const size_t count = j - i;
    if (count < min || count > max) return std::nullopt;
    end = j;
    return value;
}

struct MonthName {
    string_view name;
    int month;
};

// Longest first, so "sept" wins over "sep" and "march" over "mar".
constexpr MonthName month_names[] = {
    {"september", 9}, {"february", 2}, {"november", 11}, {"december", 12}, {"january", 1},
    {"october", 10},  {"august", 8},   {"march", 3},     {"april", 4},     {"june", 6},
    {"july", 7},      {"sept", 9},     {"jan", 1},       {"feb", 2},       {"mar", 3},
    {"apr", 4},       {"may", 5},      {"jun", 6},       {"jul", 7},       {"aug", 8},
    {"sep", 9},       {"oct", 10},     {"nov", 11},      {"dec", 12},
};

// A month name or its abbreviation at t[i], as a whole word. Returns the month and sets `end`
// just after the name (a following full stop is not part of it: see skip_dot).
std::optional<int> read_month(string_view t, size_t i, size_t& end) {
    if (!alpha_at(t, i)) return std::nullopt;
    const char first = to_lower(t[i]);
    if (first != 'j' && first != 'f' && first != 'm' && first != 'a' && first != 's' &&
        first != 'o' && first != 'n' && first != 'd')
        return std::nullopt;
    for (const auto& m : month_names) {
        if (m.name[0] != first || !word_at(t, i, m.name)) continue;
        const size_t j = i + m.name.size();
        if (word_after(t, j)) continue;
        end = j;
        return m.month;
    }
    return std::nullopt;
}

// Skips the full stop after an abbreviated month ("3 Mar. 2015"), when the date goes on.
size_t skip_dot(string_view t, size_t i) {
    return at(t, i, '.') && at(t, i + 1, ' ') ? i + 1 : i;
}

size_t skip_spaces(string_view t, size_t i, size_t max = 3) {
    size_t j = i;
    while (j < t.size() && t[j] == ' ' && j - i < max)
        ++j;
    return j;
}

struct BirthWord {
    string_view match; // lower case
    string_view shown;
};

constexpr BirthWord birth_words[] = {
    {"date of birth", "date of birth"},
    {"birth date", "birth date"},
    {"birthdate", "birthdate"},
    {"birthday", "birthday"},
    {"d.o.b", "D.O.B."},
    {"dob", "DOB"},
    {"born", "born"},
    {"aged", "aged"},
};

// Birth wording within a short distance of the date (40 bytes before it, 24 after), on the
// same line, as whole words. Returns how to show the word found, or nullptr.
const char* birth_word_near(string_view t, size_t begin, size_t end) {
    constexpr size_t before = 40;
    constexpr size_t after = 24;
    size_t from = begin > before ? begin - before : 0;
    for (size_t k = begin; k > from; --k)
        if (t[k - 1] == '\n') {
            from = k;
            break;
        }
    size_t to = std::min(t.size(), end + after);
    for (size_t k = end; k < to; ++k)
        if (t[k] == '\n') {
            to = k;
            break;
        }
    for (size_t k = from; k < to; ++k) {
        if (k >= begin && k < end) continue;
        if (!is_alpha(t[k]) || (k > 0 && is_alpha(t[k - 1]))) continue;
        for (const auto& w : birth_words) {
            if (k + w.match.size() > to || !word_at(t, k, w.match)) continue;
            if (alpha_at(t, k + w.match.size())) continue;
            return w.shown.data();
        }
    }
    return nullptr;
}

enum class DateForm { full, partial, numeric_partial };

// A date found, with or without its year: a full date is always flagged, a partial one (day
// and month, or month and year) only next to birth wording. A numeric day and month ("12/03")
// does not count "aged" as birth wording: "aged 10/12" is clinical shorthand for ten months.
std::optional<Found> date_found(string_view t, size_t begin, size_t end, DateForm form) {
    if (word_after(t, end)) return std::nullopt;
    const char* word = birth_word_near(t, begin, end);
    if (word && form == DateForm::numeric_partial && string_view(word) == "aged") word = nullptr;
    if (word)
        return Found{IdentifierKind::date_of_birth, end,
                     std::string("looks like a date of birth (near \"") + word + "\")"};
    if (form != DateForm::full) return std::nullopt;
    return Found{IdentifierKind::date_of_birth, end, "a date (possibly a date of birth)"};
}

// A year after a date, as 4 digits (or 2 when `two_digits` allows it) not followed by a digit.
std::optional<int> read_year(string_view t, size_t i, bool two_digits, size_t& end) {
    size_t e = 0;
    const auto y = read_number(t, i, two_digits ? 2 : 4, 4, e);
    if (!y) return std::nullopt;
    const size_t count = e - i;
    if (count == 3) return std::nullopt;
    if (count == 2) {
        end = e;
        return two_digit_year_for_check(*y);
    }
    if (!plausible_year(*y)) return std::nullopt;
    end = e;
    return *y;
}

// The tail of a date with a textual month, from `from` (after "12 March" or "March 12"): a year
// after an optional comma and spaces makes it a full date; without one, the day and month alone
// end at `partial_end`.
std::optional<Found> with_optional_year(string_view t, size_t i, size_t from, size_t partial_end,
                                        int day, int month) {
    size_t y = from;
    if (at(t, y, ',')) ++y;
    if (at(t, y, ' ')) {
        y = skip_spaces(t, y);
        size_t e = 0;
        if (digit_at(t, y)) {
            if (const auto year = read_year(t, y, false, e)) {
                if (!valid_day_month(day, month, year)) return std::nullopt;
                return date_found(t, i, e, DateForm::full);
            }
        }
    }
    if (!valid_day_month(day, month, std::nullopt)) return std::nullopt;
    return date_found(t, i, partial_end, DateForm::partial);
}

} // namespace

// Dates that start with digits: 12/03/2015, 12.03.15, 12-03-2015, 2015-03-12, 12/03 (birth
// wording only), 12 March 2015, 3rd Mar 2015, 3rd of March, 12-Mar-15.
std::optional<Found> match_date_day_first(string_view t, size_t i) {
    size_t j = 0;
    const auto first = read_number(t, i, 1, 4, j);
    if (!first) return std::nullopt;

    if (j - i == 4) { // ISO order: 2015-03-12
        const char sep = j < t.size() ? t[j] : '\0';
        if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
        size_t k = 0;
        const auto month = read_number(t, j + 1, 1, 2, k);
        if (!month || !at(t, k, sep)) return std::nullopt;
        size_t e = 0;
        const auto day = read_number(t, k + 1, 1, 2, e);
        if (!day || !plausible_year(*first) || !valid_day_month(*day, *month, *first))
            return std::nullopt;
        return date_found(t, i, e, DateForm::full);
    }
    if (j - i == 3) return std::nullopt;
    const int day = *first;

    // Numeric: day, separator, month, and the same separator and a year.
    const char sep = j < t.size() ? t[j] : '\0';
    if ((sep == '/' || sep == '.' || sep == '-') && digit_at(t, j + 1)) {
        size_t k = 0;
        const auto month = read_number(t, j + 1, 1, 2, k);
        if (!month) return std::nullopt;
        if (at(t, k, sep) && digit_at(t, k + 1)) {
            size_t e = 0;
            const auto year = read_year(t, k + 1, true, e);
            if (!year || !valid_day_month(day, *month, year)) return std::nullopt;
            // "12.03.15pm" or "12.03.15:30" is a clock, not a date.
            if (at(t, e, ':')) return std::nullopt;
            return date_found(t, i, e, DateForm::full);
        }
        // Day and month alone, only with a slash: "12.03" and "12-03" are too often times,
        // scores or ranges.
        if (sep != '/' || at(t, k, '/') || !valid_day_month(day, *month, std::nullopt))
            return std::nullopt;
        return date_found(t, i, k, DateForm::numeric_partial);
    }

    // Textual month: "12 March 2015", "3rd of Mar", "12-Mar-15", "12/Mar/2015".
    size_t k = skip_ordinal(t, j);
    if (k == j && word_after(t, k)) return std::nullopt;
    const char msep = k < t.size() ? t[k] : '\0';
    if (msep == '-' || msep == '/') {
        size_t m_end = 0;
        const auto month = read_month(t, k + 1, m_end);
        if (!month || !at(t, m_end, msep) || !digit_at(t, m_end + 1)) return std::nullopt;
        size_t e = 0;
        const auto year = read_year(t, m_end + 1, true, e);
        if (!year || !valid_day_month(day, *month, year)) return std::nullopt;
        return date_found(t, i, e, DateForm::full);
    }
    if (msep != ' ') return std::nullopt;
    k = skip_spaces(t, k);
    if (word_at(t, k, "of") && at(t, k + 2, ' ')) k = skip_spaces(t, k + 2);
    size_t m_end = 0;
    const auto month = read_month(t, k, m_end);
    if (!month) return std::nullopt;
    return with_optional_year(t, i, skip_dot(t, m_end), m_end, day, *month);
}

// Dates that start with the month: "March 12, 2015", "Mar 3rd 2015", "March 12" and
// "March 2015" (the last two next to birth wording only).
std::optional<Found> match_date_month_first(string_view t, size_t i) {
    size_t m_end = 0;
    const auto month = read_month(t, i, m_end);
    if (!month) return std::nullopt;
    const size_t after_month = skip_dot(t, m_end);
    if (!at(t, after_month, ' ')) return std::nullopt;
    const size_t k = skip_spaces(t, after_month);
    size_t j = 0;
    const auto number = read_number(t, k, 1, 4, j);
    if (!number) return std::nullopt;
    if (j - k == 4) {
        if (!plausible_year(*number)) return std::nullopt;
        return date_found(t, i, j, DateForm::partial);
    }
    if (j - k == 3) return std::nullopt;
    const int day = *number;
    const size_t day_end = skip_ordinal(t, j);
    return with_optional_year(t, i, day_end, day_end, day, *month);
}

} // namespace casebook::guard
