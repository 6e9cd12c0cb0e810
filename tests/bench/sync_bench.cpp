// Sync benchmark (a program, not a test): run by hand, prints the figures.
//
//   build/tests/sync_bench [--minimum-kdf] [--quick]
//
// 1. 100,000 records from 20 devices applied on a fresh device: 20 devices each write a profile
//    and 2,500 notes through the Journal (each note is two records, the note and its first
//    version) and sync them into one folder; a fresh device joins and runs one sync.
// 2. A sync bringing 10 new records (5 notes) after a history of 100 records, and after the
//    history of 100,000 above: the median of 5 runs each.
// Every run includes turning the passphrase into the key (Argon2id at the interactive limits a
// real group uses, unless --minimum-kdf); that cost is printed on its own too.
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "casebook/sync.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace casebook;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const std::string passphrase = "benchmark passphrase, long enough";

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Device {
    explicit Device(const fs::path& dir, KdfCost kdf) {
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

std::string words(std::mt19937& rng, int n) {
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

void add_notes(Device& d, const std::string& profile, int count, std::mt19937& rng) {
    for (int i = 0; i < count; ++i)
        d.journal->add_note(profile, {words(rng, 4), words(rng, 60), {"bench"}, "none", ""});
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Copies the files `to` lacks (the carrier).
void carry(const fs::path& from, const fs::path& to) {
    for (const auto& e : fs::directory_iterator(from))
        if (!fs::exists(to / e.path().filename()))
            fs::copy_file(e.path(), to / e.path().filename());
}

// A device that has applied a history, and one that keeps adding to it in its own folder.
double ten_new_records(Device& writer, const std::string& profile, const fs::path& writer_folder,
                       Device& reader, const fs::path& folder, std::mt19937& rng,
                       SyncReport& last) {
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        add_notes(writer, profile, 5, rng); // 5 notes = 10 records
        writer.sync->run(writer_folder, passphrase);
        carry(writer_folder, folder);
        const auto start = Clock::now();
        last = reader.sync->run(folder, passphrase);
        times.push_back(seconds_since(start));
    }
    return median(times);
}

} // namespace

int main(int argc, char** argv) {
    KdfCost kdf = KdfCost::interactive;
    int devices = 20, notes_each = 2500;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--minimum-kdf"))
            kdf = KdfCost::minimum;
        else if (!std::strcmp(argv[i], "--quick"))
            notes_each = 250;
        else {
            std::fprintf(stderr, "usage: sync_bench [--minimum-kdf] [--quick]\n");
            return 2;
        }
    }
    std::mt19937 rng(42);
    const fs::path root = fs::temp_directory_path() /
                          ("casebook-sync-bench-" + std::to_string(std::random_device{}()));
    const fs::path folder = root / "folder";
    fs::create_directories(folder);
    std::printf("sync benchmark in %s (%s key derivation)\n", root.c_str(),
                kdf == KdfCost::interactive ? "interactive" : "minimum");

    // The key derivation alone, as every run pays it.
    {
        SyncKey key;
        const GroupFile g = GroupFile::create(passphrase, kdf, key);
        const auto start = Clock::now();
        (void)g.unlock(passphrase);
        std::printf("  passphrase to key (Argon2id): %.3f s per run\n", seconds_since(start));
    }

    // 1. The history: 20 devices, each writing into a folder of its own (so none reads the
    //    others' while the history is built), all carried into one folder at the end.
    auto setup = Clock::now();
    std::vector<std::unique_ptr<Device>> sources;
    std::vector<std::string> profiles;
    std::vector<fs::path> own_folders;
    std::size_t records = 0;
    for (int i = 0; i < devices; ++i) {
        sources.push_back(std::make_unique<Device>(root / ("device" + std::to_string(i)), kdf));
        own_folders.push_back(root / ("folder" + std::to_string(i)));
        fs::create_directories(own_folders.back());
        Device& d = *sources.back();
        profiles.push_back(
            d.journal->add_profile({"Person " + std::to_string(i), Role::trainee, "nurse", "wales"})
                .id);
        d.sync->join_profile(profiles.back());
        if (i == 0) {
            d.sync->init(folder, passphrase);
        } else {
            d.sync->join(folder, passphrase);
        }
        fs::copy_file(folder / group_file_name, own_folders.back() / group_file_name,
                      fs::copy_options::skip_existing);
        add_notes(d, profiles.back(), notes_each, rng);
        records += d.sync->run(own_folders.back(), passphrase).records_sent;
        carry(own_folders.back(), folder);
    }
    std::printf("  set-up: %d devices wrote %zu records in %.1f s\n", devices, records,
                seconds_since(setup));

    Device fresh(root / "fresh", kdf);
    fresh.sync->join(folder, passphrase);
    auto start = Clock::now();
    const auto first = fresh.sync->run(folder, passphrase);
    const double apply_all = seconds_since(start);
    std::printf("1. fresh device applies %zu records (%zu files) from %d devices: %.2f s\n",
                first.records_applied, first.files_read, devices, apply_all);
    std::size_t notes = 0;
    for (const auto& p : profiles)
        notes += fresh.journal->notes(p).size();
    std::printf("   (%zu notes now on the fresh device)\n", notes);

    // 2a. After a history of 100 records: a small group of two.
    const fs::path small_folder = root / "small-folder";
    Device small_writer(root / "small-writer", kdf), small_reader(root / "small-reader", kdf);
    const auto small_profile =
        small_writer.journal->add_profile({"Small", Role::trainee, "", ""}).id;
    small_writer.sync->join_profile(small_profile);
    small_writer.sync->init(small_folder, passphrase);
    add_notes(small_writer, small_profile, 50, rng); // 1 profile + 50 notes x 2 = 101 records
    small_writer.sync->run(small_folder, passphrase);
    small_reader.sync->join(small_folder, passphrase);
    const auto small_history = small_reader.sync->run(small_folder, passphrase);
    SyncReport last;
    const double after_small = ten_new_records(small_writer, small_profile, small_folder,
                                               small_reader, small_folder, rng, last);
    std::printf("2. sync bringing %zu new records after a history of %zu: %.3f s (median of 5)\n",
                last.records_applied, small_history.records_applied, after_small);

    // 2b. After the history of 100,000.
    const double after_large =
        ten_new_records(*sources[3], profiles[3], own_folders[3], fresh, folder, rng, last);
    std::printf("3. sync bringing %zu new records after a history of %zu: %.3f s (median of 5)\n",
                last.records_applied, first.records_applied, after_large);
    std::printf("   ratio (large / small history): %.2f\n", after_large / after_small);

    sources.clear();
    std::error_code ec;
    fs::remove_all(root, ec);
    return 0;
}
