// casebook checklist steps|evaluate: the disclosure checklist without a window.
#include "casebook/checklist.hpp"

#include "casebook/base.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"

namespace casebook::cli {

namespace {

const char* checklist_usage =
    "casebook checklist steps [--jurisdiction J] [--json]\n"
    "       casebook checklist evaluate ANSWERS.json [--jurisdiction J] [--profession P] "
    "[--json|--markdown|--text]\n"
    "J is england, wales, scotland or northern-ireland. P is doctor, nurse, health-visitor,\n"
    "midwife, counsellor, psychologist, pharmacist or paramedic: it decides which professional\n"
    "code is shown. Both replace the answers file's own. The answers file format is in\n"
    "assets/checklist/SCHEMA.md.";

// The checklist with the bundled guidance, or a message and nullopt.
std::optional<Checklist> load_checklist(const Context& ctx) {
    FolderAssets assets(ctx.assets_dir);
    Library lib = Library::load(assets);
    Problems problems;
    Checklist checklist = Checklist::load(assets, lib.guidance(), problems);
    if (!problems.empty()) {
        print_problems(problems, ctx.err);
        ctx.err << "casebook checklist: the checklist definition has problems (above)\n";
        return std::nullopt;
    }
    return checklist;
}

int steps(const Parsed& p, const Context& ctx) {
    const std::string j =
        p.option("--jurisdiction").empty() ? "england" : p.option("--jurisdiction");
    auto checklist = load_checklist(ctx);
    if (!checklist) return 2;
    if (p.has("--json")) {
        ctx.out << json::checklist_steps(checklist->definition(), j, checklist->guidance()) << "\n";
        return 0;
    }
    int n = 0;
    for (const auto& step : checklist->steps(j)) {
        ctx.out << ++n << ". " << step.title << (step.required ? "" : " (optional)") << "\n";
        ctx.out << "   id: " << step.id << ", answer: " << to_string(step.type) << "\n";
        for (const auto& o : step.options)
            ctx.out << "   - " << o.id << ": " << o.label << "\n";
        if (!step.when.empty()) {
            ctx.out << "   only when:";
            for (const auto& c : step.when) {
                ctx.out << " " << c.step << " is";
                for (const auto& v : c.is)
                    ctx.out << " " << v;
                ctx.out << ";";
            }
            ctx.out << "\n";
        }
    }
    return 0;
}

int evaluate_command(const Parsed& p, const Context& ctx) {
    if (p.words.size() != 1)
        return usage_error(ctx, "checklist evaluate needs one answers file", checklist_usage);
    const std::string j = p.option("--jurisdiction");
    const std::string profession = p.option("--profession");
    if (!profession.empty() && !is_checklist_profession(profession))
        return usage_error(ctx, "--profession P: '" + profession + "' is not a profession",
                           checklist_usage);
    auto checklist = load_checklist(ctx);
    if (!checklist) return 2;
    std::string text;
    try {
        text = read_file(p.words[0]);
    } catch (const FileError& e) {
        ctx.err << "casebook checklist: " << e.what() << "\n";
        return 2;
    }
    Problems problems;
    Answers answers =
        checklist->parse_answers(text, p.words[0], problems, AnswersCheck::complete, j, profession);
    if (!problems.empty()) {
        print_problems(problems, ctx.err);
        ctx.err << "casebook checklist: " << problems.size() << " problem(s) in " << p.words[0]
                << "\n";
        return 1;
    }
    const Evaluation e = checklist->evaluate(answers);
    if (p.has("--json")) {
        ctx.out << json::evaluation(e, checklist->definition(), checklist->guidance()) << "\n";
        return 0;
    }
    // The record's time is now, written as the app writes it.
    const DecisionRecord record = checklist->record(answers, record_time(now_iso8601()));
    if (p.has("--markdown")) {
        ctx.out << checklist->markdown(record);
        return 0;
    }
    if (p.has("--text")) {
        ctx.out << checklist->text(record);
        return 0;
    }
    // The outcome's summary is the first reason: printed once, under the outcome.
    const auto& info = checklist->definition().outcome(e.outcome);
    ctx.out << "Outcome: " << info.label << "\n" << info.summary << "\n";
    for (const auto& d : e.duties)
        if (d.applies)
            ctx.out << "Legal duty: " << d.label
                    << (d.recipient_label.empty() ? "" : "; report to: " + d.recipient_label)
                    << (d.met ? "" : ", not yet among those you will tell") << "\n";
    for (const auto& r : e.reasons)
        if (r.step != "outcome") ctx.out << "  - " << r.text << "\n";
    for (const auto& w : e.warnings)
        ctx.out << "Warning: " << w.text << "\n";
    ctx.out << "(--markdown or --text prints the decision record for the notes)\n";
    return 0;
}

} // namespace

int checklist_command(const std::vector<std::string>& args, const Context& ctx) {
    static const Command command{"checklist",
                                 checklist_usage,
                                 "",
                                 {"steps", "evaluate"},
                                 {{"--json", "--markdown", "--text"},
                                  {"--profession"},
                                  {{"--jurisdiction", checklist_jurisdictions()}}}};
    return run_command(args, ctx, command, [&](const std::string& sub, const Parsed& p) {
        if (sub == "evaluate") return evaluate_command(p, ctx);
        if (!p.words.empty())
            return usage_error(ctx, "checklist steps takes no file", checklist_usage);
        return steps(p, ctx);
    });
}

} // namespace casebook::cli
