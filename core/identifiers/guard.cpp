// The identifier guard's public functions: the scan from left to right over the matchers (in
// scan.hpp; one file per kind of identifier), redaction and the names of the kinds.
#include "casebook/identifiers.hpp"
#include "identifiers/scan.hpp"

#include <algorithm>

namespace casebook {

using namespace guard;

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
