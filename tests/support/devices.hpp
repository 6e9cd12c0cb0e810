#pragma once
// Devices for the sync tests: each on a temporary database, a carrier between their folders,
// and rapidcheck with a chosen number of cases.
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "casebook/sync.hpp"
#include "support/temp_dir.hpp"
#include "sync/replica.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <rapidcheck.h>
#include <sstream>
#include <string>
#include <vector>

namespace synctest {

namespace fs = std::filesystem;

inline const std::string passphrase = "correct horse battery staple";

// Checks a property with `cases` random cases (RC_PARAMS may still set the seed).
template <class Testable> void property(const std::string& name, int cases, Testable&& testable) {
    auto params = rc::detail::configuration().testParams;
    params.maxSuccess = cases;
    rc::detail::TestMetadata metadata;
    metadata.id = name;
    metadata.description = name;
    const auto result =
        rc::detail::checkTestable(std::forward<Testable>(testable), metadata, params);
    if (!result.template is<rc::detail::SuccessResult>()) {
        std::ostringstream out;
        rc::detail::printResultMessage(result, out);
        FAIL(name << "\n" << out.str());
    }
    SUCCEED(name);
}

inline std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// A device: its own data folder with a database, a Journal and a Sync, and a clock that may be
// set hours off.
struct Device {
    explicit Device(std::chrono::milliseconds skew = std::chrono::milliseconds(0),
                    std::size_t compact = 32)
        : compact_after(compact), skew_(skew) {
        open();
    }

    void open() {
        sync.reset();
        journal.reset();
        store.reset();
        store = std::make_unique<casebook::Store>(dir / casebook::Store::file_name);
        const auto skew = skew_;
        journal = std::make_unique<casebook::Journal>(
            *store, [skew] { return std::chrono::system_clock::now() + skew; });
        casebook::SyncOptions options;
        options.kdf = casebook::KdfCost::minimum;
        options.wall = [skew] { return now_ms() + skew.count(); };
        options.exchange.compact_after = compact_after;
        sync = std::make_unique<casebook::Sync>(*store, options);
    }
    void close() {
        sync.reset();
        journal.reset();
        store.reset();
    }
    fs::path db_path() const { return dir / casebook::Store::file_name; }

    test::TempDir dir;
    std::size_t compact_after = 32;
    std::chrono::milliseconds skew_;
    std::unique_ptr<casebook::Store> store;
    std::unique_ptr<casebook::Journal> journal;
    std::unique_ptr<casebook::Sync> sync;
};

// Copies every file of `from` that `to` lacks (a carrier such as Syncthing, minus its quirks).
inline void carry(const fs::path& from, const fs::path& to) {
    for (const auto& e : fs::directory_iterator(from)) {
        if (!e.is_regular_file()) continue;
        const auto target = to / e.path().filename();
        if (!fs::exists(target)) fs::copy_file(e.path(), target);
    }
}

inline std::vector<std::string> file_names(const fs::path& folder) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(folder))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

inline bool skipped(const casebook::SyncReport& r, const std::string& file,
                    casebook::SkipReason why) {
    return std::any_of(r.skipped.begin(), r.skipped.end(), [&](const casebook::SyncProblem& p) {
        return p.file == file && p.kind == why;
    });
}

inline std::string describe(const casebook::SyncReport& r) {
    std::ostringstream out;
    out << "read " << r.files_read << ", sent " << r.records_sent << ", received "
        << r.records_received << ", applied " << r.records_applied << ", conflicts " << r.conflicts;
    for (const auto& p : r.skipped)
        out << "\n  skipped " << p.to_string();
    for (const auto& n : r.notes)
        out << "\n  note " << n;
    return out.str();
}

} // namespace synctest
