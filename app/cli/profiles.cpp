// casebook profiles list|add: the profiles on this device.
#include "casebook/base.hpp"
#include "casebook/checklist.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"

namespace casebook::cli {

namespace {

const char* profiles_usage =
    "casebook profiles list [--json]\n"
    "       casebook profiles add --name NAME [--role trainee|supervisor|other] "
    "[--profession P]\n"
    "                             [--jurisdiction J] [--pin-file FILE] [--json]";

std::string profile_line(const Profile& p) {
    std::string out = p.name + " · " + to_string(p.role);
    if (!p.profession.empty()) out += " · " + profession_label(p.profession);
    if (!p.jurisdiction.empty()) out += " · " + jurisdiction_label(p.jurisdiction);
    if (p.has_pin) out += " · PIN";
    return out;
}

int profiles_list(const Parsed& p, const Context& ctx) {
    if (!p.words.empty()) return usage_error(ctx, "profiles list takes no words", profiles_usage);
    Store store(ctx.data_dir() / Store::file_name);
    Journal journal(store);
    const auto all = journal.profiles();
    if (p.has("--json")) {
        ctx.out << json::profiles(all) << "\n";
        return 0;
    }
    for (const auto& one : all)
        ctx.out << profile_line(one) << "\n    " << one.id << "\n";
    ctx.out << all.size() << " profile(s)\n";
    return 0;
}

int profiles_add(const Parsed& p, const Context& ctx) {
    if (!p.words.empty()) return usage_error(ctx, "profiles add takes no words", profiles_usage);
    ProfileDetails details{p.option("--name"), Role::other, p.option("--profession"),
                           p.option("--jurisdiction")};
    if (details.name.empty()) return usage_error(ctx, "profiles add needs --name", profiles_usage);
    for (const char* option : {"--name", "--profession", "--jurisdiction"})
        if (Problems problems; !check_text_input(p.option(option), {}, option, problems))
            return usage_error(ctx, std::string(option) + ": the text " + problems.front().reason,
                               profiles_usage);
    // The parser took only trainee, supervisor or other.
    if (const auto role = role_from_string(p.option("--role"))) details.role = *role;
    std::optional<std::string> pin;
    if (const auto file = p.option("--pin-file"); !file.empty()) {
        std::string error;
        pin = read_secret_file(file, "PIN", error);
        if (!pin) return usage_error(ctx, error, profiles_usage);
    }
    if (pin) {
        if (Problems problems;
            !Journal::check_pin(*pin, p.option("--pin-file"), "first line", problems))
            return usage_error(ctx, "the PIN file's first line: " + problems.front().reason,
                               profiles_usage);
    }
    Store store(ctx.data_dir() / Store::file_name);
    Journal journal(store);
    Profile added = journal.add_profile(details);
    if (pin) {
        journal.set_pin(added.id, *pin);
        added.has_pin = true;
    }
    if (p.has("--json")) {
        ctx.out << json::profile(added) << "\n";
    } else {
        ctx.out << "added profile " << profile_line(added) << "\n    " << added.id << "\n";
    }
    return 0;
}

} // namespace

int profiles_command(const std::vector<std::string>& args, const Context& ctx) {
    static const Command command{
        "profiles",
        profiles_usage,
        "Profiles on this device: name, role, profession, jurisdiction and an optional PIN\n"
        "(stored only as an Argon2id hash; --pin-file FILE holds it on its first line).\n"
        "J is england, wales, scotland or northern-ireland.\n",
        {"list", "add"},
        {{"--json"},
         {"--name", "--profession", "--pin-file"},
         {{"--role", {"trainee", "supervisor", "other"}},
          {"--jurisdiction", checklist_jurisdictions()}}}};
    return run_command(args, ctx, command, [&](const std::string& sub, const Parsed& p) {
        return sub == "add" ? profiles_add(p, ctx) : profiles_list(p, ctx);
    });
}

} // namespace casebook::cli
