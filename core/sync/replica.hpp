#pragma once
// The folder protocol's seams, internal to the core (tests and the benchmark reach them through
// casebook_core_internal): Replica is what the protocol drives; MemoryReplica (tests, tools)
// holds generic records in memory; the Sync façade (casebook/sync.hpp) drives the device's
// database through TableReplica (table_replica.hpp).
#include "casebook/sync.hpp"
#include "sync/format.hpp"
#include "sync/hlc.hpp"
#include "sync/record.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace casebook {

// The numbers of one device's files applied here: all up to `upto`, and `extra` beyond a gap.
struct PeerProgress {
    std::uint64_t upto = 0;
    std::set<std::uint64_t> extra;

    bool has(std::uint64_t sequence) const { return sequence <= upto || extra.count(sequence); }
    void add(std::uint64_t sequence);
    void cover(std::uint64_t sequence); // a snapshot: everything up to `sequence`
    std::string str() const;            // "12" or "12:15,16"
    static PeerProgress parse(const std::string& text);
    bool operator==(const PeerProgress&) const = default;
};

// One side of the protocol: where a device keeps its merged records and its progress.
class Replica {
  public:
    virtual ~Replica() = default;

    virtual HlcClock& clock() = 0; // its device id is this replica's
    virtual std::uint64_t own_sequence() = 0;
    virtual void set_own_sequence(std::uint64_t sequence) = 0;
    virtual PeerProgress progress(const std::string& device) = 0;
    virtual void set_progress(const std::string& device, const PeerProgress& progress) = 0;
    virtual std::map<std::string, PeerProgress> peers() = 0;
    // Another copy of this replica has written files under its device id (a copied or restored
    // database): take a fresh id. The old id becomes a peer whose files up to own_sequence() are
    // already here, and everything sent under the old id is sent again under the new one.
    // Returns the new id.
    virtual std::string become_new_device() = 0;

    // The protocol's steps run between begin() and commit(); an exception rolls back.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;

    // Finds what changed locally since the last call, stamps it, and queues it to send.
    virtual void collect_local_changes() = 0;
    virtual std::vector<Record> unsent() = 0;
    virtual void mark_sent(const std::vector<RecordKey>& keys) = 0;
    // Every record this device has ever sent, as it is now: a snapshot's content.
    virtual std::vector<Record> history() = 0;
    // Merges records read from another device's file. Returns how many changed here.
    virtual std::size_t merge(std::vector<Record> records) = 0;
    // After every file of a run was merged: apply what waited for a record it needs.
    virtual void settle() {}
    virtual std::size_t conflicts() = 0;
    // Messages for the report (a record that could not be applied, ...).
    virtual std::vector<std::string> take_notes() { return {}; }
};

// One sync of `replica` through `folder`, whose group (already checked) is `group_id` with `key`.
// Throws SyncError if the folder cannot be read or written; every problem with one file is in the
// report instead.
SyncReport exchange(const std::filesystem::path& folder, const std::string& group_id,
                    const SyncKey& key, Replica& replica, const ExchangeOptions& options = {});

// What the folder holds, as the protocol sees it.
struct FolderListing {
    struct File {
        std::string name;
        SyncFileName what;
        std::uintmax_t size = 0;
    };
    bool has_group_file = false;
    std::vector<File> files;          // segments and snapshots, by device then number
    std::vector<SyncProblem> skipped; // carrier debris and strangers, never read
};
FolderListing list_folder(const std::filesystem::path& folder);

namespace detail {

// The whole of a regular file (a FIFO, device or folder is never opened for reading in a way that
// could block, and nothing beyond max_bytes is read). Throws SyncError (unreadable, naming `name`)
// with why not.
std::string read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes,
                              const std::string& name);

} // namespace detail

// Records in memory, with local edits: for tests, tools and the benchmark.
class MemoryReplica : public Replica {
  public:
    explicit MemoryReplica(std::string device_id, HlcClock::WallClock wall = {});

    // Local edits, stamped by this replica's clock. A new record starts alive.
    void set_field(const RecordKey& key, const std::string& name, const std::string& value);
    void set_text(const RecordKey& key, const std::string& name, const std::string& value);
    void resolve_text(const RecordKey& key, const std::string& name, const std::string& value);
    void remove(const RecordKey& key); // a tombstone
    void restore(const RecordKey& key);

    const std::map<RecordKey, Record>& records() const { return records_; }
    const Record* find(const RecordKey& key) const;

    HlcClock& clock() override { return clock_; }
    std::uint64_t own_sequence() override { return own_sequence_; }
    void set_own_sequence(std::uint64_t s) override { own_sequence_ = s; }
    PeerProgress progress(const std::string& device) override;
    void set_progress(const std::string& device, const PeerProgress& p) override;
    std::map<std::string, PeerProgress> peers() override { return progress_; }
    std::string become_new_device() override;
    void begin() override {}
    void commit() override {}
    void rollback() override {}
    void collect_local_changes() override {}
    std::vector<Record> unsent() override;
    void mark_sent(const std::vector<RecordKey>& keys) override;
    std::vector<Record> history() override;
    std::size_t merge(std::vector<Record> records) override;
    std::size_t conflicts() override;

  private:
    Record& edit(const RecordKey& key);

    HlcClock clock_;
    std::uint64_t own_sequence_ = 0;
    std::map<RecordKey, Record> records_;
    std::set<RecordKey> unsent_, mine_;
    std::map<std::string, PeerProgress> progress_;
};

} // namespace casebook
