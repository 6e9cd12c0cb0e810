#include "options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>

namespace casebook::cli {

namespace {

// The first word of a CLI11 message that looks like an option: the one it is about.
std::string option_in(const std::string& message) {
    const auto at = message.find("--");
    if (at == std::string::npos) return {};
    const auto end = message.find_first_of(": =", at);
    return message.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// As before CLI11: a word is an option if it starts with "--" (so "-" and "-5" stay words).
bool looks_like_option(const std::string& word) {
    return word.size() > 2 && word.rfind("--", 0) == 0;
}

} // namespace

std::string either(const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i == 0 ? "" : i + 1 == values.size() ? " or " : ", ") + values[i];
    return out;
}

CLI::Validator one_of(std::vector<std::string> values) {
    const std::string names = either(values);
    return CLI::Validator(
        [values = std::move(values), names](std::string& value) -> std::string {
            if (std::find(values.begin(), values.end(), value) != values.end()) return {};
            return "is " + names + ", not '" + value + "'";
        },
        names);
}

bool parse_options(CLI::App& app, const std::vector<std::string>& args,
                   std::vector<std::string>& rest, std::string& error, Unknown unknown) {
    app.allow_extras();
    rest.clear();
    error.clear();
    try {
        // CLI11 takes its arguments last first.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::ValidationError& e) {
        // CLI11 writes "--role: MESSAGE"; our checks' messages go on from the option's name
        // ("is trainee, supervisor or other, not 'boss'"), so the colon goes.
        std::string message = e.what();
        if (message.rfind("--", 0) == 0)
            if (const auto colon = message.find(": "); colon != std::string::npos)
                message.erase(colon, 1);
        error = message;
        return false;
    } catch (const CLI::ArgumentMismatch& e) {
        const auto name = option_in(e.what());
        error = name.empty() ? std::string(e.what()) : name + " needs a value";
        return false;
    } catch (const CLI::ParseError& e) {
        error = e.what();
        return false;
    }
    rest = app.remaining();
    if (unknown == Unknown::pass_on) return true;
    for (const auto& word : rest)
        if (looks_like_option(word)) {
            error = "unknown option " + word;
            return false;
        }
    // "--" only ends the options: the words after it are kept, the mark is not.
    std::erase(rest, "--");
    return true;
}

} // namespace casebook::cli
