#include "cli.hpp"

#include "cli_support.hpp"

#include <algorithm>
#include <ostream>

namespace casebook::cli {

namespace {

struct Family {
    const char* name;
    const char* summary;
    int (*run)(const std::vector<std::string>& args, const Context& ctx);
};

const Family commands[] = {
    {"cases", "list the cases or show one", cases_command},
    {"validate", "check case files and list every problem", validate_command},
    {"checklist", "the disclosure checklist: its steps, or evaluate an answers file",
     checklist_command},
    {"profiles", "list the profiles on this device or add one", profiles_command},
    {"notes", "add, list, show, edit, delete, restore and search notes", notes_command},
    {"supervision", "list, show or export supervision sessions", supervision_command},
    {"export", "write a profile's notes and supervision sessions as Markdown", export_command},
    {"revise", "personal revision: what is due, answer or grade an item, progress", revise_command},
    {"sync", "sync notes and records with other devices through a shared folder", sync_command},
};

} // namespace

bool is_command(const std::string& word) {
    return std::any_of(std::begin(commands), std::end(commands),
                       [&](const Family& c) { return word == c.name; });
}

std::string commands_help() {
    std::string out;
    for (const auto& c : commands) {
        out += "  ";
        out += c.name;
        out += std::string(13 - std::string(c.name).size(), ' '); // "supervision" + 2
        out += c.summary;
        out += "\n";
    }
    return out;
}

int run(const std::vector<std::string>& args, const Context& ctx) {
    for (const auto& c : commands) {
        if (args.empty() || args[0] != c.name) continue;
        try {
            return c.run(args, ctx);
        } catch (const std::exception& e) {
            // The same prefix as every other message, so one error reads alike from any command.
            ctx.err << "casebook: " << e.what() << "\n";
            return 2;
        }
    }
    ctx.err << "casebook: unknown command '" << (args.empty() ? "" : args[0])
            << "' (see casebook --help)\n";
    return 2;
}

} // namespace casebook::cli
