#pragma once
#include <optional>
#include <string>

namespace casebook::platform {

// Prints `prompt` to stderr and reads one line from a terminal with echo off; nullopt if
// standard input is not a terminal (a script must give the secret in a file instead).
std::optional<std::string> read_secret(const std::string& prompt);

} // namespace casebook::platform
