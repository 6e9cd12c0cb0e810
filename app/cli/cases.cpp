// casebook cases list|show and casebook validate.
#include "casebook/cases.hpp"

#include "casebook/store.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"

namespace casebook::cli {

namespace {

const char* cases_usage =
    "casebook cases list [--json] [--profession P] [--topic T] "
    "[--jurisdiction J] [--setting S]\n"
    "                          [--status new|in-progress|done] [--search TEXT] "
    "[--sort title|shortest|profession|jurisdiction]\n"
    "                          [--profile NAME|ID [--pin-file FILE]]\n"
    "       casebook cases show <id> [--json]";

int cases_list(const Parsed& p, const Context& ctx) {
    CaseFilter f{p.option("--profession"),   p.option("--topic"),  p.option("--setting"),
                 p.option("--jurisdiction"), p.option("--search"), std::nullopt};
    if (const auto status = p.option("--status"); !status.empty()) {
        f.status = case_status_from_string(status);
        if (!f.status)
            return usage_error(ctx, "--status is new, in-progress or done, not '" + status + "'",
                               cases_usage);
    }
    CaseSort sort = CaseSort::title;
    if (const auto s = p.option("--sort"); !s.empty()) {
        auto parsed = case_sort_from_string(s);
        if (!parsed)
            return usage_error(
                ctx, "--sort is title, shortest, profession or jurisdiction, not '" + s + "'",
                cases_usage);
        sort = *parsed;
    }
    Library lib = load_library(ctx, p.has("--json"));
    Store store(ctx.data_dir() / Store::file_name);
    // Whose progress: a profile's, unlocked as every profile command unlocks it, or (without
    // --profile) the device's use without a profile.
    std::string profile_id;
    if (!p.option("--profile").empty()) {
        Journal journal(store);
        const auto profile = unlocked_profile(journal, p, ctx, cases_usage);
        if (!profile) return 2;
        profile_id = profile->id;
    }
    const auto statuses = Progress(store).statuses(profile_id);
    const auto cases = lib.filter(f, statuses, sort);
    auto status_of = [&](const Case& c) { return casebook::status_of(statuses, c.id); };
    if (p.has("--json")) {
        ctx.out << json::case_summaries(cases, statuses) << "\n";
        return 0;
    }
    for (const Case* c : cases) {
        ctx.out << c->id << "\n    " << c->title << "\n    " << profession_label(c->profession)
                << " · " << setting_label(c->setting) << " · "
                << jurisdiction_label(c->jurisdiction) << " · " << c->minutes << " min · "
                << to_string(status_of(*c)) << "\n";
    }
    ctx.out << cases.size() << " of " << lib.cases().size() << " cases\n";
    return 0;
}

void case_full_text(std::ostream& out, const Case& c, const Guidance& g) {
    auto speak = [&](const std::vector<Line>& ls) {
        for (const auto& l : ls) {
            const CastMember* m = c.member(l.speaker);
            out << "  " << (m ? m->name : l.speaker) << ": " << l.text << "\n";
        }
    };
    out << c.title << "\n"
        << c.summary << "\n"
        << profession_label(c.profession) << " · " << setting_label(c.setting) << " · "
        << jurisdiction_label(c.jurisdiction) << " · " << c.minutes << " minutes\n\n";
    out << "THE STORY SO FAR\n";
    for (const auto& s : c.story)
        out << "  " << s << "\n";
    out << "\nTHE CONSULTATION\n";
    speak(c.dialogue);
    for (std::size_t i = 0; i < c.decisions.size(); ++i) {
        const Decision& d = c.decisions[i];
        out << "\nDECISION " << i + 1 << "\n";
        for (const auto& b : d.before)
            out << "  " << b << "\n";
        speak(d.dialogue);
        out << "  " << d.prompt << "\n";
        for (const auto& o : d.options)
            out << "  " << o.key << ". " << o.text << "\n     [" << to_string(o.grade) << "] "
                << o.feedback << "\n";
    }
    out << "\nWHAT HAPPENED\n";
    for (std::size_t i = 0; i < c.what_happened.size(); ++i)
        out << "  " << i + 1 << ". " << c.what_happened[i] << "\n";
    out << "\nTHE GUIDANCE\n";
    for (const auto& ci : c.citations) {
        const GuidancePoint* p = g.resolve(ci);
        out << "  " << g.label(ci) << "\n     " << (p ? p->gist : "")
            << "\n     Here: " << ci.applies << "\n";
    }
    out << "\nCOLLEAGUES' VIEWS\n";
    for (const auto& v : c.views)
        out << "  " << v.who << ": " << v.view << "\n     "
            << (v.supported ? "Supported by the guidance: " : "Not supported by the guidance: ")
            << v.why << "\n";
    out << "\nLEARNING POINTS\n";
    for (const auto& l : c.learning_points)
        out << "  - " << l << "\n";
}

int cases_show(const Parsed& p, const Context& ctx) {
    if (p.words.size() != 1) return usage_error(ctx, "cases show needs one case id", cases_usage);
    Library lib = load_library(ctx, true);
    const Case* c = lib.find(p.words[0]);
    if (!c) {
        ctx.err << "casebook: no case with id '" << p.words[0] << "' (see `casebook cases list`)\n";
        return 2;
    }
    if (p.has("--json")) {
        ctx.out << json::case_full(*c, lib.guidance()) << "\n";
    } else {
        case_full_text(ctx.out, *c, lib.guidance());
    }
    return 0;
}

} // namespace

int cases_command(const std::vector<std::string>& args, const Context& ctx) {
    static const Command command{"cases",
                                 cases_usage,
                                 "",
                                 {"list", "show"},
                                 {{"--json"},
                                  {"--profession", "--topic", "--jurisdiction", "--setting",
                                   "--search", "--status", "--sort", "--profile", "--pin-file"}}};
    return run_command(args, ctx, command, [&](const std::string& sub, const Parsed& p) {
        if (sub == "show") return cases_show(p, ctx);
        if (!p.words.empty()) return usage_error(ctx, "cases list takes no case id", cases_usage);
        return cases_list(p, ctx);
    });
}

namespace {

const char* validate_usage = "casebook validate [--json] [PATH...]";

int validate(const Parsed& p, const Context& ctx) {
    Library lib = Library::load(ctx.assets_dir);
    if (!p.words.empty()) {
        // Check the given files against the bundled guidance, keeping its own problems.
        Problems guidance_problems;
        for (const auto& problem : lib.problems())
            if (problem.file.find("references.json") != std::string::npos)
                guidance_problems.push_back(problem);
        std::vector<std::filesystem::path> paths(p.words.begin(), p.words.end());
        lib = Library::load_files(paths, lib.guidance(), guidance_problems);
    }
    std::set<std::string> bad_files;
    for (const auto& problem : lib.problems())
        bad_files.insert(problem.file);
    const std::size_t checked = lib.cases().size() + bad_files.size();
    if (p.has("--json")) {
        ctx.out << json::validation(checked, lib.cases().size(), lib.problems()) << "\n";
    } else {
        print_problems(lib.problems(), ctx.out);
        ctx.out << checked << " file(s) checked, " << lib.cases().size() << " valid, "
                << lib.problems().size() << " problem(s)\n";
    }
    return lib.problems().empty() ? 0 : 1;
}

} // namespace

int validate_command(const std::vector<std::string>& args, const Context& ctx) {
    static const Command command{
        "validate",
        validate_usage,
        "Checks case files (the bundled ones if no PATH is given; a PATH may be a folder) "
        "against\nthe schema in assets/cases/SCHEMA.md and the guidance references. Lists every "
        "problem as\nfile: field: reason, and exits 1 if there is any.\n",
        {},
        {{"--json"}, {}}};
    return run_command(args, ctx, command,
                       [&](const std::string&, const Parsed& p) { return validate(p, ctx); });
}

} // namespace casebook::cli
