#pragma once
// The replica over the real tables, on its own connection (sync.cpp drives it; table_replica.cpp
// and tables/ hold it).
#include "casebook/sync.hpp"
#include "store/sqlite.hpp"
#include "sync/replica.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace casebook::detail {

// The replica over the real tables: records' merged states in sync_record, local changes found
// through sync_outbox, merged changes written back to the tables they came from.
class TableReplica : public Replica {
  public:
    TableReplica(const std::filesystem::path& path, HlcClock::WallClock wall,
                 std::vector<std::string>& notices);

    std::string meta(const std::string& key, const std::string& fallback = {});
    void set_meta(const std::string& key, const std::string& value);
    Db& db() { return db_; }

    HlcClock& clock() override { return clock_; }
    std::uint64_t own_sequence() override { return own_sequence_; }
    void set_own_sequence(std::uint64_t sequence) override { own_sequence_ = sequence; }
    PeerProgress progress(const std::string& device) override;
    void set_progress(const std::string& device, const PeerProgress& progress) override;
    std::map<std::string, PeerProgress> peers() override;
    std::string become_new_device() override;
    void begin() override;
    void commit() override;
    void rollback() override;
    void collect_local_changes() override;
    std::vector<Record> unsent() override;
    void mark_sent(const std::vector<RecordKey>& keys) override;
    std::vector<Record> history() override;
    std::size_t merge(std::vector<Record> records) override;
    void settle() override;
    std::size_t conflicts() override;
    std::vector<std::string> take_notes() override;

    // Profiles in the group: joined here by their owner, or arrived from the group.
    bool is_member(const std::string& profile_id);
    void add_member(const std::string& profile_id, const char* how);
    // The profile (of a record's owners) that has not joined the group, or empty: such a record
    // stays on this device.
    std::string outsider(const Record& r);
    // Names of the profiles whose records the last unsent() held back.
    const std::vector<std::string>& held_back() const { return held_back_; }
    // Throws SyncError (saying why) if a record read from another device's file may not be
    // merged here.
    void check_incoming(const Record& incoming, const Record* stored);

    // A new group: forget other devices' progress and send every record again.
    void start_group(const std::string& group_id, const std::string& group_file);
    // Keeps `text` as a conflict's resolution, applies it here and queues it to send.
    void resolve(const RecordKey& key, const std::string& field, const std::string& text);

    // The text a record shows for `field` (a sealed record's is what was signed).
    static std::string shown_text(const Record& r, const std::string& field);
    // The root a record belongs to: itself, or its parent (a note for a note version).
    static RecordKey root_of(const Record& r);

    // Records' merged states.
    std::optional<Record> load(const RecordKey& key);
    std::vector<Record> children(const RecordKey& root, const char* kind);
    // Saves a record's merged state. `local`: a change made here, to send. `was_conflicted`
    // saves a look at the conflict index when nothing could have changed there.
    void save(const Record& r, bool local, bool applied, bool was_conflicted);

  private:
    // Per table (sync/tables/<kind>.cpp): a local change read from the rows into records ...
    void detect(const RecordKey& root);
    void detect_profile(const std::string& id);
    void detect_note(const std::string& id);
    void detect_supervision(const std::string& id);
    void detect_checklist_record(const std::string& id);
    void detect_attempt(const std::string& id);
    void detect_reflection(const std::string& id);
    void detect_review_event(const std::string& id);
    // ... and a merged state written back to the rows. False if it must wait (for its profile).
    bool apply(const RecordKey& root);
    bool apply_profile(const Record& r);
    bool apply_note(const Record& r);
    bool apply_supervision(const Record& r);
    bool apply_checklist_record(const Record& r);
    bool apply_attempt(const Record& r);
    bool apply_reflection(const Record& r);
    bool apply_review_event(const Record& r);
    // Applies roots in order (profiles first); `waiting`: roots that had to wait before.
    void apply_roots(const std::set<std::pair<int, RecordKey>>& roots, bool waiting);
    void mark_applied(const RecordKey& root, bool applied);
    void index_supervision(const std::string& id);
    bool profile_exists(const std::string& id);
    // Throws StoreError if the row `sql` finds for `id` belongs to another profile.
    void require_owner(const char* sql, const std::string& id, const std::string& profile_id);

    // Folds a row's current values into its record; one new stamp for whatever changed.
    struct View;
    bool absorb(Record& r, const View& v);
    // The one skeleton of every detect_*: the row (`found`) read by `read` into a View, folded
    // into the record's merged state (or a new record of `owner`) and saved to send. A row gone
    // leaves a tombstone where `gone` says so. The record as saved, or nullopt if the row is gone
    // or purged.
    enum class IfGone { keep, tombstone };
    std::optional<Record> detect_row(const RecordKey& key, bool found, const std::string& owner,
                                     IfGone gone,
                                     const std::function<void(const Record&, View&)>& read);
    // A record's parts (a session's actions, addenda) from their rows, `rows` selecting the id
    // first. `once`: a part never changes once written, so only rows not yet known are read.
    void detect_parts(const RecordKey& root, const char* kind, const std::string& owner,
                      Statement& rows, bool once, const std::function<View(Statement&)>& read);

    Db db_;
    // Open between begin() and commit() or rollback().
    std::optional<Transaction> transaction_;
    HlcClock clock_;
    std::uint64_t own_sequence_ = 0;
    std::vector<std::string> notes_;
    // Records merged in the batch being applied: read from here rather than decoded again.
    std::map<RecordKey, Record> batch_;
    std::vector<std::string> held_back_;
};

} // namespace casebook::detail
