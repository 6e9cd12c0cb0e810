// casebook sync init|join|run|status|join-profile: sync between devices through a shared folder.
#include "casebook/sync.hpp"

#include "casebook/base.hpp"
#include "casebook/identifiers.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"

namespace casebook::cli {

namespace {

const char* sync_usage =
    "casebook sync init --folder DIR [--passphrase-file FILE] [--json]\n"
    "       casebook sync join --folder DIR [--passphrase-file FILE] [--json]\n"
    "       casebook sync run [--folder DIR] [--passphrase-file FILE] [--json]\n"
    "       casebook sync status [--json]\n"
    "       casebook sync join-profile --profile NAME|ID [--pin-file FILE] [--json]\n"
    "init makes a new sync group in DIR; join adds this device to the group in DIR; run sends\n"
    "this device's changes and applies the others'. The passphrase is read from the first line\n"
    "of FILE or, at a terminal, asked for. run remembers the folder of the last init or join.\n"
    "A profile's notes take part only once its owner unlocks it and agrees: join-profile\n"
    "(with its PIN, if it has one). Profiles that arrive from the group are in it already, and\n"
    "arrive locked by the same PIN. Nothing of a profile that has not joined leaves the device.\n"
    "Exit status: 0 done, 1 some files were skipped as damaged (listed), 2 an error.";

// The group passphrase from --passphrase-file or a prompt; empty with a message if neither.
std::optional<std::string> passphrase(const Parsed& p, const Context& ctx) {
    if (const auto file = p.option("--passphrase-file"); !file.empty()) {
        std::string error;
        auto line = read_secret_file(file, "passphrase", error);
        if (!line) ctx.err << "casebook sync: " << error << "\n";
        return line;
    }
    if (ctx.read_secret)
        if (auto typed = ctx.read_secret("Sync group passphrase: ")) return typed;
    ctx.err << "casebook sync: give the passphrase with --passphrase-file FILE (no terminal to ask "
               "at)\n";
    return std::nullopt;
}

int print_report(const SyncReport& r, const Parsed& p, const Context& ctx) {
    if (p.has("--json")) {
        ctx.out << json::sync_report(r) << "\n";
    } else {
        ctx.out << "read " << r.files_read << " file(s); sent " << r.records_sent
                << " record(s); received " << r.records_received << ", applied "
                << r.records_applied << "; " << r.conflicts << " conflict(s) to resolve\n";
        for (const auto& n : r.notes)
            ctx.out << "note: " << n << "\n";
        for (const auto& s : r.skipped)
            ctx.out << "skipped " << s.to_string() << "\n";
        for (const auto& name : r.held_back)
            ctx.out << "kept on this device: " << name
                    << "'s records (not in this sync group; `casebook sync join-profile --profile "
                       "NAME` once unlocked)\n";
    }
    if (r.damage()) {
        ctx.err << "casebook sync: some files were skipped as damaged (listed above); nothing from "
                   "them was applied\n";
        return 1;
    }
    return 0;
}

int sync_run(const std::string& command, const Parsed& p, const Context& ctx);

} // namespace

int sync_command(const std::vector<std::string>& args, const Context& ctx) {
    static const Command command{
        "sync",
        sync_usage,
        "",
        {"init", "join", "run", "status", "join-profile"},
        {{"--json"}, {"--folder", "--passphrase-file", "--profile", "--pin-file"}}};
    return run_command(args, ctx, command, [&](const std::string& sub, const Parsed& p) {
        return sync_run(sub, p, ctx);
    });
}

namespace {

int sync_run(const std::string& command, const Parsed& p, const Context& ctx) {
    if (!p.words.empty()) return usage_error(ctx, "unexpected '" + p.words[0] + "'", sync_usage);
    if (command != "join-profile" &&
        (!p.option("--profile").empty() || !p.option("--pin-file").empty()))
        return usage_error(ctx, "--profile and --pin-file belong to sync join-profile", sync_usage);

    Store store(ctx.data_dir() / Store::file_name);
    Sync sync(store);
    for (const auto& n : sync.notices())
        ctx.err << "casebook sync: " << n << "\n";
    std::string folder = p.option("--folder");
    if (folder.empty() && command == "run") folder = store.setting("sync_folder");
    if (command == "join-profile") {
        try {
            Journal journal(store);
            if (p.option("--profile").empty())
                return usage_error(ctx, "sync join-profile needs --profile NAME or ID", sync_usage);
            const auto profile = unlocked_profile(journal, p, ctx, sync_usage);
            if (!profile) return 2;
            sync.join_profile(profile->id);
            if (p.has("--json")) {
                ctx.out << json::sync_joined(*profile) << "\n";
            } else {
                ctx.out << profile->name << " (" << profile->id
                        << ") now takes part in sync: their records go with the next sync run\n";
            }
            return 0;
        } catch (const StoreError& e) {
            ctx.err << "casebook sync: " << e.what() << "\n";
            return 2;
        }
    }
    if (command == "status") {
        const auto peers = sync.peers();
        const auto conflicts = sync.conflicts();
        if (p.has("--json")) {
            ctx.out << json::sync_status(sync.device_id(), sync.group_id().value_or(""),
                                         store.setting("sync_folder"), conflicts.size(),
                                         sync.members(), peers)
                    << "\n";
        } else {
            ctx.out << "device " << sync.device_id() << "\n";
            ctx.out << (sync.group_id()
                            ? "group " + *sync.group_id() + " in " + store.setting("sync_folder")
                            : std::string("in no sync group (casebook sync init or join)"))
                    << "\n";
            for (const auto& peer : peers)
                ctx.out << "  from " << peer.device_id << ": up to file " << peer.applied_upto
                        << ", last applied " << peer.last_applied_at
                        << (peer.casebook_version.empty()
                                ? std::string()
                                : ", written by Casebook " + peer.casebook_version)
                        << "\n";
            ctx.out << conflicts.size() << " conflict(s) to resolve (in the app, Sync)\n";
            const Journal journal(store);
            for (const auto& prof : journal.profiles())
                ctx.out << "  profile " << prof.name << ": "
                        << (sync.is_member(prof.id) ? "in the group"
                                                    : "stays on this device (sync join-profile)")
                        << "\n";
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
                ctx.out << json::sync_group(group, sync.device_id(), folder) << "\n";
            } else {
                ctx.out << (command == "init" ? "made" : "joined") << " sync group " << group
                        << " in " << folder << " as device " << sync.device_id() << "\n";
            }
            return 0;
        }
        // Warn before notes that look like they name a patient travel to other devices: only
        // those of profiles in the group travel (nothing of a locked profile is read here).
        const Journal journal(store);
        std::vector<IdentifierFinding> found;
        for (const auto& id : sync.members())
            if (journal.profile(id))
                for (auto& f : notes_with_identifiers(journal, id))
                    found.push_back(std::move(f));
        if (!found.empty()) {
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

} // namespace

} // namespace casebook::cli
