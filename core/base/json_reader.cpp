#include "base/json_reader.hpp"

#include <rapidjson/error/en.h>

namespace casebook::json {

std::optional<std::size_t> nesting_beyond(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
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
    doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
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
