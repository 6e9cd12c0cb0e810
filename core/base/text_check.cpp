#include "casebook/base.hpp"

namespace casebook {

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // the allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;  // overlong below U+0800
        if (lead == 0xED) high = 0x9F; // UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;  // overlong below U+10000
        if (lead == 0xF4) high = 0x8F; // beyond U+10FFFF
    } else {
        return 0;
    }
    if (at + length > text.size()) return 0;
    if (byte(at + 1) < low || byte(at + 1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if ((byte(at + i) & 0xC0) != 0x80) return 0;
    return length;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

std::string valid_utf8(std::string_view text) {
    if (!first_invalid_utf8(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

bool check_text_input(std::string_view text, const std::string& file, const std::string& field,
                      Problems& problems) {
    auto refuse = [&](std::string why) {
        problems.push_back({file, field, std::move(why)});
        return false;
    };
    if (text.size() >= 2 &&
        ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
        return refuse("is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8");
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        return refuse("holds a NUL byte at byte " + std::to_string(nul) +
                      " (a binary file, or UTF-16 text?): only UTF-8 text can be stored");
    if (const auto bad = first_invalid_utf8(text))
        return refuse("is not UTF-8 text (byte " + std::to_string(*bad) +
                      " is not valid UTF-8; a Latin-1 or Windows file?): save it as UTF-8");
    return true;
}

} // namespace casebook
