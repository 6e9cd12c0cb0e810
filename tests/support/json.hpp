#pragma once
// JSON a test reads back (a command's --json output, a file): parsed or the test fails there.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <string>

namespace test {

inline rapidjson::Document json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    INFO(text);
    REQUIRE_FALSE(d.HasParseError());
    return d;
}

// Valid JSON, and valid UTF-8 inside it.
inline bool strict_json(const std::string& text) {
    rapidjson::Document d;
    d.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
    return !d.HasParseError();
}

} // namespace test
