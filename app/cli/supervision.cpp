// casebook supervision list|show|export: supervision sessions of a profile.
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"

namespace casebook::cli {

namespace {

const char* supervision_usage =
    "casebook supervision list [--profile ID|NAME] [--pin-file FILE] [--json]\n"
    "       casebook supervision show <id> [--profile ID|NAME] [--pin-file FILE] [--json]\n"
    "       casebook supervision export <id> [--format markdown|pdf] [--out FILE] [--redact]\n"
    "                                   [--profile ID|NAME] [--pin-file FILE] [--json]";

std::string sign_state(const Supervision& s) {
    if (s.signed_off()) return "signed off";
    if (!s.signed_by_supervisor_at.empty()) return "draft, signed by the supervisor";
    if (!s.signed_by_trainee_at.empty()) return "draft, signed by the trainee";
    return "draft";
}

int supervision_run(const std::string& sub, Journal& journal, const Profile& profile,
                    const Parsed& p, const Context& ctx) {
    if (sub == "list") {
        if (!p.words.empty())
            return usage_error(ctx, "supervision list takes no id", supervision_usage);
        const auto all = journal.supervisions(profile.id);
        if (p.has("--json")) {
            ctx.out << json::supervisions(all, journal) << "\n";
            return 0;
        }
        for (const auto& s : all) {
            auto other =
                journal.profile(profile.id == s.supervisor_profile_id ? s.trainee_profile_id
                                                                      : s.supervisor_profile_id);
            ctx.out << s.id << "  " << s.created_at.substr(0, 10) << "  "
                    << (profile.id == s.supervisor_profile_id ? "supervising " : "supervised by ")
                    << (other ? other->name : "?") << "  " << sign_state(s);
            if (!s.case_id.empty()) ctx.out << "\n    case " << s.case_id;
            ctx.out << "\n";
        }
        ctx.out << all.size() << " supervision session(s)\n";
        return 0;
    }
    if (p.words.size() != 1)
        return usage_error(ctx, "supervision " + sub + " needs one session id", supervision_usage);
    const auto s = journal.supervision(profile.id, p.words[0]);
    if (!s) {
        ctx.err << "casebook: no supervision session " << p.words[0] << " in profile "
                << profile.name << " (see `casebook supervision list`)\n";
        return 2;
    }
    const Library library = load_library(ctx, true);
    if (sub == "show") {
        if (p.has("--json")) {
            ctx.out << json::supervision(*s, journal) << "\n";
        } else {
            ctx.out << journal.supervision_markdown(profile.id, s->id, &library).text;
        }
        return 0;
    }
    return write_export(ctx, p, journal.supervision_markdown(profile.id, s->id, &library),
                        p.option("--out"), "supervision session " + s->id, std::nullopt);
}

} // namespace

int supervision_command(const std::vector<std::string>& args, const Context& ctx) {
    static const Command command{
        "supervision",
        supervision_usage,
        "Supervision sessions where the profile is the supervisor or the trainee. `export`\n"
        "writes Markdown for an e-portfolio (to standard output, or --out FILE), or an A4 PDF\n"
        "with --format pdf --out FILE.\n",
        {"list", "show", "export"},
        {{"--json", "--redact"},
         {"--profile", "--pin-file", "--out"},
         {{"--format", {"markdown", "pdf"}}}}};
    return run_command(args, ctx, command, [&](const std::string& sub, const Parsed& p) {
        Store store(ctx.data_dir() / Store::file_name);
        Journal journal(store);
        const auto profile = unlocked_profile(journal, p, ctx, supervision_usage);
        if (!profile) return 2;
        return supervision_run(sub, journal, *profile, p, ctx);
    });
}

} // namespace casebook::cli
