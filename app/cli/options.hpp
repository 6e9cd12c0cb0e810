#pragma once
// The one option parser of casebook: CLI11 (Debian's libcli11-dev) reads the options of every
// command, of the GUI and of main(), and turns its errors into the messages casebook prints
// ("unknown option --colour", "--title needs a value", "--role is trainee, supervisor or other,
// not 'boss'"). Callers that declare options on a CLI::App include <CLI/CLI.hpp> themselves.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Validator;
} // namespace CLI

namespace casebook::cli {

// A check that the value is one of `values`; the message lists them: "is a, b or c, not 'x'".
CLI::Validator one_of(std::vector<std::string> values);
// "a, b or c".
std::string either(const std::vector<std::string>& values);

// What to do with arguments the app does not declare.
enum class Unknown {
    error,  // an unknown option is an error; other words are returned in `rest`
    pass_on // returned in `rest` as given, in order, for a later parser (main's global options)
};

// Parses args (no program name) with `app`. On a usage error sets `error` to a message that names
// the option and returns false. A check (CLI::Validator) on an option words its message to follow
// the option's name: "wants a number from 50 to 1000" reads "--dpi wants a number from 50 to 1000".
bool parse_options(CLI::App& app, const std::vector<std::string>& args,
                   std::vector<std::string>& rest, std::string& error,
                   Unknown unknown = Unknown::error);

} // namespace casebook::cli
