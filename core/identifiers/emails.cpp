// The guard's email address matcher.
#include "identifiers/scan.hpp"

namespace casebook::guard {

namespace {

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

} // namespace

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

} // namespace casebook::guard
