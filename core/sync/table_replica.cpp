// The database replica: records' merged states in sync_record, local changes found through
// sync_outbox, merged records applied to the tables in order (the tables themselves: tables/).
#include "sync/table_replica.hpp"

#include "base/sodium.hpp"
#include "casebook/base.hpp"

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
    const std::string identity = file_identity(path);
    // Usually this device is set up and the file is the one it was set up in: then opening only
    // reads (Home opens sync at every visit, and should write nothing for it).
    {
        const std::string device = meta("device_id");
        if (!device.empty() && identity == meta("db_identity")) {
            own_sequence_ = to_u64(meta("own_sequence", "0"));
            clock_ = HlcClock(device, wall, Hlc::parse(meta("hlc")).value_or(Hlc{}));
            return;
        }
    }
    // Otherwise, in one transaction (another connection may be doing the same): read again and
    // set up, or become a new device.
    begin();
    try {
        std::string device = meta("device_id");
        own_sequence_ = to_u64(meta("own_sequence", "0"));
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
        try {
            check_incoming(incoming, stored ? &*stored : nullptr);
        } catch (const SyncError& e) {
            notes_.push_back(shown_id(incoming.kind) + " " + shown_id(incoming.id) +
                             " (written on device " + incoming.latest().device +
                             "): " + e.problem.reason + ": refused, nothing of it applied");
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

} // namespace casebook
