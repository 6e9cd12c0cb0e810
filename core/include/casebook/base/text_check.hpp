#pragma once
// Checks on text that comes from outside (files, arguments, other devices) before it is stored
// or printed: UTF-8 validity, NUL bytes, and a byte-order mark that gives away UTF-16.
#include "casebook/base/problem.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace casebook {

// The length of the well-formed UTF-8 sequence at text[at] (1 to 4), or 0 if it is not one
// (a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF, cut short).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// The byte offset of the first byte that is not well-formed UTF-8, or nullopt if all is well.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// The text with each malformed byte replaced by U+FFFD, so it can always be printed as JSON.
std::string valid_utf8(std::string_view text);

// Whether text read from a file or an argument can be stored as it is; if not, adds why to
// `problems` at `file` and `field`: a UTF-16 byte-order mark, a NUL byte, or bytes that are not
// UTF-8 (each with where it was found).
bool check_text_input(std::string_view text, const std::string& file, const std::string& field,
                      Problems& problems);

} // namespace casebook
