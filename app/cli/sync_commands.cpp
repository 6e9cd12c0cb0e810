// casebook sync init|join|run|status: sync between devices through a shared folder.
#include "casebook/files.hpp"
#include "casebook/json_writer.hpp"
#include "casebook/outgoing_check.hpp"
#include "casebook/store.hpp"
#include "casebook/sync.hpp"
#include "cli_support.hpp"

namespace casebook::cli {

namespace {

const char* sync_usage =
    "casebook sync init --folder DIR [--passphrase-file FILE] [--json]\n"
    "       casebook sync join --folder DIR [--passphrase-file FILE] [--json]\n"
    "       casebook sync run [--folder DIR] [--passphrase-file FILE] [--json]\n"
    "       casebook sync status [--json]\n"
    "init makes a new sync group in DIR; join adds this device to the group in DIR; run sends\n"
    "this device's changes and applies the others'. The passphrase is read from the first line\n"
    "of FILE or, at a terminal, asked for. run remembers the folder of the last init or join.\n"
    "Exit status: 0 done, 1 some files were skipped as damaged (listed), 2 an error.";

// The group passphrase from --passphrase-file or a prompt; empty with a message if neither.
std::optional<std::string> passphrase(const Parsed& p, const Context& ctx) {
    if (const auto file = p.option("--passphrase-file"); !file.empty()) {
        std::string error;
        auto text = read_file(file, error);
        if (!text) {
            ctx.err << "casebook sync: cannot read the passphrase file " << file << ": " << error
                    << "\n";
            return std::nullopt;
        }
        std::string line = text->substr(0, text->find('\n'));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }
    if (ctx.read_secret)
        if (auto typed = ctx.read_secret("Sync group passphrase: ")) return typed;
    ctx.err << "casebook sync: give the passphrase with --passphrase-file FILE (no terminal to ask "
               "at)\n";
    return std::nullopt;
}

void problems_json(JsonWriter& w, const std::vector<SyncProblem>& problems) {
    w.begin_array();
    for (const auto& s : problems)
        w.begin_object()
            .key("file")
            .value(s.file)
            .key("kind")
            .value(to_string(s.kind))
            .key("reason")
            .value(s.reason)
            .end_object();
    w.end_array();
}

int print_report(const SyncReport& r, const Parsed& p, const Context& ctx) {
    if (p.has("--json")) {
        JsonWriter w;
        w.begin_object()
            .key("files_read")
            .value(r.files_read)
            .key("records_sent")
            .value(r.records_sent)
            .key("records_received")
            .value(r.records_received)
            .key("records_applied")
            .value(r.records_applied)
            .key("conflicts")
            .value(r.conflicts);
        w.key("skipped");
        problems_json(w, r.skipped);
        w.key("notes").strings(r.notes).key("written").strings(r.written).end_object();
        ctx.out << w.str() << "\n";
    } else {
        ctx.out << "read " << r.files_read << " file(s); sent " << r.records_sent
                << " record(s); received " << r.records_received << ", applied "
                << r.records_applied << "; " << r.conflicts << " conflict(s) to resolve\n";
        for (const auto& n : r.notes)
            ctx.out << "note: " << n << "\n";
        for (const auto& s : r.skipped)
            ctx.out << "skipped " << s.to_string() << "\n";
    }
    if (r.damage()) {
        ctx.err << "casebook sync: some files were skipped as damaged (listed above); nothing from "
                   "them was applied\n";
        return 1;
    }
    return 0;
}

} // namespace

int sync_command(const std::vector<std::string>& args, const Context& ctx) {
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h") {
        (args.size() < 2 ? ctx.err : ctx.out) << "usage: " << sync_usage << "\n";
        return args.size() < 2 ? 2 : 0;
    }
    Parsed p = parse(args, 2, {"--json", "--help"}, {"--folder", "--passphrase-file"});
    if (!p.error.empty()) return usage_error(ctx, p.error, sync_usage);
    if (p.has("--help")) {
        ctx.out << "usage: " << sync_usage << "\n";
        return 0;
    }
    if (!p.words.empty()) return usage_error(ctx, "unexpected '" + p.words[0] + "'", sync_usage);
    const std::string command = args[1];
    if (command != "init" && command != "join" && command != "run" && command != "status")
        return usage_error(ctx, "unknown sync command '" + command + "'", sync_usage);

    Store store(ctx.data_dir() / Store::file_name);
    Sync sync(store);
    for (const auto& n : sync.notices())
        ctx.err << "casebook sync: " << n << "\n";
    std::string folder = p.option("--folder");
    if (folder.empty() && command == "run") folder = store.setting("sync_folder");
    if (command == "status") {
        const auto peers = sync.peers();
        const auto conflicts = sync.conflicts();
        if (p.has("--json")) {
            JsonWriter w;
            w.begin_object()
                .key("device")
                .value(sync.device_id())
                .key("group")
                .value(sync.group_id().value_or(""))
                .key("folder")
                .value(store.setting("sync_folder"))
                .key("conflicts")
                .value(conflicts.size());
            w.key("peers").begin_array();
            for (const auto& peer : peers)
                w.begin_object()
                    .key("device")
                    .value(peer.device_id)
                    .key("applied_upto")
                    .value(static_cast<long long>(peer.applied_upto))
                    .key("last_applied_at")
                    .value(peer.last_applied_at)
                    .end_object();
            w.end_array().end_object();
            ctx.out << w.str() << "\n";
        } else {
            ctx.out << "device " << sync.device_id() << "\n";
            ctx.out << (sync.group_id()
                            ? "group " + *sync.group_id() + " in " + store.setting("sync_folder")
                            : std::string("in no sync group (casebook sync init or join)"))
                    << "\n";
            for (const auto& peer : peers)
                ctx.out << "  from " << peer.device_id << ": up to file " << peer.applied_upto
                        << ", last applied " << peer.last_applied_at << "\n";
            ctx.out << conflicts.size() << " conflict(s) to resolve (in the app, Sync)\n";
        }
        return 0;
    }
    if (folder.empty())
        return usage_error(ctx, "sync " + command + " needs --folder DIR", sync_usage);
    auto secret = passphrase(p, ctx);
    if (!secret) return 2;
    try {
        if (command == "init" || command == "join") {
            const std::string group =
                command == "init" ? sync.init(folder, *secret) : sync.join(folder, *secret);
            store.set_setting("sync_folder", std::filesystem::absolute(folder).string());
            if (p.has("--json")) {
                JsonWriter w;
                w.begin_object()
                    .key("group")
                    .value(group)
                    .key("device")
                    .value(sync.device_id())
                    .key("folder")
                    .value(folder)
                    .end_object();
                ctx.out << w.str() << "\n";
            } else {
                ctx.out << (command == "init" ? "made" : "joined") << " sync group " << group
                        << " in " << folder << " as device " << sync.device_id() << "\n";
            }
            return 0;
        }
        // Warn before notes that look like they name a patient travel to other devices.
        const Journal journal(store);
        if (const auto found = notes_with_identifiers(journal); !found.empty()) {
            ctx.err << "casebook sync: warning: " << describe(found)
                    << "; they go (encrypted) to the other devices in this group:\n";
            for (const auto& f : found)
                ctx.err << "  " << f.profile_name << ": " << f.note_id << " \"" << f.note_title
                        << "\"\n";
            ctx.err << "  (redact with `casebook notes edit` if they should not travel)\n";
        }
        return print_report(sync.run(folder, *secret), p, ctx);
    } catch (const SyncError& e) {
        ctx.err << "casebook sync: " << e.what() << "\n";
        return 2;
    }
}

} // namespace casebook::cli
