#pragma once
// Sync between devices through a shared folder that something else carries (a USB stick, a
// network share, a cloud folder, Syncthing).
//
// The folder protocol: each device writes only its own files, immutable numbered segments of its
// changes (<device>.<number>.segment), each written under a temporary name, flushed and renamed;
// it never edits or deletes another device's file, and never puts the database in the folder.
// Now and then a device replaces its own old segments by one snapshot (<device>.<number>.snapshot,
// covering its segments up to that number). Every device remembers, for each other device, the
// numbers it has applied, so a sync reads only what is new; a file may arrive late, out of order,
// twice or never, and the merge (core/sync/record.hpp) gives the same result once the same files
// have been seen. Files the carrier leaves behind are reported and never applied. A missing,
// emptied or replaced folder deletes nothing.
//
// The protocol itself (Replica, MemoryReplica, exchange(), the file format, the merge) is internal
// to the core: core/sync/replica.hpp, format.hpp, record.hpp, hlc.hpp; tests reach it through
// casebook_core_internal.
#include "casebook/base/kdf_cost.hpp"
#include "casebook/store.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace casebook {

// Why a file in the sync folder was not used. Only damaged, too_large and unreadable count as
// damage; the others are expected now and then and are reported, not alarming.
enum class SkipReason {
    damaged,       // truncated, altered, renamed, or not what its name says
    too_large,     // beyond SyncLimits
    unreadable,    // the system could not read it
    newer_format,  // from a newer Casebook: left in place for it, not half-read
    other_group,   // belongs to another sync group
    debris,        // a carrier's temporary, partial or conflict-copy file
    not_sync_file, // not one of Casebook's
    wrong_passphrase,
};
const char* to_string(SkipReason reason);

// A failure as a value: the file (its name in the folder) and the reason, in words.
struct SyncProblem {
    std::string file;
    SkipReason kind = SkipReason::damaged;
    std::string reason;

    bool damage() const {
        return kind == SkipReason::damaged || kind == SkipReason::too_large ||
               kind == SkipReason::unreadable;
    }
    std::string to_string() const { return file + ": " + reason; }
};

// A failure that stops a sync before anything changed: no group, a wrong passphrase, a folder of
// another group, a folder that cannot be written. problem names the file and the reason.
class SyncError : public StoreError {
  public:
    explicit SyncError(SyncProblem p) : StoreError(p.to_string()), problem(std::move(p)) {}
    SyncProblem problem;
};

struct SyncReport {
    std::size_t files_read = 0;       // other devices' files read and merged
    std::size_t records_sent = 0;     // records this device wrote to its new segment
    std::size_t records_received = 0; // records in the files read
    std::size_t records_applied = 0;  // of those, the ones that changed something here
    std::size_t conflicts = 0;        // texts in conflict after the run (this device, all profiles)
    std::vector<SyncProblem> skipped; // files not used, each with the reason
    std::vector<std::string> notes;   // what else happened (a snapshot written, a new device id)
    std::vector<std::string> written; // names of the files this device wrote
    // Profiles on this device that have not joined the group: nothing of theirs was sent.
    std::vector<std::string> held_back;

    // True if a skipped file was damaged (the CLI exits non-zero).
    bool damage() const;
};

// ---- the façade over the device's database -----------------------------------------------

// How far ahead of this device's clock a stamp from another device may be: one day. A record
// stamped later is not applied (nor taken into the clock) until the clock gets that far.
inline constexpr std::int64_t max_ahead_ms = 24LL * 60 * 60 * 1000;

struct ExchangeOptions {
    // Own segments kept before they are compacted into a snapshot.
    std::size_t compact_after = 32;
    // Records per segment (a first sync of a large database writes several).
    std::size_t records_per_segment = 100'000;
    // Records merged per database transaction while receiving.
    std::size_t records_per_commit = 20'000;
};

struct SyncOptions {
    KdfCost kdf = KdfCost::interactive; // for a group this device creates
    std::function<std::int64_t()> wall; // for tests (clock skew); by default the system clock
    ExchangeOptions exchange;
};

// One value in a text conflict.
struct ConflictValue {
    std::string text;
    std::string device_id; // the device it was written on
    std::string stamp;     // its hybrid logical clock stamp (Hlc::str())
    bool shown = false;    // the value the record shows until the conflict is resolved
};

// A text edited on two devices while apart: both values are kept until someone resolves it.
struct SyncConflict {
    std::string kind;       // "note", "supervision", "reflection"
    std::string id;         // the record's id (a reflection's is "<profile id>/<case id>")
    std::string field;      // "title", "body", "discussion", "trainee_reflection", "text"
    std::string profile_id; // a session's is its supervisor's (its trainee sees it too)
    std::vector<ConflictValue> values; // newest first
};

struct PeerStatus {
    std::string device_id;
    std::uint64_t applied_upto = 0; // the highest of its files applied with none missing below
    std::string last_applied_at;    // when this device last applied a file of it (ISO 8601 UTC)
    std::string casebook_version;   // the version of Casebook that wrote its latest file, if known
};

// Each file a device writes carries one record of this kind, its id the device's, with the
// version of Casebook that wrote the file. It holds nothing of any person.
inline constexpr const char* device_record_kind = "device";
inline constexpr const char* device_version_field = "casebook_version";

// Sync of this device's database. Owns its own connection to the database file, so it may run on
// a worker thread while the Store serves the screens (one Sync per thread).
//
// What syncs, for the profiles that joined the group: the profile (with its PIN's Argon2id
// verifier, never the PIN; wrong-PIN back-off stays per device), notes with their versions and
// trash, supervision sessions (when both people joined) with their actions and addenda, checklist
// decision records with their addenda, attempts at cases with their choices, and reflections;
// and the device's use without a profile. A profile joins when its owner, having unlocked it,
// agrees (join_profile), or by arriving from the group; joining another group asks again.
//
// What a file from the group cannot do here: move a record to another profile, un-sign a signed
// session or un-finalise a decision record (sealing only grows in the merge), remove or replace a
// PIN this device has, or push this device's clock more than max_ahead_ms into the future.
class Sync {
  public:
    // Opens the database of `store` (already migrated). A copied or restored database is noticed
    // here and given a new device id (see notices()).
    explicit Sync(const Store& store, SyncOptions options = {});
    ~Sync();
    Sync(const Sync&) = delete;
    Sync& operator=(const Sync&) = delete;

    std::string device_id() const;
    // The group this device belongs to, if any.
    std::optional<std::string> group_id() const;
    // Messages from opening (e.g. a new device id for a copied database).
    const std::vector<std::string>& notices() const { return notices_; }

    // Creates a sync group in `folder` (created if missing) and joins it. Throws SyncError if the
    // folder already holds a group or the passphrase is shorter than 8 characters. Returns the
    // group id.
    std::string init(const std::filesystem::path& folder, const std::string& passphrase);
    // Joins the group in `folder`. Throws SyncError: no group file, a damaged one, a newer format,
    // or a wrong passphrase (each told apart). Returns the group id.
    std::string join(const std::filesystem::path& folder, const std::string& passphrase);
    // Sends this device's changes and applies the other devices'. Throws SyncError before changing
    // anything if this device is in no group, the folder is missing or belongs to another group,
    // or the passphrase is wrong.
    SyncReport run(const std::filesystem::path& folder, const std::string& passphrase);

    // Texts in conflict, as they stand now (edits made here since the last sync included). With
    // a profile id: that profile's (a session's for its supervisor and its trainee), and those of
    // no profile. A signed-off session shows what was signed; resolving its conflict keeps that.
    std::vector<SyncConflict> conflicts(const std::string& profile_id = {}) const;
    // Keeps `text` (one of the values, or an edited merge) and ends the conflict on every device
    // at their next sync. Throws SyncError if there is no such record or text.
    void resolve(const std::string& kind, const std::string& id, const std::string& field,
                 const std::string& text);
    // Every other device whose files were applied here.
    std::vector<PeerStatus> peers() const;

    // A profile takes part in the group: its records go with every later sync. Call it only once
    // the profile's owner has unlocked it and agreed (the app asks). It holds for this device's
    // group, or the next one it makes or joins; throws SyncError if there is no such profile.
    void join_profile(const std::string& profile_id);
    // The profiles in the group (joined here or arrived from it).
    std::vector<std::string> members() const;
    bool is_member(const std::string& profile_id) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    SyncOptions options_;
    std::vector<std::string> notices_;
};

} // namespace casebook
