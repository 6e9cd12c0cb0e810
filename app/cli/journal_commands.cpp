// casebook profiles, notes, supervision and export: the journal from the command line.
#include "casebook/files.hpp"
#include "casebook/identifier_guard.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "casebook/text_check.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"
#ifdef CASEBOOK_HAS_PDF
#include "pdf_export.hpp"
#endif

#include <algorithm>
#include <iostream>
#include <iterator>
#include <sstream>

namespace casebook::cli {

namespace {

const char* profiles_usage =
    "casebook profiles list [--json]\n"
    "       casebook profiles add --name NAME [--role trainee|supervisor|other] "
    "[--profession P]\n"
    "                             [--jurisdiction J] [--pin-file FILE] [--json]";

const char* notes_usage =
    "casebook notes add --title T (--body TEXT | --body-file FILE) [--tags a,b]\n"
    "                          [--case ID | --decision CASE/DECISION | --record ID]\n"
    "       casebook notes list [--trash] [--tag T]\n"
    "       casebook notes show <id> [--versions]\n"
    "       casebook notes edit <id> [--title T] [--body TEXT | --body-file FILE] [--tags a,b]\n"
    "       casebook notes delete <id>\n"
    "       casebook notes restore <id> [--version N]\n"
    "       casebook notes search <words...> [--in notes|supervision|cases]... [--limit N]\n"
    "  each also takes [--profile ID|NAME] [--pin-file FILE] [--json]";

const char* supervision_usage =
    "casebook supervision list [--profile ID|NAME] [--pin-file FILE] [--json]\n"
    "       casebook supervision show <id> [--profile ID|NAME] [--pin-file FILE] [--json]\n"
    "       casebook supervision export <id> [--format markdown|pdf] [--out FILE] [--redact]\n"
    "                                   [--profile ID|NAME] [--pin-file FILE] [--json]";

const char* export_usage = "casebook export --profile ID|NAME --format markdown|pdf OUT [--redact] "
                           "[--pin-file FILE] [--json]";

const char* lock_help =
    "A profile with a PIN is unlocked with --pin-file FILE (the PIN on its first line) or,\n"
    "when standard input is a terminal, at a prompt. A wrong PIN exits 2; from the third wrong\n"
    "PIN in a row each one makes the next try wait longer (30 s, doubling, at most 15 min).\n"
    "--profile may be left out when the device has one profile.\n";

std::string first_line(const std::string& text) {
    auto line = text.substr(0, text.find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// Asks for a PIN at the terminal (platform/ turns echo off); nullopt without a terminal.
std::optional<std::string> prompt_for_pin(const Context& ctx, const std::string& name) {
    if (!ctx.read_secret) return std::nullopt;
    return ctx.read_secret("PIN for " + name + ": ");
}

// A PIN file holds one short line; anything longer is the wrong file (or /dev/zero).
constexpr std::size_t pin_file_limit = 4096;
// The largest note body read from a file or standard input (the sync format's text cap).
constexpr std::size_t body_limit = 4u << 20;

// The PIN from --pin-file; sets `error` if the file cannot be read.
std::optional<std::string> pin_from_file(const Parsed& p, std::string& error) {
    const auto file = p.option("--pin-file");
    if (file.empty()) return std::nullopt;
    auto text = read_file(file, error, pin_file_limit);
    if (!text) {
        error = "cannot read the PIN file " + file + ": " + error;
        return std::nullopt;
    }
    auto pin = first_line(*text);
    if (pin.empty()) {
        error = "the PIN file " + file + " is empty: the PIN goes on its first line";
        return std::nullopt;
    }
    return pin;
}

} // namespace

// The profile the command acts for, unlocked. Prints why not and returns nullopt (exit 2).
std::optional<Profile> unlocked_profile(Journal& journal, const Parsed& p, const Context& ctx,
                                        const char* usage) {
    std::optional<Profile> profile;
    if (const auto wanted = p.option("--profile"); !wanted.empty()) {
        profile = journal.find_profile(wanted);
        if (!profile) {
            ctx.err << "casebook: no profile '" << wanted
                    << "' on this device (see `casebook profiles list`)\n";
            return std::nullopt;
        }
    } else {
        auto all = journal.profiles();
        if (all.empty()) {
            ctx.err << "casebook: no profiles yet: add one with `casebook profiles add --name "
                       "NAME`\n";
            return std::nullopt;
        }
        if (all.size() > 1) {
            usage_error(ctx,
                        "--profile is needed: this device has " + std::to_string(all.size()) +
                            " profiles (see `casebook profiles list`)",
                        usage);
            return std::nullopt;
        }
        profile = all[0];
    }
    if (!profile->has_pin) return profile;
    if (const auto wait = journal.pin_wait(profile->id); wait.count() > 0) {
        ctx.err << "casebook: " << PinCheck{PinCheck::Outcome::wait, wait}.message(profile->name)
                << "\n";
        return std::nullopt;
    }
    std::string error;
    auto pin = pin_from_file(p, error);
    if (!error.empty()) {
        ctx.err << "casebook: " << error << "\n";
        return std::nullopt;
    }
    if (!pin) pin = prompt_for_pin(ctx, profile->name);
    if (!pin) {
        ctx.err << "casebook: profile " << profile->name
                << " is locked with a PIN: give it with --pin-file FILE (standard input is not "
                   "a terminal, so it cannot be asked for)\n";
        return std::nullopt;
    }
    const PinCheck check = journal.check_pin(profile->id, *pin);
    if (!check.accepted()) {
        ctx.err << "casebook: " << check.message(profile->name) << "\n";
        return std::nullopt;
    }
    return profile;
}

namespace {

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

std::string readable_time(const std::string& iso) {
    if (iso.size() < 16 || iso[10] != 'T') return iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

// ---- profiles ---------------------------------------------------------------------------

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
        if (auto problem = text_input_problem(p.option(option)); !problem.empty())
            return usage_error(ctx, std::string(option) + ": the text " + problem, profiles_usage);
    if (const auto role = p.option("--role"); !role.empty()) {
        auto parsed = role_from_string(role);
        if (!parsed)
            return usage_error(ctx, "--role is trainee, supervisor or other, not '" + role + "'",
                               profiles_usage);
        details.role = *parsed;
    }
    std::string error;
    const auto pin = pin_from_file(p, error);
    if (!error.empty()) return usage_error(ctx, error, profiles_usage);
    if (pin) {
        if (auto problem = Journal::pin_problem(*pin); !problem.empty())
            return usage_error(ctx, "the PIN file's first line: " + problem, profiles_usage);
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

// ---- notes ------------------------------------------------------------------------------

void warn_note(const Context& ctx, const Note& n) {
    auto found = find_identifiers(n.title);
    for (auto& m : find_identifiers(n.body))
        found.push_back(m);
    warn_identifiers(ctx, "note " + n.id, found,
                     "edit it to remove them unless they belong there (export and sync will warn "
                     "again)");
}

// Title, body and attachment from the options, over `draft`. Returns an error or empty.
std::string draft_from_options(const Parsed& p, NoteDraft& draft, bool& changed) {
    const bool body = !p.option("--body").empty(), body_file = !p.option("--body-file").empty();
    if (body && body_file) return "give --body or --body-file, not both";
    int attachments = 0;
    for (const char* a : {"--case", "--decision", "--record"})
        attachments += !p.option(a).empty();
    if (attachments > 1) return "a note is attached to one thing: --case, --decision or --record";
    for (const auto& [name, value] : p.options) {
        if (name == "--title" || name == "--body" || name == "--tags")
            if (auto problem = text_input_problem(value); !problem.empty())
                return name + ": the text " + problem;
        if (name == "--title")
            draft.title = value;
        else if (name == "--body")
            draft.body = value;
        else if (name == "--tags")
            draft.tags = {value};
        else if (name == "--case" || name == "--decision" || name == "--record") {
            draft.attached_kind = name == "--case"       ? "case"
                                  : name == "--decision" ? "decision"
                                                         : "checklist_record";
            draft.attached_id = value;
        } else if (name == "--body-file") {
            if (value == "-") {
                std::string all;
                char chunk[65536];
                while (std::cin.read(chunk, sizeof chunk) || std::cin.gcount() > 0) {
                    all.append(chunk, static_cast<std::size_t>(std::cin.gcount()));
                    if (all.size() > body_limit)
                        return "standard input: more than the " + std::to_string(body_limit) +
                               " bytes a note may hold";
                }
                if (auto problem = text_input_problem(all); !problem.empty())
                    return "standard input " + problem;
                draft.body = std::move(all);
            } else {
                std::string error;
                auto text = read_file(value, error, body_limit);
                if (!text) return "cannot read " + value + ": " + error;
                if (auto problem = text_input_problem(*text); !problem.empty())
                    return value + ": " + problem;
                draft.body = *text;
            }
        } else {
            continue;
        }
        changed = true;
    }
    return {};
}

std::optional<int> positive_number(const std::string& text) {
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const int n = std::stoi(text);
    if (n < 1) return std::nullopt;
    return n;
}

int notes_add(Journal& journal, const Profile& profile, const Parsed& p, const Context& ctx) {
    if (!p.words.empty()) return usage_error(ctx, "notes add takes no note id", notes_usage);
    NoteDraft draft;
    bool changed = false;
    if (auto error = draft_from_options(p, draft, changed); !error.empty())
        return usage_error(ctx, error, notes_usage);
    if (draft.title.empty() && draft.body.empty())
        return usage_error(ctx, "notes add needs --title or a body", notes_usage);
    const Note n = journal.add_note(profile.id, draft);
    warn_note(ctx, n);
    if (p.has("--json")) {
        ctx.out << json::note(n, true) << "\n";
    } else {
        ctx.out << "added note " << n.id << "\n";
    }
    return 0;
}

int notes_list(Journal& journal, const Profile& profile, const Parsed& p, const Context& ctx) {
    if (!p.words.empty()) return usage_error(ctx, "notes list takes no note id", notes_usage);
    const bool in_trash = p.has("--trash");
    auto list = in_trash ? journal.trash(profile.id)
                         : journal.notes(profile.id, NoteFilter{p.option("--tag"), {}, {}});
    if (in_trash && !p.option("--tag").empty()) {
        const auto tag = p.option("--tag");
        std::erase_if(list, [&](const Note& n) {
            return std::find(n.tags.begin(), n.tags.end(), tag) == n.tags.end();
        });
    }
    if (p.has("--json")) {
        ctx.out << json::notes(list) << "\n";
        return 0;
    }
    for (const auto& n : list) {
        ctx.out << n.id << "  "
                << (in_trash ? "deleted " + readable_time(n.deleted_at)
                             : "edited " + readable_time(n.edited_at))
                << "  v" << n.version << "\n    " << (n.title.empty() ? "(untitled)" : n.title);
        if (!n.tags.empty()) {
            ctx.out << "  [";
            for (std::size_t i = 0; i < n.tags.size(); ++i)
                ctx.out << (i ? ", " : "") << n.tags[i];
            ctx.out << "]";
        }
        ctx.out << "\n";
    }
    ctx.out << list.size() << (in_trash ? " note(s) in the trash\n" : " note(s)\n");
    return 0;
}

int notes_show(Journal& journal, const Profile& profile, const Parsed& p, const Context& ctx) {
    if (p.words.size() != 1) return usage_error(ctx, "notes show needs one note id", notes_usage);
    const auto n = journal.note(profile.id, p.words[0]);
    if (!n) {
        ctx.err << "casebook: no note " << p.words[0] << " in profile " << profile.name
                << " (see `casebook notes list`)\n";
        return 2;
    }
    const auto versions = journal.note_versions(profile.id, n->id);
    if (p.has("--json")) {
        ctx.out << json::note(*n, true, p.has("--versions") ? &versions : nullptr) << "\n";
        return 0;
    }
    ctx.out << (n->title.empty() ? "(untitled)" : n->title) << "\n";
    ctx.out << "created " << readable_time(n->created_at) << " · edited "
            << readable_time(n->edited_at) << " · version " << n->version;
    if (!n->tags.empty()) {
        ctx.out << " · tags:";
        for (const auto& t : n->tags)
            ctx.out << " " << t;
    }
    if (n->attached_kind != "none")
        ctx.out << " · on " << n->attached_kind << " " << n->attached_id;
    if (n->in_trash()) ctx.out << " · in the trash since " << readable_time(n->deleted_at);
    ctx.out << "\n\n" << n->body << (n->body.empty() || n->body.back() != '\n' ? "\n" : "");
    if (p.has("--versions")) {
        ctx.out << "\nVERSIONS\n";
        for (const auto& v : versions)
            ctx.out << "  " << v.number << "  " << readable_time(v.saved_at) << "  "
                    << (v.title.empty() ? "(untitled)" : v.title) << " · " << v.body.size()
                    << " characters\n";
    }
    return 0;
}

int notes_edit(Journal& journal, const Profile& profile, const Parsed& p, const Context& ctx) {
    if (p.words.size() != 1) return usage_error(ctx, "notes edit needs one note id", notes_usage);
    const auto n = journal.note(profile.id, p.words[0]);
    if (!n) {
        ctx.err << "casebook: no note " << p.words[0] << " in profile " << profile.name << "\n";
        return 2;
    }
    NoteDraft draft{n->title, n->body, n->tags, n->attached_kind, n->attached_id};
    bool changed = false;
    if (auto error = draft_from_options(p, draft, changed); !error.empty())
        return usage_error(ctx, error, notes_usage);
    if (!changed)
        return usage_error(ctx,
                           "notes edit needs --title, --body, --body-file, --tags or an "
                           "attachment",
                           notes_usage);
    const Note saved = journal.save_note(profile.id, n->id, draft);
    warn_note(ctx, saved);
    if (p.has("--json")) {
        ctx.out << json::note(saved, true) << "\n";
    } else if (saved.version == n->version && saved.edited_at == n->edited_at) {
        ctx.out << "note " << saved.id << " unchanged (version " << saved.version << ")\n";
    } else {
        ctx.out << "saved note " << saved.id << " (version " << saved.version << ")\n";
    }
    return 0;
}

int notes_delete(Journal& journal, const Profile& profile, const Parsed& p, const Context& ctx) {
    if (p.words.size() != 1) return usage_error(ctx, "notes delete needs one note id", notes_usage);
    journal.trash_note(profile.id, p.words[0]);
    if (p.has("--json")) {
        ctx.out << json::note_trashed(p.words[0]) << "\n";
    } else {
        ctx.out << "moved note " << p.words[0] << " to the trash (bring it back with `casebook "
                << "notes restore " << p.words[0] << "`)\n";
    }
    return 0;
}

int notes_restore(Journal& journal, const Profile& profile, const Parsed& p, const Context& ctx) {
    if (p.words.size() != 1)
        return usage_error(ctx, "notes restore needs one note id", notes_usage);
    const auto& id = p.words[0];
    Note restored;
    std::string what;
    if (const auto version = p.option("--version"); !version.empty()) {
        const auto number = positive_number(version);
        if (!number)
            return usage_error(ctx,
                               "--version is a version number (1, 2, ...), not '" + version + "'",
                               notes_usage);
        restored = journal.restore_version(profile.id, id, *number);
        what = "restored version " + version + " of note " + id + " as version " +
               std::to_string(restored.version);
    } else {
        const auto n = journal.note(profile.id, id);
        if (n && !n->in_trash()) {
            ctx.err << "casebook: note " << id
                    << " is not in the trash (use --version N to bring back an earlier text)\n";
            return 2;
        }
        restored = journal.restore_note(profile.id, id);
        what = "restored note " + id + " from the trash";
    }
    if (p.has("--json")) {
        ctx.out << json::note(restored, true) << "\n";
    } else {
        ctx.out << what << "\n";
    }
    return 0;
}

int notes_search(Journal& journal, const Profile& profile, const Parsed& p, const Context& ctx) {
    if (p.words.empty()) return usage_error(ctx, "notes search needs some words", notes_usage);
    std::string text;
    for (const auto& word : p.words)
        text += (text.empty() ? "" : " ") + word;
    SearchOptions options;
    if (const auto limit = p.option("--limit"); !limit.empty()) {
        const auto n = positive_number(limit);
        if (!n) return usage_error(ctx, "--limit is a number, not '" + limit + "'", notes_usage);
        options.limit = static_cast<std::size_t>(*n);
    }
    bool restricted = false;
    for (const auto& [name, value] : p.options) {
        if (name != "--in") continue;
        if (!restricted) options.notes = options.supervision = options.cases = false;
        restricted = true;
        if (value == "notes")
            options.notes = true;
        else if (value == "supervision")
            options.supervision = true;
        else if (value == "cases")
            options.cases = true;
        else
            return usage_error(ctx, "--in is notes, supervision or cases, not '" + value + "'",
                               notes_usage);
    }
    if (options.cases) journal.index_cases(load_library(ctx, true));
    const auto hits = journal.search(profile.id, text, options);
    if (p.has("--json")) {
        ctx.out << json::search_hits(hits) << "\n";
        return 0;
    }
    for (const auto& h : hits)
        ctx.out << to_string(h.kind) << "  " << h.id << "  " << h.title << "\n    " << h.snippet
                << "\n";
    ctx.out << hits.size() << " result(s)\n";
    return 0;
}

// ---- supervision and export ---------------------------------------------------------------

std::string sign_state(const Supervision& s) {
    if (s.signed_off()) return "signed off";
    if (!s.signed_by_supervisor_at.empty()) return "draft, signed by the supervisor";
    if (!s.signed_by_trainee_at.empty()) return "draft, signed by the trainee";
    return "draft";
}

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
        if (auto error = write_file_atomic(out, doc.text); !error.empty()) {
            ctx.err << "casebook: " << error << "\n";
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

} // namespace

int profiles_command(const std::vector<std::string>& args, const Context& ctx) {
    if (auto done = help_or_missing(
            args, ctx, profiles_usage,
            "Profiles on this device: name, role, profession, jurisdiction and an optional PIN\n"
            "(stored only as an Argon2id hash; --pin-file FILE holds it on its first line).\n"))
        return *done;
    Parsed p = parse(args, 2, {"--json", "--help"},
                     {"--name", "--role", "--profession", "--jurisdiction", "--pin-file"});
    if (!p.error.empty()) return usage_error(ctx, p.error, profiles_usage);
    if (args[1] == "list") return profiles_list(p, ctx);
    if (args[1] == "add") return profiles_add(p, ctx);
    return usage_error(ctx, "unknown profiles command '" + args[1] + "'", profiles_usage);
}

int notes_command(const std::vector<std::string>& args, const Context& ctx) {
    if (auto done = help_or_missing(args, ctx, notes_usage, lock_help)) return *done;
    const std::string& sub = args[1];
    using Run = int (*)(Journal&, const Profile&, const Parsed&, const Context&);
    const std::pair<const char*, Run> subcommands[] = {
        {"add", notes_add},       {"list", notes_list},     {"show", notes_show},
        {"edit", notes_edit},     {"delete", notes_delete}, {"restore", notes_restore},
        {"search", notes_search},
    };
    const auto* found = std::find_if(std::begin(subcommands), std::end(subcommands),
                                     [&](const auto& s) { return sub == s.first; });
    if (found == std::end(subcommands))
        return usage_error(ctx, "unknown notes command '" + sub + "'", notes_usage);
    Parsed p = parse(args, 2, {"--json", "--help", "--trash", "--versions"},
                     {"--profile", "--pin-file", "--title", "--body", "--body-file", "--tags",
                      "--case", "--decision", "--record", "--tag", "--version", "--limit", "--in"});
    if (!p.error.empty()) return usage_error(ctx, p.error, notes_usage);
    Store store(ctx.data_dir() / Store::file_name);
    Journal journal(store);
    const auto profile = unlocked_profile(journal, p, ctx, notes_usage);
    if (!profile) return 2;
    return found->second(journal, *profile, p, ctx);
}

int supervision_command(const std::vector<std::string>& args, const Context& ctx) {
    if (auto done = help_or_missing(
            args, ctx, supervision_usage,
            "Supervision sessions where the profile is the supervisor or the trainee. `export`\n"
            "writes Markdown for an e-portfolio (to standard output, or --out FILE), or an A4 PDF\n"
            "with --format pdf --out FILE.\n"))
        return *done;
    const std::string& sub = args[1];
    if (sub != "list" && sub != "show" && sub != "export")
        return usage_error(ctx, "unknown supervision command '" + sub + "'", supervision_usage);
    Parsed p = parse(args, 2, {"--json", "--help", "--redact"},
                     {"--profile", "--pin-file", "--out", "--format"});
    if (!p.error.empty()) return usage_error(ctx, p.error, supervision_usage);
    if (const auto format = p.option("--format");
        !format.empty() && format != "markdown" && format != "pdf")
        return usage_error(ctx, "--format is markdown or pdf, not '" + format + "'",
                           supervision_usage);
    Store store(ctx.data_dir() / Store::file_name);
    Journal journal(store);
    const auto profile = unlocked_profile(journal, p, ctx, supervision_usage);
    if (!profile) return 2;
    return supervision_run(sub, journal, *profile, p, ctx);
}

int export_command(const std::vector<std::string>& args, const Context& ctx) {
    if (wants_help(args)) {
        ctx.out << "usage: " << export_usage
                << "\nWrites the profile's notes (not the trash) and supervision sessions to OUT "
                   "as Markdown or as an A4 PDF.\nWarns on standard error about likely patient "
                   "identifiers; "
                   "--redact replaces them.\n"
                << lock_help;
        return 0;
    }
    Parsed p =
        parse(args, 1, {"--json", "--help", "--redact"}, {"--profile", "--pin-file", "--format"});
    if (!p.error.empty()) return usage_error(ctx, p.error, export_usage);
    if (p.option("--profile").empty())
        return usage_error(ctx, "export needs --profile", export_usage);
    if (p.option("--format") != "markdown" && p.option("--format") != "pdf")
        return usage_error(ctx,
                           p.option("--format").empty()
                               ? "export needs --format markdown or --format pdf"
                               : "--format is markdown or pdf, not '" + p.option("--format") + "'",
                           export_usage);
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
}

} // namespace casebook::cli
