#include "casebook/identifier_guard.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>

// A hand-written scanner, one pass from left to right. At the start of each run of digits or
// letters it tries the matchers in precedence order; a match is recorded and skipped, otherwise
// the whole run is skipped (no matcher starts inside a run). Every matcher looks only a bounded
// distance ahead, so the cost is linear in the text and a short note takes a few microseconds.
// Only ASCII is interpreted; other UTF-8 is passed over, but a non-ASCII letter counts as part
// of a word so that "ÉM1 1AE" is not read as a postcode, while a no-break space, a dash or a
// curly quote does not.

namespace casebook {
namespace {

using std::size_t;
using std::string_view;

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

bool at(string_view t, size_t i, char c) {
    return i < t.size() && t[i] == c;
}
bool digit_at(string_view t, size_t i) {
    return i < t.size() && is_digit(t[i]);
}
bool alpha_at(string_view t, size_t i) {
    return i < t.size() && is_alpha(t[i]);
}

// Case-insensitive: does `word` (lower case ASCII) start at t[i]?
bool word_at(string_view t, size_t i, string_view word) {
    if (t.size() - std::min(i, t.size()) < word.size()) return false;
    for (size_t k = 0; k < word.size(); ++k)
        if (to_lower(t[i + k]) != word[k]) return false;
    return true;
}

// --- Word boundaries, UTF-8 aware -------------------------------------------------------------

// Decodes the code point starting at t[i]; 0xFFFD and a length of 1 for a malformed sequence.
char32_t decode(string_view t, size_t i, size_t& length) {
    const auto b = static_cast<unsigned char>(t[i]);
    length = 1;
    if (b < 0x80) return b;
    size_t extra = 0;
    char32_t cp = 0;
    if ((b & 0xE0) == 0xC0) {
        extra = 1;
        cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
        extra = 2;
        cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
        extra = 3;
        cp = b & 0x07;
    } else {
        return 0xFFFD;
    }
    if (i + extra >= t.size()) return 0xFFFD;
    for (size_t k = 1; k <= extra; ++k) {
        const auto c = static_cast<unsigned char>(t[i + k]);
        if ((c & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (c & 0x3F);
    }
    length = extra + 1;
    return cp;
}

// Letters and digits for the purpose of word boundaries: ASCII letters and digits, and any
// non-ASCII character except the spaces, punctuation and symbols that often sit next to an
// identifier (Latin-1 punctuation such as the no-break space and guillemets, the general
// punctuation block with its dashes and curly quotes, symbols, CJK punctuation, BOM).
bool is_word_code_point(char32_t cp) {
    if (cp < 0x80) return is_alnum(static_cast<char>(cp));
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;
    if (cp >= 0x3000 && cp <= 0x303F) return false;
    if (cp == 0xFEFF || cp == 0xFFFD) return false;
    return true;
}

// Is the character ending just before t[i] part of a word?
bool word_before(string_view t, size_t i) {
    if (i == 0) return false;
    if (static_cast<unsigned char>(t[i - 1]) < 0x80) return is_alnum(t[i - 1]);
    size_t start = i - 1;
    while (start > 0 && i - start < 4 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80)
        --start;
    size_t length = 0;
    const char32_t cp = decode(t, start, length);
    return start + length == i && is_word_code_point(cp);
}

// Is the character starting at t[i] part of a word?
bool word_after(string_view t, size_t i) {
    if (i >= t.size()) return false;
    size_t length = 0;
    return is_word_code_point(decode(t, i, length));
}

bool digit_before(string_view t, size_t i) {
    return i > 0 && is_digit(t[i - 1]);
}

// The spaces that text pasted from clinical systems and word processors puts between groups of
// digits or letters: a no-break space, a narrow no-break space, a thin space, a figure space.
// Returns the length of the one at t[i] in bytes, or 0.
size_t wide_space_at(string_view t, size_t i) {
    if (word_at(t, i, "\xc2\xa0")) return 2;
    for (string_view s : {"\xe2\x80\xaf", "\xe2\x80\x89", "\xe2\x80\x87"})
        if (word_at(t, i, s)) return 3;
    return 0;
}

// A separator between groups of digits in a number written by hand or pasted: one or two spaces
// (of any of the kinds above), a hyphen, a full stop or a slash. Its length in bytes, or 0.
size_t digit_group_separator(string_view t, size_t i) {
    if (at(t, i, '-') || at(t, i, '.') || at(t, i, '/')) return 1;
    size_t j = i;
    for (int k = 0; k < 2; ++k) {
        if (at(t, j, ' '))
            ++j;
        else if (const size_t w = wide_space_at(t, j))
            j += w;
        else
            break;
    }
    return j - i;
}

// What a matcher found at the scanner's position. An allowed span (a helpline) is skipped
// without being reported, so that no part of it is read as something else.
struct Found {
    IdentifierKind kind;
    size_t end;
    std::string reason;
    bool allowed = false;
};

// --- Dates ------------------------------------------------------------------------------------

constexpr bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Days in `month` (1-12). With no year known, February has 29.
int days_in_month(int month, std::optional<int> year) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) return !year || is_leap(*year) ? 29 : 28;
    return days[static_cast<size_t>(month - 1)];
}

bool valid_day_month(int day, int month, std::optional<int> year) {
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(month, year);
}

// A two-digit year could be in either century; only its leap-ness matters here, and 00 is a
// leap year in 2000, so a multiple of four is treated as leap.
std::optional<int> two_digit_year_for_check(int yy) {
    return 2000 + yy;
}

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

// Skips an ordinal suffix (st, nd, rd, th) at t[i] if it is one, as a whole word.
size_t skip_ordinal(string_view t, size_t i) {
    for (string_view suffix : {"st", "nd", "rd", "th"})
        if (word_at(t, i, suffix) && !word_after(t, i + 2)) return i + 2;
    return i;
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

// --- Phone numbers ----------------------------------------------------------------------------

// Helplines that are the point of a note, not a patient's number. Short service numbers (999,
// 111, 101, 116 123, Childline's 0800 1111) are too short to match at all.
constexpr std::array<string_view, 1> helplines{{"08088005000"}}; // NSPCC

// Phone numbers:
// - UK national: 0 then 9 or 10 more digits, with single spaces or hyphens between groups and
//   optional brackets round the area code: "07700 900123", "(0161) 496 0000", "020-7946-0000".
//   The second digit is 1, 2, 3, 5, 7, 8 or 9; 02, 03 and 07 numbers have 11 digits, 01, 05 and
//   08 numbers 10 or 11.
// - UK international: +44 or 0044, an optional "(0)", then the number without its leading 0.
// - Other international: + then 8 to 15 digits ("+353 87 123 4567").
std::optional<Found> match_phone(string_view t, size_t i) {
    const size_t n = t.size();
    std::array<char, 16> digits{};
    size_t count = 0;
    size_t max_digits = 11;
    size_t j = i;
    bool bracket_open = false;
    bool international_other = false;

    auto skip_separator = [&] {
        if (at(t, j, ' ') || at(t, j, '-'))
            ++j;
        else
            j += wide_space_at(t, j);
    };
    if (t[j] == '+' || word_at(t, j, "0044")) {
        const bool plus = t[j] == '+';
        if (plus && !word_at(t, j + 1, "44")) {
            international_other = true;
            max_digits = 15;
            ++j;
        } else {
            j += plus ? 3 : 4;
            skip_separator();
            if (word_at(t, j, "(0)")) {
                j += 3;
                skip_separator();
            }
            digits[count++] = '0';
            if (!digit_at(t, j) || t[j] == '0') return std::nullopt;
        }
    } else if (t[j] == '(') {
        bracket_open = true;
        ++j;
    }
    if (!digit_at(t, j)) return std::nullopt;
    if (!international_other && count == 0 && t[j] != '0') return std::nullopt;
    if (international_other && t[j] == '0') return std::nullopt;

    size_t end = j;
    while (j < n && count < max_digits) {
        if (is_digit(t[j])) {
            digits[count++] = t[j++];
            end = j;
        } else if (bracket_open && t[j] == ')') {
            bracket_open = false;
            const size_t after = at(t, j + 1, ' ') ? j + 2 : j + 1;
            if (!digit_at(t, after)) break;
            j = after;
        } else if (const size_t sep = digit_group_separator(t, j);
                   sep > 0 && t[j] != '/' && digit_at(t, j + sep) && !bracket_open) {
            // Spaces of any kind, hyphens and full stops ("07700.900.123"); not slashes.
            j += sep;
        } else {
            break;
        }
    }
    if (bracket_open || digit_at(t, end) || word_after(t, end)) return std::nullopt;

    if (international_other) {
        if (count < 8) return std::nullopt;
        return Found{IdentifierKind::phone, end, "looks like an international phone number"};
    }
    const char second = count > 1 ? digits[1] : '\0';
    if (count < 10 || digits[0] != '0') return std::nullopt;
    if (second != '1' && second != '2' && second != '3' && second != '5' && second != '7' &&
        second != '8' && second != '9')
        return std::nullopt;
    if (count == 10 && second != '1' && second != '5' && second != '8') return std::nullopt;
    const string_view number(digits.data(), count);
    for (const auto helpline : helplines)
        if (number == helpline) return Found{IdentifierKind::phone, end, "", true};
    return Found{IdentifierKind::phone, end,
                 second == '7' ? "looks like a UK mobile number" : "looks like a UK phone number"};
}

// --- NHS, CHI and H&C numbers -----------------------------------------------------------------

// The modulus-11 check shared by NHS, CHI and H&C numbers: weights 10 down to 2 on the first
// nine digits, check digit 11 minus the remainder (11 becomes 0; 10 means no valid number).
bool passes_modulus_11(const std::array<int, 10>& d) {
    int sum = 0;
    for (size_t k = 0; k < 9; ++k)
        sum += d[k] * static_cast<int>(10 - k);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    return check != 10 && check == d[9];
}

// Reads ten digits at t[i]: contiguous, or in groups of two to six digits with a separator
// between them (digit_group_separator: "943 476 5919", "9434 765 919", "94 34 76 59 19",
// "943.476.5919", "120319 1235", and no-break spaces as pasted). `regular` is set for the forms
// long in use, contiguous or 3-3-4 with a single space or hyphen. Returns the end, or nothing.
// An irregular grouping that carries on into more digits ("12 34 56 78 90 12") is not read.
std::optional<size_t> read_ten_digits(string_view t, size_t i, std::array<int, 10>& d,
                                      bool& regular, bool& chi_form) {
    size_t j = i;
    size_t count = 0;
    size_t groups = 0;
    bool plain_separators = true;
    std::array<size_t, 10> group_sizes{};
    for (;;) {
        const size_t start = j;
        while (digit_at(t, j)) {
            if (count == 10) return std::nullopt;
            d[count++] = digit_value(t[j++]);
        }
        const size_t size = j - start;
        if (size < 2 && !(groups == 0 && size == 10)) return std::nullopt;
        group_sizes[groups++] = size;
        if (count == 10) break;
        if (size > 6) return std::nullopt;
        const size_t sep = digit_group_separator(t, j);
        if (sep == 0 || !digit_at(t, j + sep)) return std::nullopt;
        if (!(sep == 1 && (t[j] == ' ' || t[j] == '-'))) plain_separators = false;
        j += sep;
    }
    chi_form = groups == 2 && group_sizes[0] == 6;
    regular = groups == 1 || (groups == 3 && plain_separators && group_sizes[0] == 3 &&
                              group_sizes[1] == 3 && group_sizes[2] == 4);
    if (!regular) {
        const size_t sep = digit_group_separator(t, j);
        if (sep > 0 && digit_at(t, j + sep)) return std::nullopt;
    }
    return j;
}

// NHS numbers (England, Wales, Isle of Man), Scottish CHI numbers and Northern Ireland H&C
// numbers are all ten digits with the same modulus-11 check digit, and were allocated from
// ranges that do not meet, so that a number from one can never be mistaken for another:
// - CHI: DDMMYY (the date of birth) + 2 digits + a sex digit + the check digit, so 010 100 0000
//   to 311 299 9999. A number whose first six digits are a valid date is called a CHI number
//   first: England and Wales issue NHS numbers from 400 000 0000 upwards, so a date-led number
//   that passes the check is not a real NHS number. A date-led number failing the check is not
//   flagged, as with any other ten digits: the check digit is what tells an identifier from a
//   reference, a count or a phone number.
// - H&C: Northern Ireland was given the block 320 000 0000 to 399 999 9999, above the highest
//   CHI (31 December) and below the NHS ranges, and its numbers carry the same check digit; so
//   a passing number in that block is called an H&C number. (320-399 can never be a DDMMYY
//   date, since no day is above 31.)
// - NHS: any other passing number. England and Wales use 400-499 and 600-799 million, but the
//   guard flags every passing number rather than rely on allocation policy.
// A number with a leading 0 that is not a CHI number is read as a phone number if it has a
// phone number's shape: no NHS or H&C number starts with 0, and every UK phone number does.
std::optional<Found> match_health_number(string_view t, size_t i) {
    std::array<int, 10> d{};
    bool regular = true, chi_form = false;
    const auto end = read_ten_digits(t, i, d, regular, chi_form);
    if (!end || word_after(t, *end) || !passes_modulus_11(d)) return std::nullopt;
    // Grouped irregularly and led by 0, ten digits are more likely a phone number or a
    // reference than a health number (no NHS or H&C number starts with 0), unless written as a
    // CHI number is, DDMMYY NNNN.
    if (!regular && !chi_form && d[0] == 0) return std::nullopt;
    const int dd = d[0] * 10 + d[1];
    const int mm = d[2] * 10 + d[3];
    const int yy = d[4] * 10 + d[5];
    if (valid_day_month(dd, mm, two_digit_year_for_check(yy)))
        return Found{IdentifierKind::chi_number, *end,
                     "looks like a Scottish CHI number (starts with a date of birth and passes "
                     "the check digit)"};
    if (!regular && d[0] == 0) return std::nullopt;
    const int first3 = d[0] * 100 + d[1] * 10 + d[2];
    if (first3 >= 320 && first3 <= 399)
        return Found{IdentifierKind::hc_number, *end,
                     "looks like a Northern Ireland H&C number (passes the check digit)"};
    if (d[0] == 0)
        if (auto phone = match_phone(t, i)) return phone;
    return Found{IdentifierKind::nhs_number, *end,
                 "looks like an NHS number (passes the check digit)"};
}

// --- Postcodes --------------------------------------------------------------------------------

// The UK's postcode areas (and the Crown Dependencies', which use the same format), sorted.
constexpr string_view postcode_areas[] = {
    "AB", "AL", "B",  "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
    "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",
    "EC", "EH", "EN", "EX", "FK", "FY", "G",  "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS",
    "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L",  "LA", "LD", "LE", "LL",
    "LN", "LS", "LU", "M",  "ME", "MK", "ML", "N",  "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX",
    "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S",  "SA", "SE", "SG", "SK", "SL", "SM",
    "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW",
    "UB", "W",  "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
};
static_assert(std::is_sorted(std::begin(postcode_areas), std::end(postcode_areas)));

bool is_postcode_area(char a, char b) {
    const char buffer[2] = {to_upper(a), to_upper(b)};
    const string_view area(buffer, b == '\0' ? 1 : 2);
    return std::binary_search(std::begin(postcode_areas), std::end(postcode_areas), area);
}

bool in_set(char c, string_view set) {
    return set.find(to_upper(c)) != string_view::npos;
}

// Letters allowed in the inward code, and as the last letter of an A9A or AA9A district.
constexpr string_view inward_letters = "ABDEFGHJLNPQRSTUWXYZ";
constexpr string_view district_letters_after_one = "ABCDEFGHJKPSTUW";
constexpr string_view district_letters_after_two = "ABEHMNPRVWXY";

// The inward code at t[j] (digit, letter, letter) and the end of the postcode, or nothing.
std::optional<size_t> inward_code(string_view t, size_t j) {
    // One or two spaces of any kind, or a hyphen, may sit between the two halves.
    const size_t sep = at(t, j, '-')                    ? 1
                       : at(t, j, '.') || at(t, j, '/') ? 0
                                                        : digit_group_separator(t, j);
    const bool spaced = sep > 0;
    j += sep;
    if (!digit_at(t, j) || !alpha_at(t, j + 1) || !alpha_at(t, j + 2)) return std::nullopt;
    if (!in_set(t[j + 1], inward_letters) || !in_set(t[j + 2], inward_letters)) return std::nullopt;
    if (word_after(t, j + 3)) return std::nullopt;
    // "M1 3rd": lower-case ordinals after a road or ward name are not postcodes.
    if (spaced && is_lower(t[j + 1]) && is_lower(t[j + 2]) && skip_ordinal(t, j + 1) == j + 3)
        return std::nullopt;
    return j + 3;
}

// UK postcodes: area (1-2 letters) + district (A9, A99, A9A, AA9, AA99, AA9A) + optional space +
// inward code (digit + 2 letters), any case: SW1A 1AA, M1 1AE, CF10 3AT, BT7 1NN, sw1a1aa.
std::optional<Found> match_postcode(string_view t, size_t i) {
    // Quick reject: a postcode has a digit in its second or third character.
    if (!digit_at(t, i + 1) && !digit_at(t, i + 2)) return std::nullopt;
    for (const size_t area_length : {size_t{2}, size_t{1}}) {
        if (area_length == 2 && !alpha_at(t, i + 1)) continue;
        if (!is_postcode_area(t[i], area_length == 2 ? t[i + 1] : '\0')) continue;
        const size_t p = i + area_length;
        if (!digit_at(t, p)) continue;
        const string_view district_letters =
            area_length == 1 ? district_letters_after_one : district_letters_after_two;
        std::array<size_t, 3> district_ends{};
        size_t options = 0;
        if (digit_at(t, p + 1)) district_ends[options++] = p + 2;
        if (alpha_at(t, p + 1) && in_set(t[p + 1], district_letters))
            district_ends[options++] = p + 2;
        district_ends[options++] = p + 1;
        for (size_t o = 0; o < options; ++o)
            if (const auto end = inward_code(t, district_ends[o]))
                return Found{IdentifierKind::postcode, *end, "looks like a UK postcode"};
    }
    return std::nullopt;
}

// --- Email addresses --------------------------------------------------------------------------

bool is_local_char(char c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}

// The "at" between the local part and the domain at t[j]: "@", "@" with a space either side, or
// "(at)" / "[at]" as written to dodge harvesters. Returns where the domain starts, or nothing.
std::optional<size_t> at_sign(string_view t, size_t j) {
    if (at(t, j, '@')) return at(t, j + 1, ' ') ? j + 2 : j + 1;
    const size_t k = at(t, j, ' ') ? j + 1 : j;
    if (at(t, k, '@')) return at(t, k + 1, ' ') ? k + 2 : k + 1;
    if (word_at(t, k, "(at)") || word_at(t, k, "[at]")) return at(t, k + 4, ' ') ? k + 5 : k + 4;
    return std::nullopt;
}

// An email address starting at t[i]: a local part of up to 64 characters, an "at" (at_sign), and
// a domain of two or more labels whose last is letters only. When there is no "at" at the end of
// the local part, `dead_until` records where the local part ended: no later start before it can
// succeed.
std::optional<Found> match_email(string_view t, size_t i, size_t& dead_until) {
    size_t j = i;
    // Non-ASCII letters count too: "jöhn@nhs.net" is an address to the person who wrote it.
    while (j < t.size() && j - i <= 64) {
        size_t length = 1;
        if (is_local_char(t[j]) ||
            (static_cast<unsigned char>(t[j]) >= 0x80 && is_word_code_point(decode(t, j, length))))
            j += length;
        else
            break;
    }
    const auto domain = at_sign(t, j);
    if (!domain || t[j - 1] == '.') {
        dead_until = j;
        return std::nullopt;
    }
    size_t k = *domain;
    size_t labels = 0;
    size_t end = 0;
    bool last_alpha = false;
    size_t last_length = 0;
    while (k < t.size()) {
        const size_t start = k;
        bool alpha_only = true;
        while (k < t.size() && (is_alnum(t[k]) || t[k] == '-') && k - start < 63) {
            if (!is_alpha(t[k])) alpha_only = false;
            ++k;
        }
        if (k == start || t[start] == '-' || t[k - 1] == '-') break;
        ++labels;
        end = k;
        last_alpha = alpha_only;
        last_length = k - start;
        if (!at(t, k, '.') || !(k + 1 < t.size() && is_alnum(t[k + 1]))) break;
        ++k;
    }
    if (labels < 2 || !last_alpha || last_length < 2 || word_after(t, end)) {
        dead_until = j;
        return std::nullopt;
    }
    return Found{IdentifierKind::email, end, "looks like an email address"};
}

} // namespace

std::vector<IdentifierMatch> find_identifiers(std::string_view text) {
    std::vector<IdentifierMatch> found;
    const size_t n = text.size();
    size_t email_dead_until = 0;
    size_t i = 0;
    while (i < n) {
        const char c = text[i];
        std::optional<Found> f;
        const bool email_start = i >= email_dead_until && !(i > 0 && is_alnum(text[i - 1]));
        if (is_digit(c)) {
            if (!digit_before(text, i)) {
                if (email_start) f = match_email(text, i, email_dead_until);
                if (!f) f = match_health_number(text, i);
                if (!f) f = match_phone(text, i);
                if (!f) f = match_date_day_first(text, i);
            }
        } else if (is_alpha(c)) {
            if (!word_before(text, i)) {
                if (email_start) f = match_email(text, i, email_dead_until);
                if (!f) f = match_date_month_first(text, i);
                if (!f) f = match_postcode(text, i);
            }
        } else if (c == '+' || c == '(') {
            if (!(i > 0 && is_alnum(text[i - 1]))) f = match_phone(text, i);
        }
        if (f && f->allowed) {
            i = f->end;
        } else if (f) {
            found.push_back({f->kind, i, f->end, std::move(f->reason)});
            i = f->end;
        } else if (is_digit(c)) {
            while (i < n && is_digit(text[i]))
                ++i;
        } else if (is_alpha(c)) {
            while (i < n && is_alpha(text[i]))
                ++i;
        } else {
            ++i;
        }
    }
    return found;
}

std::string redact(std::string_view text, const std::vector<IdentifierMatch>& matches) {
    std::vector<const IdentifierMatch*> ordered;
    ordered.reserve(matches.size());
    for (const auto& m : matches)
        ordered.push_back(&m);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return a->begin < b->begin; });
    std::string out;
    out.reserve(text.size());
    size_t pos = 0;
    for (const auto* m : ordered) {
        if (m->begin < pos || m->begin >= m->end || m->end > text.size()) continue;
        out.append(text.substr(pos, m->begin - pos));
        out += '[';
        out += m->kind == IdentifierKind::date_of_birth ? "date" : label(m->kind);
        out += " removed]";
        pos = m->end;
    }
    out.append(text.substr(pos));
    return out;
}

const char* to_string(IdentifierKind kind) {
    switch (kind) {
    case IdentifierKind::nhs_number:
        return "nhs_number";
    case IdentifierKind::chi_number:
        return "chi_number";
    case IdentifierKind::hc_number:
        return "hc_number";
    case IdentifierKind::date_of_birth:
        return "date_of_birth";
    case IdentifierKind::postcode:
        return "postcode";
    case IdentifierKind::phone:
        return "phone";
    case IdentifierKind::email:
        return "email";
    }
    return "unknown";
}

const char* label(IdentifierKind kind) {
    switch (kind) {
    case IdentifierKind::nhs_number:
        return "NHS number";
    case IdentifierKind::chi_number:
        return "CHI number";
    case IdentifierKind::hc_number:
        return "H&C number";
    case IdentifierKind::date_of_birth:
        return "date (possibly a date of birth)";
    case IdentifierKind::postcode:
        return "postcode";
    case IdentifierKind::phone:
        return "phone number";
    case IdentifierKind::email:
        return "email address";
    }
    return "identifier";
}

} // namespace casebook
