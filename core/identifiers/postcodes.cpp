// The guard's UK postcode matcher.
#include "identifiers/scan.hpp"

#include <array>
#include <iterator>

namespace casebook::guard {

namespace {

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

} // namespace

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

} // namespace casebook::guard
