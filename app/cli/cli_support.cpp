#include "cli_support.hpp"

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

} // namespace casebook::cli
