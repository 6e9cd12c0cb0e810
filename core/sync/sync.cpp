// The Sync façade, and the parts of the database replica that do not depend on a table.
#include "base/sodium.hpp"
#include "casebook/files.hpp"
#include "casebook/time.hpp"
#include "sync/db.hpp"

#include <algorithm>
#include <sodium.h>
#include <sys/stat.h>
#include <utility>

namespace casebook {

namespace fs = std::filesystem;

namespace detail {

// ---- the replica's own state ---------------------------------------------------------------

namespace {

// The database file's identity on disk. A copy, or a backup restored over it, is another file.
std::string file_identity(const fs::path& path) {
#ifdef _WIN32
    // Without inode numbers: the path (a copy elsewhere is noticed; a backup restored in place
    // is noticed through the folder, by files under this id that this database never wrote).
    return fs::absolute(path).string();
#else
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    return std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" +
           std::to_string(static_cast<unsigned long long>(st.st_ino));
#endif
}

std::uint64_t to_u64(const std::string& text) {
    std::uint64_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

// An id as it may be shown in a report: bytes outside printable ASCII (which no real id holds)
// become '?', so a crafted id never puts invalid UTF-8 or control characters into the output.
std::string shown_id(const std::string& id) {
    std::string out = id.substr(0, 80);
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
    return out;
}

int rank(const std::string& kind) {
    static const char* order[] = {"profile", "checklist_record", "note",        "supervision",
                                  "attempt", "reflection",       "review_event"};
    for (int i = 0; i < 7; ++i)
        if (kind == order[i]) return i;
    return 9;
}

} // namespace

TableReplica::TableReplica(const fs::path& path, HlcClock::WallClock wall,
                           std::vector<std::string>& notices)
    : db_(path, Db::Role::sync), clock_({}, wall) {
    begin();
    try {
        std::string device = meta("device_id");
        own_sequence_ = to_u64(meta("own_sequence", "0"));
        const std::string identity = file_identity(path);
        clock_ = HlcClock(device, wall, Hlc::parse(meta("hlc")).value_or(Hlc{}));
        if (device.empty()) {
            clock_.set_device(random_id());
            set_meta("device_id", clock_.device());
            set_meta("db_identity", identity);
        } else if (identity != meta("db_identity")) {
            const std::string fresh = become_new_device();
            notices.push_back("this database is a copy (or a restored backup) of device " + device +
                              ": it now syncs as device " + fresh);
        }
        commit();
    } catch (...) {
        rollback();
        throw;
    }
}

std::string TableReplica::meta(const std::string& key, const std::string& fallback) {
    auto& s = db_.cached("SELECT value FROM sync_meta WHERE key = ?");
    s.bind(1, key);
    std::string out = s.step() ? s.text(0) : fallback;
    s.reset();
    return out;
}

void TableReplica::set_meta(const std::string& key, const std::string& value) {
    db_.cached("INSERT INTO sync_meta (key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

PeerProgress TableReplica::progress(const std::string& device) {
    auto& s = db_.cached("SELECT progress FROM sync_peer WHERE device = ?");
    s.bind(1, device);
    return s.step() ? PeerProgress::parse(s.text(0)) : PeerProgress{};
}

void TableReplica::set_progress(const std::string& device, const PeerProgress& p) {
    db_.cached("INSERT INTO sync_peer (device, progress, last_applied_at) VALUES (?, ?, ?) "
               "ON CONFLICT (device) DO UPDATE SET progress = excluded.progress, "
               "last_applied_at = excluded.last_applied_at")
        .bind(1, device)
        .bind(2, p.str())
        .bind(3, now_iso8601())
        .run();
}

std::map<std::string, PeerProgress> TableReplica::peers() {
    std::map<std::string, PeerProgress> out;
    auto& s = db_.cached("SELECT device, progress FROM sync_peer");
    while (s.step())
        out[s.text(0)] = PeerProgress::parse(s.text(1));
    return out;
}

std::string TableReplica::become_new_device() {
    const std::string old = clock_.device();
    PeerProgress p = progress(old);
    p.cover(own_sequence_);
    set_progress(old, p);
    own_sequence_ = 0;
    clock_.set_device(random_id());
    set_meta("device_id", clock_.device());
    set_meta("db_identity", file_identity(db_.path()));
    set_meta("own_sequence", "0");
    // Everything this device sent goes again under the new id: a device that skipped the old
    // id's files (a forged snapshot numbered far ahead covers them all) still gets them.
    db_.exec("UPDATE sync_record SET unsent = 1 WHERE mine = 1");
    return clock_.device();
}

void TableReplica::begin() {
    db_.idle();
    transaction_.emplace(db_);
    db_.exec("INSERT INTO sync_applying (one) VALUES (1)");
}

void TableReplica::commit() {
    db_.exec("DELETE FROM sync_applying");
    set_meta("hlc", clock_.last().str());
    set_meta("own_sequence", std::to_string(own_sequence_));
    db_.idle();
    transaction_->commit();
    transaction_.reset();
}

void TableReplica::rollback() {
    batch_.clear();
    db_.idle();
    transaction_.reset(); // rolls back
    // What the database says again; the clock may stay ahead (it never goes back).
    own_sequence_ = to_u64(meta("own_sequence", "0"));
    clock_.set_device(meta("device_id"));
}

void TableReplica::collect_local_changes() {
    for (;;) {
        std::vector<RecordKey> batch;
        auto& s = db_.cached("SELECT kind, id FROM sync_outbox LIMIT 500");
        while (s.step())
            batch.push_back({s.text(0), s.text(1)});
        if (batch.empty()) return;
        for (const auto& k : batch) {
            detect(k);
            db_.cached("DELETE FROM sync_outbox WHERE kind = ? AND id = ?")
                .bind(1, k.kind)
                .bind(2, k.id)
                .run();
        }
    }
}

namespace {

std::vector<Record> decode_all(Statement& s, const fs::path& path) {
    std::vector<Record> out;
    while (s.step()) {
        auto r = decode_record(s.blob(0));
        if (!r) throw StoreError(path.string() + ": sync: a stored record cannot be read");
        out.push_back(std::move(*r));
    }
    return out;
}

} // namespace

std::vector<Record> TableReplica::unsent() {
    auto all = decode_all(db_.cached("SELECT state FROM sync_record WHERE unsent = 1"), db_.path());
    std::vector<Record> out;
    std::set<std::string> held;
    for (auto& r : all) {
        if (auto who = outsider(r); !who.empty())
            held.insert(who); // stays unsent: it goes once its profile joins
        else
            out.push_back(std::move(r));
    }
    held_back_.clear();
    for (const auto& id : held) {
        auto& s = db_.cached("SELECT name FROM profile WHERE id = ?");
        s.bind(1, id);
        held_back_.push_back(s.step() ? s.text(0) : id);
    }
    return out;
}

bool TableReplica::is_member(const std::string& profile_id) {
    auto& s = db_.cached("SELECT 1 FROM sync_member WHERE profile_id = ?");
    s.bind(1, profile_id);
    const bool yes = s.step();
    s.reset();
    return yes;
}

std::string TableReplica::outsider(const Record& r) {
    // A session belongs to its supervisor and its trainee: it goes only when both have joined.
    // A part (a note's version, a session's action) belongs to whoever its record belongs to.
    std::vector<std::string> owners{r.profile_id};
    const RecordKey root = root_of(r);
    if (const auto whole = root == r.key() ? std::optional<Record>(r) : load(root)) {
        owners.push_back(whole->profile_id);
        owners.push_back(whole->field("supervisor_profile_id"));
        owners.push_back(whole->field("trainee_profile_id"));
    }
    for (const auto& id : owners)
        if (!id.empty() && !is_member(id)) return id;
    return {};
}

void TableReplica::add_member(const std::string& profile_id, const char* how) {
    db_.cached("INSERT INTO sync_member (profile_id, how, joined_at) VALUES (?, ?, ?) "
               "ON CONFLICT (profile_id) DO NOTHING")
        .bind(1, profile_id)
        .bind(2, how)
        .bind(3, now_iso8601())
        .run();
}

void TableReplica::mark_sent(const std::vector<RecordKey>& keys) {
    for (const auto& k : keys)
        db_.cached("UPDATE sync_record SET unsent = 0, mine = 1 WHERE kind = ? AND id = ?")
            .bind(1, k.kind)
            .bind(2, k.id)
            .run();
}

std::vector<Record> TableReplica::history() {
    auto all = decode_all(db_.cached("SELECT state FROM sync_record WHERE mine = 1"), db_.path());
    std::erase_if(all, [&](const Record& r) { return !outsider(r).empty(); });
    return all;
}

RecordKey TableReplica::root_of(const Record& r) {
    if (r.kind == "note_version" && !r.parent.empty()) return {"note", r.parent};
    if ((r.kind == "supervision_action" || r.kind == "supervision_addendum") && !r.parent.empty())
        return {"supervision", r.parent};
    if (r.kind == "record_addendum" && !r.parent.empty()) return {"checklist_record", r.parent};
    return r.key();
}

std::optional<Record> TableReplica::load(const RecordKey& key) {
    if (auto it = batch_.find(key); it != batch_.end()) return it->second;
    auto& s = db_.cached("SELECT state FROM sync_record WHERE kind = ? AND id = ?");
    s.bind(1, key.kind).bind(2, key.id);
    if (!s.step()) return std::nullopt;
    auto r = decode_record(s.blob(0));
    if (!r) throw StoreError(db_.path().string() + ": sync: a stored record cannot be read");
    return r;
}

std::vector<Record> TableReplica::children(const RecordKey& root, const char* kind) {
    auto& s = db_.cached(
        "SELECT id, state FROM sync_record WHERE root_kind = ? AND root_id = ? AND kind = ?");
    s.bind(1, root.kind).bind(2, root.id).bind(3, kind);
    std::vector<Record> out;
    while (s.step()) {
        // Just merged: no need to decode it again.
        if (auto it = batch_.find({kind, s.text(0)}); it != batch_.end()) {
            out.push_back(it->second);
            continue;
        }
        auto r = decode_record(s.blob(1));
        if (!r) throw StoreError(db_.path().string() + ": sync: a stored record cannot be read");
        out.push_back(std::move(*r));
    }
    return out;
}

void TableReplica::save(const Record& r, bool local, bool applied, bool was_conflicted) {
    const RecordKey root = root_of(r);
    db_.cached(
           "INSERT INTO sync_record (kind, id, root_kind, root_id, state, unsent, applied) "
           "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET "
           "root_kind = excluded.root_kind, root_id = excluded.root_id, state = excluded.state, "
           "unsent = MAX(unsent, excluded.unsent), applied = excluded.applied")
        .bind(1, r.kind)
        .bind(2, r.id)
        .bind(3, root.kind)
        .bind(4, root.id)
        .bind_blob(5, encode_record(r))
        .bind_int64(6, local ? 1 : 0)
        .bind_int64(7, applied ? 1 : 0)
        .run();
    const bool conflicted = r.conflicted();
    if (!conflicted && !was_conflicted) return;
    db_.cached("DELETE FROM sync_conflict WHERE kind = ? AND id = ?")
        .bind(1, r.kind)
        .bind(2, r.id)
        .run();
    if (!conflicted) return;
    for (const auto& [name, text] : r.texts) {
        if (!text.conflicted()) continue;
        db_.cached("INSERT INTO sync_conflict (kind, id, field, profile_id, other_profile_id) "
                   "VALUES (?, ?, ?, ?, ?)")
            .bind(1, r.kind)
            .bind(2, r.id)
            .bind(3, name)
            .bind(4, r.profile_id)
            .bind(5, r.field("trainee_profile_id"))
            .run();
    }
}

std::size_t TableReplica::merge(std::vector<Record> records) {
    std::size_t changed = 0;
    std::set<std::pair<int, RecordKey>> roots;
    for (auto& incoming : records) {
        const RecordKey root = root_of(incoming);
        const int r_rank = rank(root.kind);
        auto stored = load(incoming.key());
        if (auto why = refusal(incoming, stored ? &*stored : nullptr); !why.empty()) {
            notes_.push_back(shown_id(incoming.kind) + " " + shown_id(incoming.id) +
                             " (written on device " + incoming.latest().device + "): " + why +
                             ": refused, nothing of it applied");
            continue;
        }
        // Saved as applied: the tables are brought up to date before this transaction ends, and
        // a record that has to wait is marked so in apply_roots.
        if (stored) {
            const bool was = stored->conflicted();
            if (!stored->merge(incoming)) continue;
            save(*stored, false, true, was);
            if (r_rank != 9) batch_.insert_or_assign(stored->key(), std::move(*stored));
        } else {
            save(incoming, false, true, false);
            if (r_rank != 9) batch_.insert_or_assign(incoming.key(), std::move(incoming));
        }
        ++changed;
        // Kinds this version does not know are kept, not applied.
        if (r_rank != 9) roots.insert({r_rank, root});
    }
    apply_roots(roots, false);
    return changed;
}

void TableReplica::mark_applied(const RecordKey& root, bool applied) {
    db_.cached("UPDATE sync_record INDEXED BY sync_record_root SET applied = ? "
               "WHERE root_kind = ? AND root_id = ? AND applied <> ?")
        .bind_int64(1, applied ? 1 : 0)
        .bind(2, root.kind)
        .bind(3, root.id)
        .bind_int64(4, applied ? 1 : 0)
        .run();
}

void TableReplica::apply_roots(const std::set<std::pair<int, RecordKey>>& roots, bool waiting) {
    // Fast path: the whole batch at once. If one record fails, the batch is done again one
    // record at a time, so only that one is left out.
    db_.cached("SAVEPOINT sync_batch").run();
    try {
        std::vector<RecordKey> wait;
        for (const auto& [r_rank, root] : roots)
            if (!apply(root)) wait.push_back(root);
        db_.cached("RELEASE sync_batch").run();
        for (const auto& root : wait)
            mark_applied(root, false);
        if (waiting)
            for (const auto& [r_rank, root] : roots)
                if (std::find(wait.begin(), wait.end(), root) == wait.end())
                    mark_applied(root, true);
        batch_.clear();
        return;
    } catch (const StoreError&) {
        db_.idle();
        db_.cached("ROLLBACK TO sync_batch").run();
        db_.cached("RELEASE sync_batch").run();
    }
    for (const auto& [r_rank, root] : roots) {
        db_.cached("SAVEPOINT sync_apply").run();
        try {
            const bool done = apply(root);
            db_.cached("RELEASE sync_apply").run();
            if (!done || waiting) mark_applied(root, done);
        } catch (const StoreError& e) {
            // Left unapplied (and tried again at the next sync); the rest goes on.
            db_.idle();
            db_.cached("ROLLBACK TO sync_apply").run();
            db_.cached("RELEASE sync_apply").run();
            mark_applied(root, false);
            // The reason without this device's database path (it says nothing to the reader).
            std::string why = e.what();
            if (const std::string path = db_.path().string() + ": "; why.rfind(path, 0) == 0)
                why.erase(0, path.size());
            notes_.push_back(shown_id(root.kind) + " " + shown_id(root.id) +
                             " could not be applied here: " + why);
        }
    }
    batch_.clear();
}

void TableReplica::settle() {
    std::set<std::pair<int, RecordKey>> roots;
    auto& s = db_.cached("SELECT DISTINCT root_kind, root_id FROM sync_record WHERE applied = 0");
    while (s.step()) {
        RecordKey k{s.text(0), s.text(1)};
        roots.insert({rank(k.kind), k});
    }
    apply_roots(roots, true);
}

std::size_t TableReplica::conflicts() {
    auto& s = db_.cached("SELECT COUNT(*) FROM sync_conflict");
    s.step();
    return static_cast<std::size_t>(s.integer64(0));
}

std::vector<std::string> TableReplica::take_notes() {
    return std::exchange(notes_, {});
}

void TableReplica::start_group(const std::string& group_id, const std::string& group_file) {
    begin();
    try {
        if (const std::string old = meta("group_id"); old != group_id) {
            db_.exec("DELETE FROM sync_peer");
            // Nothing has gone to the new group yet. Its records go as their profiles join it:
            // consent given for another group does not carry over.
            db_.exec("UPDATE sync_record SET unsent = 1, mine = 0");
            if (!old.empty()) db_.exec("DELETE FROM sync_member");
        }
        set_meta("group_id", group_id);
        set_meta("group_file", group_file);
        commit();
    } catch (...) {
        rollback();
        throw;
    }
}

void TableReplica::resolve(const RecordKey& key, const std::string& field,
                           const std::string& text) {
    begin();
    try {
        collect_local_changes();
        auto r = load(key);
        if (!r || !r->texts.count(field))
            throw SyncError({key.kind + " " + key.id, SkipReason::not_sync_file,
                             "no text '" + field + "' to resolve"});
        const bool was = r->conflicted();
        // A resolution is an edit: a delete made elsewhere without having seen it does not
        // take it away.
        const Hlc stamp = clock_.now();
        r->texts[field].resolve(text, stamp);
        r->set_state(r->state(), stamp);
        save(*r, true, true, was);
        apply_roots({{rank(root_of(*r).kind), root_of(*r)}}, false);
        commit();
    } catch (...) {
        rollback();
        throw;
    }
}

bool TableReplica::apply(const RecordKey& root) {
    auto r = load(root);
    if (!r) return false; // a part arrived before its record
    if (root.kind == "profile") return apply_profile(*r);
    if (root.kind == "note") return apply_note(*r);
    if (root.kind == "supervision") return apply_supervision(*r);
    if (root.kind == "checklist_record") return apply_checklist_record(*r);
    if (root.kind == "attempt") return apply_attempt(*r);
    if (root.kind == "reflection") return apply_reflection(*r);
    if (root.kind == "review_event") return apply_review_event(*r);
    return true;
}

void TableReplica::detect(const RecordKey& root) {
    if (root.kind == "profile")
        detect_profile(root.id);
    else if (root.kind == "note")
        detect_note(root.id);
    else if (root.kind == "supervision")
        detect_supervision(root.id);
    else if (root.kind == "checklist_record")
        detect_checklist_record(root.id);
    else if (root.kind == "attempt")
        detect_attempt(root.id);
    else if (root.kind == "reflection")
        detect_reflection(root.id);
    else if (root.kind == "review_event")
        detect_review_event(root.id);
}

} // namespace detail

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

// The group file, or why it cannot be read. It is small: a huge file of that name is damaged and
// never read whole, and a FIFO or device of that name is never waited on.
std::variant<std::string, SyncProblem> read_group_file(const fs::path& path,
                                                       const std::string& name) {
    auto read = detail::read_regular_file(path, 64 * 1024);
    if (read.ok()) return std::move(read.bytes);
    const std::string& why = read.error;
    if (why.rfind("too large", 0) == 0)
        return SyncProblem{name, SkipReason::damaged,
                           "far larger than a group file (" + std::to_string(GroupFile::size) +
                               " bytes): not read"};
    return SyncProblem{name, SkipReason::unreadable, why};
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
    auto read = read_group_file(file, file.string());
    if (auto* p = std::get_if<SyncProblem>(&read)) throw SyncError(*p);
    const std::string* bytes = &std::get<std::string>(read);
    auto parsed = GroupFile::parse(*bytes, file.string());
    if (auto* p = std::get_if<SyncProblem>(&parsed)) throw SyncError(*p);
    const auto& group = std::get<GroupFile>(parsed);
    if (!group.unlock(passphrase))
        throw SyncError({file.string(), SkipReason::wrong_passphrase,
                         "wrong passphrase for this sync group (the group file itself is intact)"});
    impl_->replica.start_group(group.group_id, to_hex(*bytes));
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
    auto stored = GroupFile::parse(stored_bytes, "this device's copy of the group file");
    if (auto* p = std::get_if<SyncProblem>(&stored)) throw SyncError(*p);
    const auto& group = std::get<GroupFile>(stored);

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
    } else if (auto read = read_group_file(group_path, group_file_name);
               std::holds_alternative<SyncProblem>(read)) {
        auto p = std::get<SyncProblem>(read);
        p.reason += " (this device's own copy of the group was used)";
        skipped.push_back(p);
    } else {
        // Nothing in the group file is authenticated but its checksum, which anyone can
        // recompute: whatever it says (a newer format included), this device goes on with its
        // own copy, kept since it joined; a newer device's files are each set aside by name.
        auto on_disk = GroupFile::parse(std::get<std::string>(read), group_file_name);
        if (auto* p = std::get_if<SyncProblem>(&on_disk)) {
            p->reason += " (this device's own copy of the group was used)";
            skipped.push_back(*p);
        } else if (std::get<GroupFile>(on_disk).group_id != *group_id) {
            throw SyncError({group_path.string(), SkipReason::other_group,
                             "this folder belongs to another sync group (" +
                                 std::get<GroupFile>(on_disk).group_id + "); this device is in " +
                                 *group_id + ": nothing changed"});
        }
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
