// The guard's matcher for NHS, CHI and H&C numbers (ten digits with a modulus-11 check).
#include "identifiers/scan.hpp"

#include <array>

namespace casebook::guard {

namespace {

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

} // namespace

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

} // namespace casebook::guard
