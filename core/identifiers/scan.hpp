#pragma once
// The identifier guard's scanner, shared by its matchers (one file per kind of identifier) and
// find_identifiers() in guard.cpp. Internal to the core.
//
// A hand-written scanner, one pass from left to right. At the start of each run of digits or
// letters it tries the matchers in precedence order; a match is recorded and skipped, otherwise
// the whole run is skipped (no matcher starts inside a run). Every matcher looks only a bounded
// distance ahead, so the cost is linear in the text and a short note takes a few microseconds.
// Only ASCII is interpreted; other UTF-8 is passed over, but a non-ASCII letter counts as part
// of a word so that "ÉM1 1AE" is not read as a postcode, while a no-break space, a dash or a
// curly quote does not.
#include "casebook/identifiers.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace casebook::guard {

using std::size_t;
using std::string_view;

// --- Characters (ASCII only) ------------------------------------------------------------------

constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
constexpr bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_alnum(char c) {
    return is_digit(c) || is_alpha(c);
}
constexpr bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
constexpr char to_upper(char c) {
    return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}
constexpr char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr int digit_value(char c) {
    return c - '0';
}

inline bool at(string_view t, size_t i, char c) {
    return i < t.size() && t[i] == c;
}
inline bool digit_at(string_view t, size_t i) {
    return i < t.size() && is_digit(t[i]);
}
inline bool alpha_at(string_view t, size_t i) {
    return i < t.size() && is_alpha(t[i]);
}

// Case-insensitive: does `word` (lower case ASCII) start at t[i]?
inline bool word_at(string_view t, size_t i, string_view word) {
    if (t.size() - std::min(i, t.size()) < word.size()) return false;
    for (size_t k = 0; k < word.size(); ++k)
        if (to_lower(t[i + k]) != word[k]) return false;
    return true;
}

// Decodes the code point starting at t[i]; 0xFFFD and a length of 1 for a malformed sequence.
char32_t decode(string_view t, size_t i, size_t& length);
// Letters and digits for the purpose of word boundaries: ASCII letters and digits, and any
// non-ASCII character except the spaces, punctuation and symbols that often sit next to an
// identifier (Latin-1 punctuation such as the no-break space and guillemets, the general
// punctuation block with its dashes and curly quotes, symbols, CJK punctuation, BOM).
bool is_word_code_point(char32_t cp);
// Is the character ending just before t[i] part of a word?
bool word_before(string_view t, size_t i);
// Is the character starting at t[i] part of a word?
bool word_after(string_view t, size_t i);
bool digit_before(string_view t, size_t i);
// The spaces that text pasted from clinical systems and word processors puts between groups of
// digits or letters: a no-break space, a narrow no-break space, a thin space, a figure space.
// Returns the length of the one at t[i] in bytes, or 0.
size_t wide_space_at(string_view t, size_t i);
// A separator between groups of digits in a number written by hand or pasted: one or two spaces
// (of any of the kinds above), a hyphen, a full stop or a slash. Its length in bytes, or 0.
size_t digit_group_separator(string_view t, size_t i);

// Skips an ordinal suffix (st, nd, rd, th) at t[i] if it is one, as a whole word.
size_t skip_ordinal(string_view t, size_t i);

// What a matcher found at the scanner's position. An allowed span (a helpline) is skipped
// without being reported, so that no part of it is read as something else.
struct Found {
    IdentifierKind kind;
    size_t end;
    std::string reason;
    bool allowed = false;
};

// --- The matchers, each at t[i]: what it found there, or nothing -------------------------------

// Dates (dates.cpp): 12/03/2015, 12 March 2015, 3rd of Mar, 2015-03-12, ...
std::optional<Found> match_date_day_first(string_view t, size_t i);
// March 12, 2015; Mar 3rd 2015; March 12 and March 2015 next to birth wording.
std::optional<Found> match_date_month_first(string_view t, size_t i);
// Whether a day and month make a date, in `year` if it is known (February 29 needs a leap year).
bool valid_day_month(int day, int month, std::optional<int> year);
// A two-digit year as a year to check a date against.
std::optional<int> two_digit_year_for_check(int yy);

// UK and international phone numbers (phones.cpp).
std::optional<Found> match_phone(string_view t, size_t i);
// NHS, CHI and H&C numbers (health_numbers.cpp).
std::optional<Found> match_health_number(string_view t, size_t i);
// UK postcodes (postcodes.cpp).
std::optional<Found> match_postcode(string_view t, size_t i);
// Email addresses (emails.cpp); `dead_until` as there.
std::optional<Found> match_email(string_view t, size_t i, size_t& dead_until);

} // namespace casebook::guard
