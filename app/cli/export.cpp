// casebook export, and the export writer `supervision export` shares: Markdown or PDF, with the
// identifier warning and --redact.
#include "casebook/base.hpp"
#include "casebook/identifiers.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"
#ifdef CASEBOOK_HAS_PDF
#include "pdf_export.hpp"
#endif

namespace casebook::cli {

namespace {

const char* export_usage = "casebook export --profile ID|NAME --format markdown|pdf OUT [--redact] "
                           "[--pin-file FILE] [--json]";

} // namespace

// Writes (or prints) a Markdown export, or lays it out as a PDF (--format pdf), warning about
// identifiers first.
int write_export(const Context& ctx, const Parsed& p, MarkdownExport doc, const std::string& out,
                 const std::string& what, const std::optional<json::ExportCounts>& whole) {
    const bool as_pdf = p.option("--format") == "pdf";
    if (as_pdf && out.empty()) {
        ctx.err << "casebook: a PDF needs a file to go to (--out FILE)\n";
        return 2;
    }
    if (p.has("--redact") && !doc.identifiers.empty()) {
        ctx.err << "casebook: redacted " << kinds_summary(doc.identifiers) << " in " << what
                << "\n";
        doc.text = redact(doc.text, doc.identifiers);
        doc.identifiers.clear();
    }
    warn_identifiers(ctx, what, doc.identifiers,
                     "check them, and redact them (--redact, or edit the notes) before sharing");
    if (as_pdf) {
#ifdef CASEBOOK_HAS_PDF
        try {
            pdf::write_markdown_pdf(doc.text, out, {"Casebook: " + what});
        } catch (const std::exception& e) {
            ctx.err << "casebook: " << e.what() << "\n";
            return 2;
        }
#else
        ctx.err << "casebook: this build has no PDF export (built with CASEBOOK_PDF=OFF)\n";
        return 2;
#endif
    } else if (!out.empty()) {
        try {
            write_file(out, doc.text);
        } catch (const FileError& e) {
            ctx.err << "casebook: " << e.what() << "\n";
            return 2;
        }
    }
    if (p.has("--json")) {
        ctx.out << json::exported(doc, out, whole) << "\n";
    } else if (out.empty()) {
        ctx.out << doc.text;
    }
    return 0;
}

int export_command(const std::vector<std::string>& args, const Context& ctx) {
    static const Command command{
        "export",
        export_usage,
        std::string("Writes the profile's notes (not the trash) and supervision sessions to OUT as "
                    "Markdown or as an A4 PDF.\nWarns on standard error about likely patient "
                    "identifiers; --redact replaces them.\n") +
            lock_help,
        {},
        {{"--json", "--redact"}, {"--profile", "--pin-file"}, {{"--format", {"markdown", "pdf"}}}}};
    return run_command(args, ctx, command, [&](const std::string&, const Parsed& p) {
        if (p.option("--profile").empty())
            return usage_error(ctx, "export needs --profile", export_usage);
        if (p.option("--format").empty())
            return usage_error(ctx, "export needs --format markdown or --format pdf", export_usage);
        if (p.words.size() != 1) return usage_error(ctx, "export needs one OUT file", export_usage);
        Store store(ctx.data_dir() / Store::file_name);
        Journal journal(store);
        const auto profile = unlocked_profile(journal, p, ctx, export_usage);
        if (!profile) return 2;
        const Library library = load_library(ctx, true);
        const auto note_count = journal.notes(profile->id).size();
        const auto session_count = journal.supervisions(profile->id).size();
        const int code = write_export(ctx, p, journal.export_markdown(profile->id, &library),
                                      p.words[0], "the export of " + profile->name,
                                      json::ExportCounts{profile->name, note_count, session_count});
        if (code == 0 && !p.has("--json"))
            ctx.out << "wrote " << p.words[0] << ": " << note_count << " note(s), " << session_count
                    << " supervision session(s)\n";
        return code;
    });
}

} // namespace casebook::cli
