// The folder protocol, one exchange: send this device's changes as its next segments, read every
// other device's new files, and compact this device's own into a snapshot now and then.
#include "casebook/base.hpp"
#include "casebook/version.hpp"
#include "sync/replica.hpp"

#include <algorithm>
#include <iterator>

namespace casebook {

namespace fs = std::filesystem;

// ---- one exchange --------------------------------------------------------------------------

namespace {

// Rolls back unless committed.
class Step {
  public:
    explicit Step(Replica& r) : r_(r) { r_.begin(); }
    ~Step() {
        if (open_) r_.rollback();
    }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;
    void commit() {
        r_.commit();
        open_ = false;
    }
    // Commits what is done and goes on in a new transaction (a long sync in pieces: every
    // piece is safe to do again, as merging is idempotent).
    void checkpoint() {
        r_.commit();
        open_ = false;
        r_.begin();
        open_ = true;
        r_.collect_local_changes();
    }

  private:
    Replica& r_;
    bool open_ = true;
};

// The records of another device's file; throws SyncError with the reason it was not used.
std::vector<Record> read_sync_file(const fs::path& folder, const FolderListing::File& f,
                                   const std::string& group_id, const SyncKey& key) {
    if (f.size > SyncLimits::max_payload + EnvelopeHeader::size)
        throw SyncError({f.name, SkipReason::too_large,
                         "too large: " + std::to_string(f.size) + " bytes (at most " +
                             std::to_string(SyncLimits::max_payload + EnvelopeHeader::size) +
                             "): not read"});
    const std::string bytes = detail::read_regular_file(
        folder / f.name, SyncLimits::max_payload + EnvelopeHeader::size, f.name);
    // A file still growing (a carrier writing in place) is longer than listed; the envelope's
    // exact length check judges what was read.
    EnvelopeHeader expected;
    expected.kind = f.what.kind;
    expected.group_id = group_id;
    expected.device_id = f.what.device;
    expected.sequence = f.what.sequence;
    return decode_records(open_envelope(bytes, f.name, expected, key), f.name);
}

// Every file says which Casebook wrote it, as a record of its own that holds nothing of any
// person. A reader that does not know the kind keeps it and applies nothing, so the format did
// not change for older readers. The device keeps it too, so every copy converges on it.
Record stamp_writer(Replica& replica) {
    Record writer;
    writer.kind = device_record_kind;
    writer.id = replica.clock().device();
    writer.set_field(device_version_field, casebook::version, replica.clock().now());
    replica.merge({writer});
    return writer;
}

std::string write_own(const fs::path& folder, SyncFileKind kind, const std::string& device,
                      std::uint64_t sequence, const std::string& group_id, const SyncKey& key,
                      const std::vector<Record>& records) {
    EnvelopeHeader h;
    h.kind = kind;
    h.group_id = group_id;
    h.device_id = device;
    h.sequence = sequence;
    const SyncFileName name{kind, device, sequence};
    const std::string bytes = seal_envelope(h, encode_records(records), key);
    try {
        write_file(folder / name.str(), bytes, WriteMode::create_new);
    } catch (const FileError& e) {
        throw SyncError({name.str(), SkipReason::unreadable, e.what()});
    }
    return name.str();
}

} // namespace

SyncReport exchange(const fs::path& folder, const std::string& group_id, const SyncKey& key,
                    Replica& replica, const ExchangeOptions& options) {
    SyncReport report;
    FolderListing listing = list_folder(folder);
    report.skipped = listing.skipped;

    auto own_max = [&](const std::string& device) {
        std::uint64_t top = 0;
        for (const auto& f : listing.files)
            if (f.what.device == device) top = std::max(top, f.what.sequence);
        return top;
    };

    // A file under this device's id that this device never wrote: another copy of its database.
    // Only a file that passes the group's authentication counts (anyone who can write to the
    // folder could put junk there under any name); the others are reported and left alone.
    bool copied = false;
    if (const std::string old = replica.clock().device(); own_max(old) > replica.own_sequence()) {
        for (const auto& f : listing.files) {
            if (f.what.device != old || f.what.sequence <= replica.own_sequence()) continue;
            try {
                read_sync_file(folder, f, group_id, key);
                copied = true;
            } catch (const SyncError& e) {
                SyncProblem p = e.problem;
                p.reason = "under this device's own id, but not written by it: " + p.reason;
                report.skipped.push_back(std::move(p));
            }
        }
    }
    if (copied) {
        const std::string old = replica.clock().device();
        Step step(replica);
        const std::string fresh = replica.become_new_device();
        step.commit();
        report.notes.push_back("files numbered beyond this device's own were found under its id " +
                               old + " (a copied or restored database): this device now syncs as " +
                               fresh + " and reads those files as another device's");
    }
    const std::string me = replica.clock().device();

    // 1. Send: stamp local changes and give them the next numbers before any file is written,
    //    so a number is never reused, even after a crash.
    std::vector<Record> outgoing;
    Record writer;
    std::uint64_t first = 0;
    std::size_t segments = 0;
    {
        Step step(replica);
        replica.collect_local_changes();
        outgoing = replica.unsent();
        if (!outgoing.empty()) {
            writer = stamp_writer(replica);
            segments =
                (outgoing.size() + options.records_per_segment - 1) / options.records_per_segment;
            // The next numbers, past any name already taken under this id (a file nobody
            // authenticated may sit there): numbers never jump, and a file is never replaced.
            std::set<std::uint64_t> taken;
            for (const auto& f : listing.files)
                if (f.what.device == me) taken.insert(f.what.sequence);
            first = replica.own_sequence() + 1;
            for (auto it = taken.lower_bound(first); it != taken.end() && *it < first + segments;
                 it = taken.lower_bound(first))
                first = *it + 1;
            replica.set_own_sequence(first + segments - 1);
        }
        step.commit();
    }
    std::sort(outgoing.begin(), outgoing.end(),
              [](const Record& a, const Record& b) { return a.key() < b.key(); });
    for (std::size_t i = 0; i < segments; ++i) {
        const auto from =
            outgoing.begin() + static_cast<std::ptrdiff_t>(i * options.records_per_segment);
        const auto to = outgoing.begin() +
                        static_cast<std::ptrdiff_t>(
                            std::min(outgoing.size(), (i + 1) * options.records_per_segment));
        std::vector<Record> part(from, to);
        part.push_back(writer);
        const auto seq = first + i;
        report.written.push_back(
            write_own(folder, SyncFileKind::segment, me, seq, group_id, key, part));
        listing.files.push_back({report.written.back(), {SyncFileKind::segment, me, seq}, 0});
    }
    report.records_sent = outgoing.size();

    // 2. Receive: every other device's files not applied yet, a snapshot before the segments it
    //    covers, in number order.
    {
        Step step(replica);
        if (!outgoing.empty()) {
            std::vector<RecordKey> keys;
            for (const auto& r : outgoing)
                keys.push_back(r.key());
            keys.push_back(writer.key()); // this device's own, so its snapshots carry it
            replica.mark_sent(keys);
        }
        // Edits made since step 1 are stamped before anything from outside can overwrite them.
        replica.collect_local_changes();

        std::map<std::string, std::vector<const FolderListing::File*>> by_device;
        for (const auto& f : listing.files)
            if (f.what.device != me) by_device[f.what.device].push_back(&f);
        std::size_t uncommitted = 0;
        for (const auto& [device_id, files] : by_device) {
            // A plain name the lambda below can capture (clang 14, used for the fuzz build,
            // cannot capture a structured binding).
            const std::string& device = device_id;
            PeerProgress progress = replica.progress(device);
            PeerProgress saved = progress;
            auto apply = [&](const FolderListing::File& f) {
                std::vector<Record> records;
                try {
                    records = read_sync_file(folder, f, group_id, key);
                } catch (const SyncError& e) {
                    report.skipped.push_back(e.problem);
                    return false;
                }
                // A stamp far ahead of this device's clock is not taken in: the clock would jump
                // there, and every edit made here until then would lose to it. The record waits
                // (its file is read again at each sync) until this clock catches up.
                const std::int64_t bound = replica.clock().wall_ms() + max_ahead_ms;
                const auto early =
                    std::stable_partition(records.begin(), records.end(),
                                          [&](const Record& r) { return r.latest().ms <= bound; });
                const auto ahead = static_cast<std::size_t>(records.end() - early);
                if (ahead > 0) {
                    report.notes.push_back(
                        f.name + ": " + std::to_string(ahead) +
                        (ahead == 1 ? " record is" : " records are") +
                        " stamped more than a day ahead of this device's clock (" +
                        early->latest().str() +
                        "; is a clock set wrong?): not applied yet, the "
                        "file is read again at the next sync");
                    records.erase(early, records.end());
                }
                for (const auto& r : records)
                    replica.clock().receive(r.latest());
                // Which Casebook wrote it is kept, but not counted as a record received.
                const auto writers =
                    std::stable_partition(records.begin(), records.end(), [](const Record& r) {
                        return r.kind != device_record_kind;
                    });
                if (writers != records.end()) {
                    replica.merge(std::vector<Record>(std::make_move_iterator(writers),
                                                      std::make_move_iterator(records.end())));
                    records.erase(writers, records.end());
                }
                report.records_received += records.size();
                // In pieces, each its own transaction: a large first sync never holds more
                // than one piece's pages in memory.
                const std::size_t piece = std::max<std::size_t>(1, options.records_per_commit);
                for (std::size_t at = 0; at < records.size(); at += piece) {
                    if (uncommitted >= piece) {
                        if (!(progress == saved)) replica.set_progress(device, progress);
                        saved = progress;
                        step.checkpoint();
                        uncommitted = 0;
                    }
                    const auto end = std::min(records.size(), at + piece);
                    std::vector<Record> part(
                        std::make_move_iterator(records.begin() + static_cast<std::ptrdiff_t>(at)),
                        std::make_move_iterator(records.begin() +
                                                static_cast<std::ptrdiff_t>(end)));
                    uncommitted += part.size();
                    report.records_applied += replica.merge(std::move(part));
                }
                ++report.files_read;
                return ahead == 0;
            };
            // The newest snapshot not yet covered; older ones are covered by it.
            const FolderListing::File* snapshot = nullptr;
            for (const auto* f : files)
                if (f->what.kind == SyncFileKind::snapshot && f->what.sequence > progress.upto)
                    snapshot = f;
            if (snapshot && apply(*snapshot)) progress.cover(snapshot->what.sequence);
            for (const auto* f : files)
                if (f->what.kind == SyncFileKind::segment && !progress.has(f->what.sequence) &&
                    apply(*f))
                    progress.add(f->what.sequence);
            if (!(progress == saved)) replica.set_progress(device, progress);
        }
        replica.settle();
        step.commit();
    }

    // 3. Compact: replace this device's segments by one snapshot when there are many, or when
    //    some are missing from the folder (emptied or replaced), so every device can still get
    //    everything this one ever sent.
    if (const std::uint64_t last = replica.own_sequence(); last > 0) {
        std::uint64_t snap = 0;
        std::set<std::uint64_t> mine;
        for (const auto& f : listing.files) {
            if (f.what.device != me) continue;
            if (f.what.kind == SyncFileKind::snapshot)
                snap = std::max(snap, f.what.sequence);
            else
                mine.insert(f.what.sequence);
        }
        const auto after =
            static_cast<std::size_t>(std::distance(mine.upper_bound(snap), mine.upper_bound(last)));
        const bool complete = last <= snap || after == last - snap;
        if (!complete || after > options.compact_after) {
            auto history = replica.history();
            // The snapshot carries the writer record the segments did, stamped anew only when
            // this Casebook is not the one that wrote it (so devices in step stay in step).
            const bool current = std::any_of(history.begin(), history.end(), [&](const Record& r) {
                return r.kind == device_record_kind && r.id == me &&
                       r.field(device_version_field) == casebook::version;
            });
            if (!current) {
                Step step(replica);
                replica.mark_sent({stamp_writer(replica).key()});
                step.commit();
                history = replica.history();
            }
            const std::string name =
                write_own(folder, SyncFileKind::snapshot, me, last, group_id, key, history);
            report.written.push_back(name);
            report.notes.push_back(std::string(complete ? "compacted this device's segments"
                                                        : "some of this device's files were "
                                                          "missing from the folder: wrote them "
                                                          "again") +
                                   " as " + name);
            for (const auto& f : listing.files) {
                if (f.what.device != me || f.what.sequence > last) continue;
                if (f.what.kind == SyncFileKind::snapshot && f.what.sequence == last) continue;
                std::error_code ec;
                fs::remove(folder / f.name, ec); // only ever this device's own files
            }
        }
    }

    for (auto& n : replica.take_notes())
        report.notes.push_back(std::move(n));
    report.conflicts = replica.conflicts();
    return report;
}

} // namespace casebook
