#include "base/json_reader.hpp"

#include <cstring>
#include <rapidjson/error/en.h>

namespace casebook::json {

std::optional<std::size_t> nesting_beyond(std::string_view text, int max_depth) {
    // Most of a case file is inside strings: jump from quote to quote with memchr (the case
    // files are read at every start) and count the backslashes before a quote to tell whether
    // it ends the string.
    int depth = 0;
    const char* const begin = text.data();
    const std::size_t size = text.size();
    for (std::size_t i = 0; i < size; ++i) {
        const char c = begin[i];
        if (c == '"') {
            for (std::size_t from = i + 1;;) {
                const void* quote = std::memchr(begin + from, '"', size - from);
                if (!quote) return std::nullopt; // the string never ends: no nesting after it
                const auto at = static_cast<std::size_t>(static_cast<const char*>(quote) - begin);
                std::size_t backslashes = 0;
                while (at - backslashes > from && begin[at - backslashes - 1] == '\\')
                    ++backslashes;
                from = at + 1;
                if (backslashes % 2 == 0) {
                    i = at;
                    break;
                }
            }
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

bool parse(rapidjson::Document& doc, std::string_view text, const std::string& file,
           Problems& problems) {
    // Nesting is limited before rapidjson sees the text (M6): its default parser recurses once
    // per level, and so do the readers over the document. The iterative parser is a second line.
    if (const auto at = nesting_beyond(text, max_nesting)) {
        problems.push_back({file, "(file)",
                            "nests lists and objects more than " + std::to_string(max_nesting) +
                                " levels deep (at byte " + std::to_string(*at) + ")"});
        return false;
    }
    // Parsed from a terminated copy: rapidjson's vectorised string scanning works only on such a
    // stream. The terminator would end the text early at a NUL inside it, so a NUL is refused.
    if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
        problems.push_back({file, "(file)",
                            "is not valid JSON: a NUL byte at byte " +
                                std::to_string(static_cast<const char*>(nul) - text.data())});
        return false;
    }
    // Zeros after the terminator too: the SSE2 scan reads the aligned 16 bytes holding it whole.
    std::string terminated(text);
    terminated.append(16, '\0');
    doc.Parse<rapidjson::kParseIterativeFlag>(terminated.c_str());
    if (doc.HasParseError()) {
        problems.push_back({file, "(file)",
                            std::string("is not valid JSON: ") +
                                rapidjson::GetParseError_En(doc.GetParseError()) + " at byte " +
                                std::to_string(doc.GetErrorOffset())});
        return false;
    }
    if (!doc.IsObject()) {
        problems.push_back({file, "(file)", "must hold one JSON object"});
        return false;
    }
    return true;
}

} // namespace casebook::json
