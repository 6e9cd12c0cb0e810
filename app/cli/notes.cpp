// casebook notes add|list|show|edit|delete|restore|search: a profile's notes.
#include "casebook/base.hpp"
#include "casebook/identifiers.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"

#include <algorithm>
#include <iostream>
#include <iterator>

namespace casebook::cli {

namespace {

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

// The largest note body read from a file or standard input (the sync format's text cap).
constexpr std::size_t body_limit = 4u << 20;

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
            if (Problems problems; !check_text_input(value, {}, name, problems))
                return name + ": the text " + problems.front().reason;
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
                if (Problems problems; !check_text_input(all, "-", "", problems))
                    return "standard input " + problems.front().reason;
                draft.body = std::move(all);
            } else {
                std::string text;
                try {
                    text = read_file(value, body_limit);
                } catch (const FileError& e) {
                    return "cannot read " + value + ": " + e.reason();
                }
                if (Problems problems; !check_text_input(text, value, "", problems))
                    return value + ": " + problems.front().reason;
                draft.body = std::move(text);
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
                << (in_trash ? "deleted " + utc_time(n.deleted_at)
                             : "edited " + utc_time(n.edited_at))
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
    ctx.out << "created " << utc_time(n->created_at) << " · edited " << utc_time(n->edited_at)
            << " · version " << n->version;
    if (!n->tags.empty()) {
        ctx.out << " · tags:";
        for (const auto& t : n->tags)
            ctx.out << " " << t;
    }
    if (n->attached_kind != "none")
        ctx.out << " · on " << n->attached_kind << " " << n->attached_id;
    if (n->in_trash()) ctx.out << " · in the trash since " << utc_time(n->deleted_at);
    ctx.out << "\n\n" << n->body << (n->body.empty() || n->body.back() != '\n' ? "\n" : "");
    if (p.has("--versions")) {
        ctx.out << "\nVERSIONS\n";
        for (const auto& v : versions)
            ctx.out << "  " << v.number << "  " << utc_time(v.saved_at) << "  "
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

} // namespace

int notes_command(const std::vector<std::string>& args, const Context& ctx) {
    using Run = int (*)(Journal&, const Profile&, const Parsed&, const Context&);
    static const std::vector<std::pair<std::string, Run>> subcommands = {
        {"add", notes_add},       {"list", notes_list},     {"show", notes_show},
        {"edit", notes_edit},     {"delete", notes_delete}, {"restore", notes_restore},
        {"search", notes_search},
    };
    static const Command command = [] {
        Command c{"notes",
                  notes_usage,
                  lock_help,
                  {},
                  {{"--json", "--trash", "--versions"},
                   {"--profile", "--pin-file", "--title", "--body", "--body-file", "--tags",
                    "--case", "--decision", "--record", "--tag", "--version", "--limit"},
                   {},
                   {"--in"}}};
        for (const auto& [name, run] : subcommands)
            c.subcommands.push_back(name);
        return c;
    }();
    return run_command(args, ctx, command, [&](const std::string& sub, const Parsed& p) {
        Store store(ctx.data_dir() / Store::file_name);
        Journal journal(store);
        const auto profile = unlocked_profile(journal, p, ctx, notes_usage);
        if (!profile) return 2;
        for (const auto& [name, run] : subcommands)
            if (name == sub) return run(journal, *profile, p, ctx);
        return 2; // run_command let only these through
    });
}

} // namespace casebook::cli
