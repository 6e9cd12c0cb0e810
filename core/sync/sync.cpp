// The Sync façade: a group made or joined, a run through the folder, conflicts and members.
#include "base/sodium.hpp"
#include "casebook/base.hpp"
#include "sync/table_replica.hpp"

#include <algorithm>
#include <sodium.h>
#include <utility>

namespace casebook {

namespace fs = std::filesystem;

// ---- the façade ----------------------------------------------------------------------------

namespace {

std::string to_hex(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    out.pop_back();
    return out;
}

std::string from_hex(const std::string& hex) {
    std::string out(hex.size() / 2, '\0');
    std::size_t len = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                       hex.size(), nullptr, &len, nullptr) != 0)
        return {};
    out.resize(len);
    return out;
}

// The group file; throws SyncError with why it cannot be read. It is small: a huge file of that
// name is damaged and never read whole, and a FIFO or device of that name is never waited on.
std::string read_group_file(const fs::path& path, const std::string& name) {
    try {
        return detail::read_regular_file(path, 64 * 1024, name);
    } catch (const SyncError& e) {
        if (e.problem.reason.rfind("too large", 0) != 0) throw;
        throw SyncError({name, SkipReason::damaged,
                         "far larger than a group file (" + std::to_string(GroupFile::size) +
                             " bytes): not read"});
    }
}

} // namespace

struct Sync::Impl {
    Impl(const fs::path& path, HlcClock::WallClock wall, std::vector<std::string>& notices)
        : replica(path, std::move(wall), notices) {}
    detail::TableReplica replica;
};

Sync::Sync(const Store& store, SyncOptions options) : options_(std::move(options)) {
    detail::start_sodium();
    impl_ = std::make_unique<Impl>(store.path(), options_.wall, notices_);
}

Sync::~Sync() = default;

std::string Sync::device_id() const {
    return impl_->replica.clock().device();
}

std::optional<std::string> Sync::group_id() const {
    auto id = impl_->replica.meta("group_id");
    if (id.empty()) return std::nullopt;
    return id;
}

std::string Sync::init(const fs::path& folder, const std::string& passphrase) {
    if (passphrase.size() < 8)
        throw SyncError({folder.string(), SkipReason::wrong_passphrase,
                         "a sync group's passphrase needs at least 8 characters"});
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder))
        throw SyncError({folder.string(), SkipReason::unreadable,
                         "cannot create the sync folder" + (ec ? ": " + ec.message() : "")});
    if (fs::exists(folder / group_file_name))
        throw SyncError({(folder / group_file_name).string(), SkipReason::other_group,
                         "this folder already holds a sync group: join it instead"});
    SyncKey key;
    const GroupFile group = GroupFile::create(passphrase, options_.kdf, key);
    const std::string bytes = group.bytes();
    try {
        write_file(folder / group_file_name, bytes, WriteMode::create_new);
    } catch (const FileError& e) {
        throw SyncError({(folder / group_file_name).string(), SkipReason::unreadable, e.what()});
    }
    impl_->replica.start_group(group.group_id, to_hex(bytes));
    return group.group_id;
}

std::string Sync::join(const fs::path& folder, const std::string& passphrase) {
    const fs::path file = folder / group_file_name;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw SyncError({folder.string(), SkipReason::unreadable, "no such folder"});
    if (!fs::exists(file, ec))
        throw SyncError({file.string(), SkipReason::not_sync_file,
                         "no sync group in this folder (no " + std::string(group_file_name) +
                             "): create one with init, or check the folder"});
    const std::string bytes = read_group_file(file, file.string());
    const GroupFile group = GroupFile::parse(bytes, file.string());
    if (!group.unlock(passphrase))
        throw SyncError({file.string(), SkipReason::wrong_passphrase,
                         "wrong passphrase for this sync group (the group file itself is intact)"});
    impl_->replica.start_group(group.group_id, to_hex(bytes));
    return group.group_id;
}

SyncReport Sync::run(const fs::path& folder, const std::string& passphrase) {
    auto& replica = impl_->replica;
    const auto group_id = this->group_id();
    if (!group_id)
        throw SyncError({folder.string(), SkipReason::not_sync_file,
                         "this device is in no sync group: create one (init) or join one first"});
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw SyncError({folder.string(), SkipReason::unreadable,
                         "the sync folder is not there (not mounted?): nothing changed"});
    const std::string stored_bytes = from_hex(replica.meta("group_file"));
    const GroupFile group = GroupFile::parse(stored_bytes, "this device's copy of the group file");

    std::vector<SyncProblem> skipped;
    std::vector<std::string> notes = std::exchange(notices_, {});
    const fs::path group_path = folder / group_file_name;
    if (!fs::exists(group_path, ec)) {
        // A new, emptied or wiped folder: the group file comes back; nothing here is deleted.
        try {
            write_file(group_path, stored_bytes, WriteMode::create_new);
        } catch (const FileError& e) {
            throw SyncError({group_path.string(), SkipReason::unreadable, e.what()});
        }
        notes.push_back("the folder had no group file (new, emptied or wiped): wrote it again; "
                        "nothing on this device was deleted");
    } else {
        // Nothing in the group file is authenticated but its checksum, which anyone can
        // recompute: whatever it says (a newer format included), this device goes on with its
        // own copy, kept since it joined; a newer device's files are each set aside by name.
        std::string on_disk;
        try {
            on_disk =
                GroupFile::parse(read_group_file(group_path, group_file_name), group_file_name)
                    .group_id;
        } catch (const SyncError& e) {
            SyncProblem p = e.problem;
            p.reason += " (this device's own copy of the group was used)";
            skipped.push_back(std::move(p));
        }
        if (!on_disk.empty() && on_disk != *group_id)
            throw SyncError({group_path.string(), SkipReason::other_group,
                             "this folder belongs to another sync group (" + on_disk +
                                 "); this device is in " + *group_id + ": nothing changed"});
    }
    const auto key = group.unlock(passphrase);
    if (!key)
        throw SyncError({group_path.string(), SkipReason::wrong_passphrase,
                         "wrong passphrase for this sync group: nothing changed"});

    SyncReport report = exchange(folder, *group_id, *key, replica, options_.exchange);
    report.held_back = replica.held_back();
    report.skipped.insert(report.skipped.begin(), skipped.begin(), skipped.end());
    report.notes.insert(report.notes.begin(), notes.begin(), notes.end());
    replica.set_meta("last_run_at", now_iso8601());
    return report;
}

std::vector<SyncConflict> Sync::conflicts(const std::string& profile_id) const {
    auto& replica = impl_->replica;
    // Nothing in conflict anywhere (the usual case): nothing to bring up to date, and Home,
    // which asks at every visit, causes no write. Only a sync makes conflicts.
    {
        auto& any = replica.db().cached("SELECT EXISTS (SELECT 1 FROM sync_conflict)");
        const bool some = any.step() && any.integer(0) != 0;
        any.reset();
        if (!some) return {};
    }
    // Edits made here since the last sync count: a text edited over one side of a conflict is
    // that side's new value.
    replica.begin();
    try {
        replica.collect_local_changes();
        replica.commit();
    } catch (...) {
        replica.rollback();
        throw;
    }
    std::vector<RecordKey> keys;
    std::vector<std::string> fields;
    {
        auto& s = replica.db().cached(
            "SELECT kind, id, field FROM sync_conflict WHERE ?1 = '' OR profile_id IN (?1, '') "
            "OR other_profile_id = ?1 ORDER BY kind, id, field");
        s.bind(1, profile_id);
        while (s.step()) {
            keys.push_back({s.text(0), s.text(1)});
            fields.push_back(s.text(2));
        }
    }
    std::vector<SyncConflict> out;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        auto r = replica.load(keys[i]);
        if (!r) continue;
        const auto& reg = r->texts[fields[i]];
        SyncConflict c{r->kind, r->id, fields[i], r->profile_id, {}};
        const std::string shown = detail::TableReplica::shown_text(*r, fields[i]);
        for (auto it = reg.entries.rbegin(); it != reg.entries.rend(); ++it) {
            if (std::any_of(c.values.begin(), c.values.end(),
                            [&](const ConflictValue& v) { return v.text == it->value; }))
                continue;
            c.values.push_back({it->value, it->stamp.device, it->stamp.str(), it->value == shown});
        }
        out.push_back(std::move(c));
    }
    replica.db().idle();
    return out;
}

void Sync::resolve(const std::string& kind, const std::string& id, const std::string& field,
                   const std::string& text) {
    impl_->replica.resolve({kind, id}, field, text);
}

void Sync::join_profile(const std::string& profile_id) {
    auto& replica = impl_->replica;
    replica.begin();
    try {
        bool known = false;
        {
            auto& s = replica.db().cached("SELECT 1 FROM profile WHERE id = ? AND deleted = 0");
            s.bind(1, profile_id);
            known = s.step();
        }
        if (!known)
            throw SyncError({profile_id, SkipReason::not_sync_file,
                             "no profile " + profile_id + " on this device"});
        replica.add_member(profile_id, "agreed");
        replica.commit();
    } catch (...) {
        replica.rollback();
        throw;
    }
}

std::vector<std::string> Sync::members() const {
    std::vector<std::string> out;
    auto& s = impl_->replica.db().cached("SELECT profile_id FROM sync_member ORDER BY profile_id");
    while (s.step())
        out.push_back(s.text(0));
    impl_->replica.db().idle();
    return out;
}

bool Sync::is_member(const std::string& profile_id) const {
    return impl_->replica.is_member(profile_id);
}

std::vector<PeerStatus> Sync::peers() const {
    std::vector<PeerStatus> out;
    auto& s = impl_->replica.db().cached(
        "SELECT device, progress, last_applied_at FROM sync_peer ORDER BY device");
    while (s.step())
        out.push_back({s.text(0), PeerProgress::parse(s.text(1)).upto, s.text(2), {}});
    for (auto& peer : out)
        if (const auto writer = impl_->replica.load({device_record_kind, peer.device_id}))
            peer.casebook_version = writer->field(device_version_field);
    impl_->replica.db().idle();
    return out;
}

} // namespace casebook
