#pragma once
// Tags as a person types them and as they are stored: one text, "a, b, c", readable, and the
// full-text index sees each word. The journal stores them so; a front end edits them so.
#include <string>
#include <vector>

namespace casebook {

// {"a", "b"} -> "a, b".
std::string join_tags(const std::vector<std::string>& tags);
// " a, b ,, c" -> {"a", "b", "c"}: each trimmed, empty ones dropped, in the order typed.
std::vector<std::string> split_tags(const std::string& text);

} // namespace casebook
