// The guard's phone-number matcher: UK and international numbers, helplines allowed.
#include "identifiers/scan.hpp"

#include <array>

namespace casebook::guard {

namespace {

// Helplines that are the point of a note, not a patient's number. Short service numbers (999,
// 111, 101, 116 123, Childline's 0800 1111) are too short to match at all.
constexpr std::array<string_view, 1> helplines{{"08088005000"}}; // NSPCC

} // namespace

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

} // namespace casebook::guard
