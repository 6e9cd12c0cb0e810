#include "json_reader.hpp"

#include <rapidjson/error/en.h>

namespace casebook::json {

bool parse(rapidjson::Document& doc, std::string_view text, const std::string& file,
           Problems& problems) {
    doc.Parse(text.data(), text.size());
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
