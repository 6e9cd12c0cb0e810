#pragma once
// What the sync benchmark and the large-database generator share: devices with a Journal and a
// Sync, and a history of 20 devices' notes carried into one folder.
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "casebook/sync.hpp"
#include "sync/replica.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace bench {

using namespace casebook;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

inline const std::string passphrase = "benchmark passphrase, long enough";

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Device {
    Device(const fs::path& dir, KdfCost kdf) {
        fs::create_directories(dir);
        store = std::make_unique<Store>(dir / Store::file_name);
        journal = std::make_unique<Journal>(*store);
        SyncOptions o;
        o.kdf = kdf;
        sync = std::make_unique<Sync>(*store, o);
    }
    std::unique_ptr<Store> store;
    std::unique_ptr<Journal> journal;
    std::unique_ptr<Sync> sync;
};

inline std::string words(std::mt19937& rng, int n) {
    static const char* pool[] = {"consent", "risk",    "child",    "disclosure",   "safeguarding",
                                 "nurse",   "parent",  "referral", "confidential", "duty",
                                 "record",  "advice",  "school",   "bruise",       "neighbour",
                                 "health",  "visitor", "plan"};
    std::string out;
    for (int i = 0; i < n; ++i) {
        if (i) out += ' ';
        out += pool[rng() % (sizeof pool / sizeof *pool)];
    }
    return out;
}

inline void add_notes(Device& d, const std::string& profile, int count, std::mt19937& rng) {
    for (int i = 0; i < count; ++i)
        d.journal->add_note(profile, {words(rng, 4), words(rng, 60), {"bench"}, "none", ""});
}

// Copies the files `to` lacks (the carrier).
inline void carry(const fs::path& from, const fs::path& to) {
    for (const auto& e : fs::directory_iterator(from))
        if (!fs::exists(to / e.path().filename()))
            fs::copy_file(e.path(), to / e.path().filename());
}

// 20 devices (by default), each writing a profile and its notes into a folder of its own (so
// none reads the others' while the history is built), all carried into `folder` at the end.
struct History {
    std::vector<std::unique_ptr<Device>> sources;
    std::vector<std::string> profiles;
    std::vector<fs::path> own_folders;
    std::size_t records = 0;
};

inline History write_history(const fs::path& root, const fs::path& folder, KdfCost kdf, int devices,
                             int notes_each, std::mt19937& rng) {
    History h;
    fs::create_directories(folder);
    for (int i = 0; i < devices; ++i) {
        h.sources.push_back(std::make_unique<Device>(root / ("device" + std::to_string(i)), kdf));
        h.own_folders.push_back(root / ("folder" + std::to_string(i)));
        fs::create_directories(h.own_folders.back());
        Device& d = *h.sources.back();
        h.profiles.push_back(
            d.journal->add_profile({"Person " + std::to_string(i), Role::trainee, "nurse", "wales"})
                .id);
        d.sync->join_profile(h.profiles.back()); // its owner agrees to sync
        if (i == 0)
            d.sync->init(folder, passphrase);
        else
            d.sync->join(folder, passphrase);
        fs::copy_file(folder / group_file_name, h.own_folders.back() / group_file_name,
                      fs::copy_options::skip_existing);
        add_notes(d, h.profiles.back(), notes_each, rng);
        h.records += d.sync->run(h.own_folders.back(), passphrase).records_sent;
        carry(h.own_folders.back(), folder);
    }
    return h;
}

} // namespace bench
