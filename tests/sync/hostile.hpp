#pragma once
// What a hostile member of a sync group can do (they hold the passphrase, so they can write
// validly encrypted files), and ways to look inside what a device sent: shared by the sync
// security tests.
#include "support/devices.hpp"

#include <sodium.h>

namespace hostile {

using namespace casebook;
namespace fs = std::filesystem;
using synctest::passphrase;

inline NoteDraft draft(const std::string& title, const std::string& body) {
    return {title, body, {}, "none", ""};
}

// What a member of the group can do: derive the key from the group file and the passphrase.
inline SyncKey group_key(const fs::path& folder) {
    const std::string bytes = test::slurp(folder / group_file_name);
    auto key = GroupFile::parse(bytes, group_file_name).unlock(passphrase);
    REQUIRE(key);
    return *key;
}

inline std::string group_of(const fs::path& folder) {
    return GroupFile::parse(test::slurp(folder / group_file_name), "g").group_id;
}

inline const std::string forger(32, '0'); // sorts before every real device: its file merges first

// A validly encrypted segment of `records`, as a hostile member would write it.
inline std::string plant(const fs::path& folder, const std::vector<Record>& records,
                         std::uint64_t sequence = 1, const std::string& device = forger) {
    EnvelopeHeader h;
    h.group_id = group_of(folder);
    h.device_id = device;
    h.sequence = sequence;
    const std::string name = SyncFileName{SyncFileKind::segment, device, sequence}.str();
    test::spit(folder / name, seal_envelope(h, encode_records(records), group_key(folder)));
    return name;
}

// Every record in every file of the folder, decrypted with the group's key.
inline std::vector<Record> everything_sent(const fs::path& folder) {
    const SyncKey key = group_key(folder);
    const std::string group = group_of(folder);
    std::vector<Record> out;
    for (const auto& name : synctest::file_names(folder)) {
        auto what = SyncFileName::parse(name);
        if (!what) continue;
        EnvelopeHeader h;
        h.kind = what->kind;
        h.group_id = group;
        h.device_id = what->device;
        h.sequence = what->sequence;
        for (auto& r :
             decode_records(open_envelope(test::slurp(folder / name), name, h, key), name))
            out.push_back(std::move(r));
    }
    return out;
}

inline bool mentions(const std::vector<Record>& records, const std::string& id) {
    return std::any_of(records.begin(), records.end(), [&](const Record& r) {
        return r.id == id || r.profile_id == id || r.parent == id ||
               r.field("supervisor_profile_id") == id || r.field("trainee_profile_id") == id;
    });
}

inline bool has_note(const SyncReport& r, const std::string& words) {
    return std::any_of(r.notes.begin(), r.notes.end(),
                       [&](const std::string& n) { return n.find(words) != std::string::npos; });
}

// A stamp an hour from now (later than anything real, well within a day).
inline Hlc soon(const std::string& device, std::int64_t plus_ms = 3'600'000) {
    return {synctest::now_ms() + plus_ms, 0, device};
}

// A text register that has seen `over` (so its value replaces whatever `over` wrote).
inline MvRegister text_over(const std::string& value, const Hlc& stamp, const std::string& over) {
    MvRegister reg;
    reg.entries.push_back({value, stamp});
    reg.seen[stamp.device] = stamp;
    reg.seen[over] = {stamp.ms, 0, over};
    return reg;
}

} // namespace hostile
