#include "glyph_ranges.hpp"

namespace casebook::platform {

namespace {

// Latin with the accents of European names; typographic punctuation (dashes, quotes, bullet,
// ellipsis); the euro; the check and cross marks of answers and comparisons; the PIN dot.
const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2044, 0x20AC, 0x20AC,
                          0x2713, 0x2713, 0x2717, 0x2717, 0x25CF, 0x25CF, 0};

} // namespace

const ImWchar* glyph_ranges() {
    return ranges;
}

bool in_glyph_ranges(unsigned code_point) {
    for (const ImWchar* r = ranges; r[0]; r += 2)
        if (code_point >= r[0] && code_point <= r[1]) return true;
    return false;
}

} // namespace casebook::platform
