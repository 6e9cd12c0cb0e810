#pragma once
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace casebook::cli {

// What a command needs from outside: where things are, and where to print.
struct Context {
    std::filesystem::path assets_dir;
    // Resolved only by commands that touch the user's data, so `validate` never creates a folder.
    std::function<std::filesystem::path()> data_dir;
    std::ostream& out;
    std::ostream& err;
    // Asks for a secret (PIN, passphrase) at the terminal without echo; nullopt when there is no
    // terminal. Supplied by platform/, which owns OS calls.
    std::function<std::optional<std::string>(const std::string& prompt)> read_secret;
};

// True if `word` names a subcommand (so main() runs headless).
bool is_command(const std::string& word);

// The command list for `casebook --help`.
std::string commands_help();

// Runs one subcommand; args[0] is its name. Returns the process exit code:
// 0 success, 1 the command ran and found problems, 2 bad usage or an error.
int run(const std::vector<std::string>& args, const Context& context);

} // namespace casebook::cli
