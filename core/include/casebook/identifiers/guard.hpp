#pragma once
// The identifier guard: finds likely patient identifiers in free text (notes, decision records,
// supervision records) so the editor can mark them and offer redaction, and export and sync can
// warn before they include them. Pure functions over UTF-8 text with no state, cheap enough to
// run as the user types.
//
// What is flagged (details and reasoning in core/identifiers/, one file per kind):
// - NHS, CHI and H&C numbers: 10 digits, contiguous or grouped 3-3-4 with single spaces or
//   hyphens, passing the modulus-11 check digit (a number failing the check is not flagged).
//   All three schemes use the same check, and their number ranges were allocated not to meet,
//   so the range decides the kind: first six digits a valid DDMMYY date -> Scottish CHI;
//   320 000 0000 - 399 999 9999 -> Northern Ireland H&C; any other passing number -> NHS.
// - Dates of birth: a date next to birth wording (DOB, D.O.B., born, date of birth, birthday,
//   aged), with or without a year, and any full date with a year, wherever it is. Times
//   (14:30, 9.15am, 2.30pm), bare years and day-month pairs away from birth wording are not.
// - UK postcodes on the real pattern (known postcode areas, valid district and inward letters),
//   with or without the space, any case.
// - Phone numbers: UK numbers (01/02/03/05/07/08/09, 10 or 11 digits, +44 and 0044 forms) and
//   international "+" numbers of 8 to 15 digits, except the NSPCC helpline 0808 800 5000.
//   Short service numbers (999, 111, 101, 116 123) are never flagged.
// - Email addresses (ASCII, a dotted domain ending in a two-letter-or-longer name).
//
// When two readings start at the same place the order is: email, NHS/CHI/H&C number, phone,
// date, postcode. Otherwise the leftmost match wins and the text it covers is not searched again.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace casebook {

enum class IdentifierKind {
    nhs_number,
    chi_number,
    hc_number,
    date_of_birth,
    postcode,
    phone,
    email
};

// One likely identifier: its byte offsets into the UTF-8 text (end exclusive) and why it was
// flagged, in plain English for the clinician.
struct IdentifierMatch {
    IdentifierKind kind = IdentifierKind::nhs_number;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string reason;

    bool operator==(const IdentifierMatch&) const = default;
};

// Every likely identifier in `text`, sorted by begin and non-overlapping.
std::vector<IdentifierMatch> find_identifiers(std::string_view text);

// `text` with each match's span replaced by a label such as "[NHS number removed]" (dates read
// "[date removed]", since a flagged date is not always a birth date). Matches may come in any
// order; one that overlaps an earlier one or falls outside the text is ignored.
std::string redact(std::string_view text, const std::vector<IdentifierMatch>& matches);

// A stable machine name: "nhs_number", "chi_number", "hc_number", "date_of_birth", "postcode",
// "phone", "email".
const char* to_string(IdentifierKind kind);

// A human label: "NHS number", "CHI number", "H&C number", "date of birth", "postcode",
// "phone number", "email address".
const char* label(IdentifierKind kind);

} // namespace casebook
