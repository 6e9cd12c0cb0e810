#pragma once
// What every command file shares: the command dispatch and its option parsing, usage errors,
// the bundled library, unlocking a profile.
#include "casebook/cases.hpp"
#include "casebook/journal.hpp"
#include "cli.hpp"
#include "json_views.hpp"

#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace casebook::cli {

// A command family's options, read by CLI11 (options.hpp).
struct Choice {
    std::string name;
    std::vector<std::string> values;
};
struct Spec {
    std::vector<std::string> flags;
    std::vector<std::string> options;       // take a value; given twice, the last one counts
    std::vector<Choice> choices = {};       // options whose value must be one of a list
    std::vector<std::string> repeated = {}; // options kept every time they are given (--in)
};

// What was given: flags, option values (in the order of the Spec), and the other words.
struct Parsed {
    std::set<std::string> flags;
    std::vector<std::pair<std::string, std::string>> options;
    std::vector<std::string> words;

    std::string option(const std::string& name) const;
    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
};

// One family of subcommands (`casebook notes add ...`) or one command (`casebook validate`).
struct Command {
    std::string name;
    const char* usage;
    std::string help;                     // printed after the usage by --help
    std::vector<std::string> subcommands; // empty: the command has none
    Spec spec;
};

// The one dispatch every command goes through: --help (or -h) anywhere prints the usage and the
// help (exit 0); a missing or unknown subcommand, an unknown option, a missing value or a value
// that is not one of a choice prints the message and the usage (exit 2). Otherwise runs `run`
// with the subcommand (empty if the command has none) and what was parsed.
int run_command(const std::vector<std::string>& args, const Context& ctx, const Command& command,
                const std::function<int(const std::string& sub, const Parsed& p)>& run);

// Prints "casebook: MESSAGE" and the usage to stderr; returns 2.
int usage_error(const Context& ctx, const std::string& message, const char* usage);

void print_problems(const Problems& problems, std::ostream& out);

// The bundled library; bad files are reported (unless quiet) and left out.
Library load_library(const Context& ctx, bool quiet_problems);

// ---- secrets.cpp
// The first line of a small file that holds a secret (what: "PIN", "passphrase"); nullopt with
// `error` set if it cannot be read or is empty.
std::optional<std::string> read_secret_file(const std::string& path, const std::string& what,
                                            std::string& error);
// The profile a command acts for (--profile, or the device's only one), unlocked with
// --pin-file or at a prompt. Prints why not and returns nullopt (exit 2).
std::optional<Profile> unlocked_profile(Journal& journal, const Parsed& p, const Context& ctx,
                                        const char* usage);
// How a locked profile is unlocked, for the help of the commands that need one.
extern const char* const lock_help;

// ---- identifiers in what leaves the device or is kept
// "NHS number (2), postcode (1)".
std::string kinds_summary(const std::vector<IdentifierMatch>& matches);
// The journal's warning before text with likely identifiers leaves the device or is kept.
void warn_identifiers(const Context& ctx, const std::string& what,
                      const std::vector<IdentifierMatch>& matches, const std::string& advice);

// ---- revise.cpp
// "YYYY-MM-DD" of a time in milliseconds since 1970, in UTC.
std::string date_of(std::int64_t ms);
// "decision" or "learning point".
const char* kind_name(ItemKind kind);

// ---- export.cpp
// Writes (or prints) a Markdown export, or lays it out as a PDF (--format pdf), warning about
// identifiers first. `whole` is set for a profile's whole export.
int write_export(const Context& ctx, const Parsed& p, MarkdownExport doc, const std::string& out,
                 const std::string& what, const std::optional<json::ExportCounts>& whole);

// The commands, each in its own file.
int cases_command(const std::vector<std::string>& args, const Context& ctx);
int validate_command(const std::vector<std::string>& args, const Context& ctx);
int checklist_command(const std::vector<std::string>& args, const Context& ctx);
int sync_command(const std::vector<std::string>& args, const Context& ctx);
int profiles_command(const std::vector<std::string>& args, const Context& ctx);
int notes_command(const std::vector<std::string>& args, const Context& ctx);
int supervision_command(const std::vector<std::string>& args, const Context& ctx);
int export_command(const std::vector<std::string>& args, const Context& ctx);
int revise_command(const std::vector<std::string>& args, const Context& ctx);

} // namespace casebook::cli
