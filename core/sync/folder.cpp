// The folder protocol: listing, writing own files, reading others', snapshots, clones.
#include "casebook/files.hpp"
#include "casebook/version.hpp"
#include "sync/table_replica.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sodium.h>
#include <tuple>

#ifdef _WIN32
#include <io.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace casebook {

namespace fs = std::filesystem;

bool SyncReport::damage() const {
    return std::any_of(skipped.begin(), skipped.end(),
                       [](const SyncProblem& p) { return p.damage(); });
}

const char* to_string(SkipReason reason) {
    switch (reason) {
    case SkipReason::damaged:
        return "damaged";
    case SkipReason::too_large:
        return "too large";
    case SkipReason::unreadable:
        return "unreadable";
    case SkipReason::newer_format:
        return "newer format";
    case SkipReason::other_group:
        return "other group";
    case SkipReason::debris:
        return "carrier debris";
    case SkipReason::not_sync_file:
        return "not a sync file";
    case SkipReason::wrong_passphrase:
        return "wrong passphrase";
    }
    return "damaged";
}

// ---- progress ------------------------------------------------------------------------------

void PeerProgress::add(std::uint64_t sequence) {
    if (has(sequence)) return;
    extra.insert(sequence);
    cover(upto);
}

void PeerProgress::cover(std::uint64_t sequence) {
    upto = std::max(upto, sequence);
    extra.erase(extra.begin(), extra.upper_bound(upto));
    while (!extra.empty() && *extra.begin() == upto + 1) {
        ++upto;
        extra.erase(extra.begin());
    }
}

std::string PeerProgress::str() const {
    std::string out = std::to_string(upto);
    char sep = ':';
    for (auto s : extra) {
        out += sep + std::to_string(s);
        sep = ',';
    }
    return out;
}

PeerProgress PeerProgress::parse(const std::string& text) {
    PeerProgress p;
    std::uint64_t n = 0;
    bool first = true, any = false;
    for (char c : text + ",") {
        if (c >= '0' && c <= '9') {
            n = n * 10 + static_cast<std::uint64_t>(c - '0');
            any = true;
            continue;
        }
        if (any) {
            if (first)
                p.upto = n;
            else
                p.extra.insert(n);
        }
        first = false;
        any = false;
        n = 0;
    }
    p.cover(p.upto);
    return p;
}

// ---- reading a file without blocking -------------------------------------------------------

namespace detail {

FileRead read_regular_file(const fs::path& path, std::uint64_t max_bytes) {
    FileRead out;
    auto fail = [&](std::string why) {
        out.bytes.clear();
        out.error = std::move(why);
        return out;
    };
#ifdef _WIN32
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return fail("not a regular file: not read");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot be opened");
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        out.bytes.append(buf, static_cast<std::size_t>(in.gcount()));
        if (out.bytes.size() > max_bytes) return fail("too large: not read to the end");
    }
    return out;
#else
    // Non-blocking, so a FIFO (or a device) with that name never holds the sync up; only a
    // regular file is read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return fail(std::string("cannot be opened: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const char* what = S_ISDIR(st.st_mode)    ? "a folder"
                           : S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
                           : S_ISSOCK(st.st_mode) ? "a socket"
                                                  : "a device or other special file";
        ::close(fd);
        return fail(std::string("is ") + what + ", not a regular file: not read");
    }
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int e = errno;
            ::close(fd);
            return fail(std::string("could not be read to the end: ") + std::strerror(e));
        }
        if (n == 0) break;
        out.bytes.append(buf, static_cast<std::size_t>(n));
        if (out.bytes.size() > max_bytes) {
            ::close(fd);
            return fail("too large: more than " + std::to_string(max_bytes) + " bytes, not read");
        }
    }
    ::close(fd);
    return out;
#endif
}

} // namespace detail

// ---- the folder ----------------------------------------------------------------------------

namespace {

std::string lower(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool starts_with(const std::string& s, const std::string& head) {
    return s.rfind(head, 0) == 0;
}

// Files the operating system or a carrier puts in every folder; never worth a word.
bool is_noise(const std::string& name) {
    const auto l = lower(name);
    return l == ".ds_store" || l == "desktop.ini" || l == "thumbs.db" || starts_with(l, "._") ||
           l == ".stfolder" || l == ".stignore" || l == ".stversions" || l == ".dropbox" ||
           l == ".dropbox.attr" || l == "icon\r";
}

// A carrier's leftovers: the reason, or empty if the name is not one.
std::string debris_reason(const std::string& name) {
    const auto l = lower(name);
    if ((starts_with(l, ".syncthing.") && ends_with(l, ".tmp")) || starts_with(l, "~syncthing~"))
        return "a Syncthing transfer in progress (temporary file): ignored";
    if (l.find(".sync-conflict-") != std::string::npos)
        return "a Syncthing conflict copy: never applied (each device's own file is the one that "
               "counts)";
    if (l.find("conflicted copy") != std::string::npos ||
        l.find("conflicting copy") != std::string::npos)
        return "a cloud folder's conflicted copy: never applied";
    if (starts_with(l, ".casebook-") && ends_with(l, ".tmp"))
        return "a file still being written (or left by an interrupted write): ignored";
    for (const char* tail : {".tmp", ".part", ".partial", ".crdownload", ".download", ".temp", "~"})
        if (ends_with(l, tail)) return "a partial or temporary file: ignored";
    if (starts_with(l, "~$") || starts_with(l, ".~")) return "a temporary file: ignored";
    return {};
}

} // namespace

FolderListing list_folder(const fs::path& folder) {
    FolderListing out;
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec)
        throw SyncError({folder.string(), SkipReason::unreadable,
                         "cannot list the sync folder: " + ec.message()});
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec)
            throw SyncError({folder.string(), SkipReason::unreadable,
                             "cannot list the sync folder: " + ec.message()});
        const std::string name = it->path().filename().string();
        std::error_code type_ec;
        if (is_noise(name)) continue;
        if (it->is_directory(type_ec)) {
            // A folder with the name of a sync file (or of the group file) is worth a word.
            if (name == group_file_name || SyncFileName::parse(name))
                out.skipped.push_back({name, SkipReason::unreadable,
                                       "is a folder, not a file, though it has the name of a "
                                       "sync file: not read"});
            continue;
        }
        if (name == group_file_name) {
            out.has_group_file = true;
            continue;
        }
        if (auto why = debris_reason(name); !why.empty()) {
            out.skipped.push_back({name, SkipReason::debris, why});
            continue;
        }
        auto what = SyncFileName::parse(name);
        if (!what || what->str() != name) {
            out.skipped.push_back(
                {name, SkipReason::not_sync_file, "not a Casebook sync file: left alone"});
            continue;
        }
        if (std::error_code st_ec; !it->is_regular_file(st_ec)) {
            out.skipped.push_back({name, SkipReason::unreadable,
                                   st_ec ? "cannot be read: " + st_ec.message()
                                         : std::string("is not a regular file (a FIFO, device "
                                                       "or socket): not read")});
            continue;
        }
        std::error_code size_ec;
        const auto size = it->file_size(size_ec);
        if (size_ec) {
            out.skipped.push_back(
                {name, SkipReason::unreadable, "cannot be read: " + size_ec.message()});
            continue;
        }
        out.files.push_back({name, *what, size});
    }
    std::sort(out.files.begin(), out.files.end(), [](const auto& a, const auto& b) {
        return std::tie(a.what.device, a.what.sequence, a.what.kind) <
               std::tie(b.what.device, b.what.sequence, b.what.kind);
    });
    std::sort(out.skipped.begin(), out.skipped.end(),
              [](const SyncProblem& a, const SyncProblem& b) { return a.file < b.file; });
    return out;
}

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

std::variant<std::vector<Record>, SyncProblem> read_sync_file(const fs::path& folder,
                                                              const FolderListing::File& f,
                                                              const std::string& group_id,
                                                              const SyncKey& key) {
    if (f.size > SyncLimits::max_payload + EnvelopeHeader::size)
        return SyncProblem{f.name, SkipReason::too_large,
                           "too large: " + std::to_string(f.size) + " bytes (at most " +
                               std::to_string(SyncLimits::max_payload + EnvelopeHeader::size) +
                               "): not read"};
    const auto read =
        detail::read_regular_file(folder / f.name, SyncLimits::max_payload + EnvelopeHeader::size);
    if (!read.ok()) return SyncProblem{f.name, SkipReason::unreadable, read.error};
    const std::string& bytes = read.bytes;
    // A file still growing (a carrier writing in place) is longer than listed; the envelope's
    // exact length check judges what was read.
    EnvelopeHeader expected;
    expected.kind = f.what.kind;
    expected.group_id = group_id;
    expected.device_id = f.what.device;
    expected.sequence = f.what.sequence;
    auto opened = open_envelope(bytes, f.name, expected, key);
    if (auto* p = std::get_if<SyncProblem>(&opened)) return *p;
    return decode_records(std::get<std::string>(opened), f.name);
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
            auto read = read_sync_file(folder, f, group_id, key);
            if (auto* p = std::get_if<SyncProblem>(&read)) {
                p->reason = "under this device's own id, but not written by it: " + p->reason;
                report.skipped.push_back(*p);
            } else {
                copied = true;
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
                auto read = read_sync_file(folder, f, group_id, key);
                if (auto* p = std::get_if<SyncProblem>(&read)) {
                    report.skipped.push_back(*p);
                    return false;
                }
                auto& records = std::get<std::vector<Record>>(read);
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

// ---- the in-memory replica -----------------------------------------------------------------

MemoryReplica::MemoryReplica(std::string device_id, HlcClock::WallClock wall)
    : clock_(std::move(device_id), std::move(wall)) {}

const Record* MemoryReplica::find(const RecordKey& key) const {
    auto it = records_.find(key);
    return it == records_.end() ? nullptr : &it->second;
}

Record& MemoryReplica::edit(const RecordKey& key) {
    auto [it, added] = records_.try_emplace(key);
    if (added) {
        it->second.kind = key.kind;
        it->second.id = key.id;
    }
    unsent_.insert(key);
    return it->second;
}

void MemoryReplica::set_field(const RecordKey& key, const std::string& name,
                              const std::string& value) {
    Record& r = edit(key);
    const Hlc stamp = clock_.now();
    r.fields[name] = {value, stamp};
    r.set_state(presence::alive, stamp);
}

void MemoryReplica::set_text(const RecordKey& key, const std::string& name,
                             const std::string& value) {
    Record& r = edit(key);
    const Hlc stamp = clock_.now();
    r.texts[name].write(value, stamp);
    r.set_state(presence::alive, stamp);
}

void MemoryReplica::resolve_text(const RecordKey& key, const std::string& name,
                                 const std::string& value) {
    Record& r = edit(key);
    const Hlc stamp = clock_.now();
    r.texts[name].resolve(value, stamp);
    r.set_state(presence::alive, stamp);
}

void MemoryReplica::remove(const RecordKey& key) {
    edit(key).set_state(presence::deleted, clock_.now());
}

void MemoryReplica::restore(const RecordKey& key) {
    edit(key).set_state(presence::alive, clock_.now());
}

PeerProgress MemoryReplica::progress(const std::string& device) {
    auto it = progress_.find(device);
    return it == progress_.end() ? PeerProgress{} : it->second;
}

void MemoryReplica::set_progress(const std::string& device, const PeerProgress& p) {
    progress_[device] = p;
}

std::string MemoryReplica::become_new_device() {
    const std::string old = clock_.device();
    progress_[old].cover(own_sequence_);
    own_sequence_ = 0;
    unsent_.insert(mine_.begin(), mine_.end()); // sent again under the new id
    clock_.set_device(random_id());
    return clock_.device();
}

std::vector<Record> MemoryReplica::unsent() {
    std::vector<Record> out;
    for (const auto& k : unsent_)
        out.push_back(records_.at(k));
    return out;
}

void MemoryReplica::mark_sent(const std::vector<RecordKey>& keys) {
    for (const auto& k : keys) {
        unsent_.erase(k);
        mine_.insert(k);
    }
}

std::vector<Record> MemoryReplica::history() {
    std::vector<Record> out;
    for (const auto& k : mine_)
        out.push_back(records_.at(k));
    return out;
}

std::size_t MemoryReplica::merge(std::vector<Record> records) {
    std::size_t changed = 0;
    for (const auto& r : records) {
        auto [it, added] = records_.try_emplace(r.key(), r);
        if (added || it->second.merge(r)) ++changed;
    }
    return changed;
}

std::size_t MemoryReplica::conflicts() {
    std::size_t n = 0;
    for (const auto& [k, r] : records_)
        for (const auto& [name, t] : r.texts)
            if (t.conflicted()) ++n;
    return n;
}

} // namespace casebook
