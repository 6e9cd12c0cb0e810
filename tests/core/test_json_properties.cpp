// Property tests of how every JSON file is read: the nesting pre-check (quote to quote with
// memchr) must agree with a plain scan, character by character, on any text of brackets,
// quotes, backslashes and letters; and the parse from a terminated copy (rapidjson's vectorised
// path) must read any object exactly as rapidjson reads it by length.
#include "base/json_reader.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <rapidcheck.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <string>
#include <utility>
#include <vector>

namespace {

// The obvious scanner, one character at a time: the reference.
std::optional<std::size_t> plain_nesting_beyond(const std::string& text, int max_depth) {
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

} // namespace

TEST_CASE("the nesting check agrees with a plain scan on any text", "[json][property]") {
    const bool ok = rc::check([] {
        const auto text =
            *rc::gen::container<std::string>(rc::gen::elementOf(std::string("[]{}\"\\\\a ")));
        const int max_depth = *rc::gen::inRange(0, 6);
        RC_ASSERT(casebook::json::nesting_beyond(text, max_depth) ==
                  plain_nesting_beyond(text, max_depth));
    });
    CHECK(ok);
}

namespace {

// A document written back out, members in their order: rapidjson's own == finds a member by its
// name, so an object with a name twice (valid JSON) never equals even itself that way.
std::string written(const rapidjson::Document& doc) {
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    doc.Accept(writer);
    return out.GetString();
}

// rapidjson reading the text by its length (as before the vectorised path): the reference.
bool parse_by_length(rapidjson::Document& doc, const std::string& text) {
    doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
    return !doc.HasParseError() && doc.IsObject();
}

// A JSON string's content: letters, spaces, escapes, accented and typographic characters, and
// now and then a raw control character or a lone backslash, which make it invalid.
rc::Gen<std::string> string_content() {
    return rc::gen::map(
        rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(std::vector<std::string>{
            "a", "Z", " ", "\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "\xc3\xa9",
            "\xe2\x80\x9c", "\xe2\x80\x94", "{", "]", ":", ",", "\\", "\t", "\x01"})),
        [](const std::vector<std::string>& parts) {
            std::string out;
            for (const auto& p : parts)
                out += p;
            return out;
        });
}

} // namespace

TEST_CASE("the parse the app uses reads any object as rapidjson reads it by length",
          "[json][property]") {
    const bool ok = rc::check([] {
        const auto fields = *rc::gen::container<std::vector<std::pair<std::string, std::string>>>(
            rc::gen::pair(string_content(), string_content()));
        std::string text = "{";
        for (std::size_t i = 0; i < fields.size(); ++i)
            text += (i ? ", \"" : "\"") + fields[i].first + "\": [\"" + fields[i].second + "\"]";
        text += "}";
        rapidjson::Document reference, ours;
        casebook::Problems problems;
        const bool expected = parse_by_length(reference, text);
        RC_ASSERT(casebook::json::parse(ours, text, "generated.json", problems) == expected);
        if (expected) {
            RC_ASSERT(written(ours) == written(reference));
        }
    });
    CHECK(ok);
}

TEST_CASE("a NUL byte inside a JSON file is refused, naming where it is", "[json]") {
    const std::string text = std::string("{\"title\": \"A case\"}") + '\0' + "{\"more\": 1}";
    rapidjson::Document doc;
    casebook::Problems problems;
    CHECK_FALSE(casebook::json::parse(doc, text, "nul.json", problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == "nul.json");
    CHECK(problems[0].reason == "is not valid JSON: a NUL byte at byte 19");
}
