#include "cli_support.hpp"

#include "options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>

namespace casebook::cli {

std::string Parsed::option(const std::string& name) const {
    for (const auto& [k, v] : options)
        if (k == name) return v;
    return {};
}

namespace {

bool wants_help(const std::vector<std::string>& args) {
    return std::any_of(args.begin() + 1, args.end(),
                       [](const std::string& a) { return a == "--help" || a == "-h"; });
}

// Reads args[from...] with CLI11; false with `error` set on a usage error.
bool parse(const std::vector<std::string>& args, std::size_t from, const Spec& spec, Parsed& p,
           std::string& error) {
    CLI::App app;
    app.set_help_flag(); // run_command answers --help before parsing
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    std::map<std::string, bool> flags;
    std::map<std::string, std::string> values;
    std::map<std::string, std::vector<std::string>> repeated;
    for (const auto& f : spec.flags)
        app.add_flag(f, flags[f]);
    for (const auto& o : spec.options)
        app.add_option(o, values[o]);
    for (const auto& c : spec.choices)
        app.add_option(c.name, values[c.name])->check(one_of(c.values));
    for (const auto& r : spec.repeated)
        app.add_option(r, repeated[r])
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    const std::vector<std::string> given(args.begin() + static_cast<long>(from), args.end());
    if (!parse_options(app, given, p.words, error)) return false;
    for (const auto& [name, on] : flags)
        if (on) p.flags.insert(name);
    auto keep = [&](const std::string& name) {
        if (app.count(name) > 0) p.options.emplace_back(name, values[name]);
    };
    for (const auto& o : spec.options)
        keep(o);
    for (const auto& c : spec.choices)
        keep(c.name);
    for (const auto& r : spec.repeated)
        for (const auto& v : repeated[r])
            p.options.emplace_back(r, v);
    return true;
}

} // namespace

int run_command(const std::vector<std::string>& args, const Context& ctx, const Command& command,
                const std::function<int(const std::string& sub, const Parsed& p)>& run) {
    if (wants_help(args)) {
        ctx.out << "usage: " << command.usage << "\n" << command.help;
        return 0;
    }
    std::string sub;
    if (!command.subcommands.empty()) {
        if (args.size() < 2)
            return usage_error(ctx,
                               command.name + " needs a command: " + either(command.subcommands),
                               command.usage);
        sub = args[1];
        if (std::find(command.subcommands.begin(), command.subcommands.end(), sub) ==
            command.subcommands.end())
            return usage_error(ctx, "unknown " + command.name + " command '" + sub + "'",
                               command.usage);
    }
    Parsed p;
    std::string error;
    if (!parse(args, sub.empty() ? 1 : 2, command.spec, p, error))
        return usage_error(ctx, error, command.usage);
    return run(sub, p);
}

int usage_error(const Context& ctx, const std::string& message, const char* usage) {
    ctx.err << "casebook: " << message << "\nusage: " << usage << "\n";
    return 2;
}

void print_problems(const Problems& problems, std::ostream& out) {
    for (const auto& p : problems)
        out << p.to_string() << "\n";
}

Library load_library(const Context& ctx, bool quiet_problems) {
    Library lib = Library::load(ctx.assets_dir);
    if (!quiet_problems && !lib.problems().empty()) {
        ctx.err << "casebook: " << lib.problems().size()
                << " problem(s) in the bundled cases; those cases are left out "
                   "(run `casebook validate` for the list)\n";
    }
    return lib;
}

// "NHS number (2), postcode (1)".
std::string kinds_summary(const std::vector<IdentifierMatch>& matches) {
    std::vector<std::pair<IdentifierKind, int>> counts;
    for (const auto& m : matches) {
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto& c) { return c.first == m.kind; });
        if (it == counts.end())
            counts.emplace_back(m.kind, 1);
        else
            ++it->second;
    }
    std::string out;
    for (const auto& [kind, n] : counts) {
        if (!out.empty()) out += ", ";
        out += std::string(label(kind)) + " (" + std::to_string(n) + ")";
    }
    return out;
}

// The journal's warning before text with likely identifiers leaves the device or is kept.
void warn_identifiers(const Context& ctx, const std::string& what,
                      const std::vector<IdentifierMatch>& matches, const std::string& advice) {
    if (matches.empty()) return;
    ctx.err << "casebook: warning: " << what
            << " contains what look like patient identifiers: " << kinds_summary(matches) << "; "
            << advice << "\n";
}

} // namespace casebook::cli
