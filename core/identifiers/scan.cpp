// The scanner's view of UTF-8 text: word boundaries, the spaces pasted between digit groups,
// ordinal suffixes.
#include "identifiers/scan.hpp"

namespace casebook::guard {

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

// Skips an ordinal suffix (st, nd, rd, th) at t[i] if it is one, as a whole word.
size_t skip_ordinal(string_view t, size_t i) {
    for (string_view suffix : {"st", "nd", "rd", "th"})
        if (word_at(t, i, suffix) && !word_after(t, i + 2)) return i + 2;
    return i;
}

} // namespace casebook::guard
