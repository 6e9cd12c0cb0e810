#include "cli_support.hpp"

#include <algorithm>

namespace casebook::cli {

std::string Parsed::option(const std::string& name) const {
    for (const auto& [k, v] : options)
        if (k == name) return v;
    return {};
}

Parsed parse(const std::vector<std::string>& args, std::size_t from,
             const std::set<std::string>& known_flags, const std::set<std::string>& known_options) {
    Parsed p;
    for (std::size_t i = from; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) == 0) {
            std::string name = a, value;
            bool inline_value = false;
            if (auto eq = a.find('='); eq != std::string::npos) {
                name = a.substr(0, eq);
                value = a.substr(eq + 1);
                inline_value = true;
            }
            if (known_flags.count(name) && !inline_value) {
                p.flags.insert(name);
            } else if (known_options.count(name)) {
                if (!inline_value) {
                    if (i + 1 >= args.size()) {
                        p.error = name + " needs a value";
                        return p;
                    }
                    value = args[++i];
                }
                p.options.emplace_back(name, value);
            } else {
                p.error = "unknown option " + a;
                return p;
            }
        } else {
            p.words.push_back(a);
        }
    }
    return p;
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

bool wants_help(const std::vector<std::string>& args) {
    return std::any_of(args.begin() + 1, args.end(),
                       [](const std::string& a) { return a == "--help" || a == "-h"; });
}

// Prints the usage for a bare command (exit 2) or --help (exit 0); nullopt to go on.
std::optional<int> help_or_missing(const std::vector<std::string>& args, const Context& ctx,
                                   const char* usage, const char* more) {
    if (args.size() < 2) {
        ctx.err << "usage: " << usage << "\n";
        return 2;
    }
    if (wants_help(args)) {
        ctx.out << "usage: " << usage << "\n" << more;
        return 0;
    }
    return std::nullopt;
}

} // namespace casebook::cli
