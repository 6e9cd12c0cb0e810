// Property test of the nesting pre-check every JSON file passes before rapidjson sees it: the
// fast scanner (quote to quote with memchr) must agree with the plain one, character by
// character, on any text of brackets, quotes, backslashes and letters.
#include "base/json_reader.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <rapidcheck.h>
#include <string>

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
