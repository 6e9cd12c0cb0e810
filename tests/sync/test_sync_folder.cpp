// The folder protocol with in-memory replicas: numbering, gaps, repeats, snapshots, debris,
// clones, and a property over a carrier that delays, repeats and loses files.
#include "support/devices.hpp"

#include <fstream>
#include <map>
#include <set>

using namespace casebook;
namespace fs = std::filesystem;

namespace {

struct Group {
    SyncKey key;
    GroupFile file;
    Group() { file = GroupFile::create(synctest::passphrase, KdfCost::minimum, key); }
    SyncReport sync(const fs::path& folder, Replica& r, std::size_t compact_after = 32) const {
        ExchangeOptions o;
        o.compact_after = compact_after;
        return exchange(folder, file.group_id, key, r, o);
    }
};

const RecordKey note_a{"note", "a"};
const RecordKey note_b{"note", "b"};

std::string body(const MemoryReplica& r, const RecordKey& k) {
    const Record* rec = r.find(k);
    return rec ? rec->text("body") : std::string{};
}

void copy_file(const fs::path& from_folder, const fs::path& to_folder, const std::string& name,
               const std::string& as = {}) {
    fs::copy_file(from_folder / name, to_folder / (as.empty() ? name : as),
                  fs::copy_options::overwrite_existing);
}

} // namespace

TEST_CASE("a change travels through the folder and is read once", "[folder]") {
    Group g;
    test::TempDir folder;
    MemoryReplica a(random_id()), b(random_id());
    a.set_text(note_a, "body", "hello");
    const auto first = g.sync(folder.path(), a);
    CHECK(first.records_sent == 1);
    REQUIRE(first.written.size() == 1);
    CHECK(first.written[0] == a.clock().device() + ".0000000001.segment");

    const auto got = g.sync(folder.path(), b);
    INFO(synctest::describe(got));
    CHECK(got.files_read == 1);
    CHECK(got.records_applied == 1);
    CHECK(body(b, note_a) == "hello");
    CHECK(b.progress(a.clock().device()).upto == 1);

    // Nothing new: nothing read, nothing written.
    const auto again = g.sync(folder.path(), b);
    CHECK(again.files_read == 0);
    CHECK(again.written.empty());
}

TEST_CASE("segments out of order, with gaps, and twice give the same result", "[folder]") {
    Group g;
    test::TempDir a_folder, b_folder;
    MemoryReplica a(random_id()), b(random_id());
    std::vector<std::string> names;
    for (int i = 1; i <= 4; ++i) {
        a.set_text(note_a, "body", "version " + std::to_string(i));
        a.set_field(note_b, "tag", "tag " + std::to_string(i));
        names.push_back(g.sync(a_folder.path(), a).written.at(0));
    }
    // The carrier brings 4 and 2 first: 4 already holds the latest state.
    copy_file(a_folder.path(), b_folder.path(), names[3]);
    copy_file(a_folder.path(), b_folder.path(), names[1]);
    auto r = g.sync(b_folder.path(), b);
    CHECK(r.files_read == 2);
    CHECK(body(b, note_a) == "version 4");
    CHECK(b.progress(a.clock().device()).str() == "0:2,4");

    // Then 1 and 3, and 4 again under a conflict-copy name.
    copy_file(a_folder.path(), b_folder.path(), names[0]);
    copy_file(a_folder.path(), b_folder.path(), names[2]);
    const std::string dup =
        a.clock().device() + ".0000000004.sync-conflict-20250101-120000-ABCDEFG.segment";
    copy_file(a_folder.path(), b_folder.path(), names[3], dup);
    r = g.sync(b_folder.path(), b);
    CHECK(r.files_read == 2);
    CHECK(r.records_applied == 0); // older states change nothing
    CHECK(synctest::skipped(r, dup, SkipReason::debris));
    CHECK(b.progress(a.clock().device()).str() == "4");
    CHECK(body(b, note_a) == "version 4");
    CHECK(b.find(note_b)->field("tag") == "tag 4");
}

TEST_CASE("carrier debris and strangers are reported, never applied", "[folder]") {
    Group g;
    test::TempDir folder;
    MemoryReplica a(random_id()), b(random_id());
    a.set_text(note_a, "body", "real");
    const std::string seg = g.sync(folder.path(), a).written.at(0);
    const auto dev = a.clock().device();
    const std::vector<std::string> debris = {
        ".syncthing." + seg + ".tmp",
        "~syncthing~" + seg + ".tmp",
        dev + ".0000000001.sync-conflict-20250101-101010-XYZ1234.segment",
        dev + ".0000000001 (Sam's conflicted copy 2025-01-01).segment",
        ".casebook-0123456789abcdef.tmp",
        seg + ".part",
    };
    for (const auto& name : debris)
        copy_file(folder.path(), folder.path(), seg, name);
    test::spit(folder / ".DS_Store", "x");
    test::spit(folder / "desktop.ini", "x");
    test::spit(folder / "notes.txt", "hello");
    fs::create_directories(folder / ".stversions");

    const auto r = g.sync(folder.path(), b);
    INFO(synctest::describe(r));
    CHECK(r.files_read == 1);
    for (const auto& name : debris)
        CHECK(synctest::skipped(r, name, SkipReason::debris));
    CHECK(synctest::skipped(r, "notes.txt", SkipReason::not_sync_file));
    CHECK(r.skipped.size() == debris.size() + 1); // system files pass without a word
    CHECK_FALSE(r.damage());
}

TEST_CASE("a device compacts its own segments into a snapshot that a newcomer reads", "[folder]") {
    Group g;
    test::TempDir folder;
    MemoryReplica a(random_id()), b(random_id());
    for (int i = 1; i <= 5; ++i) {
        a.set_text({"note", "n" + std::to_string(i)}, "body", "text " + std::to_string(i));
        g.sync(folder.path(), a, 3);
    }
    // b read the first segments before the compaction.
    const auto names = synctest::file_names(folder.path());
    const auto dev = a.clock().device();
    CHECK(std::count(names.begin(), names.end(), dev + ".0000000004.snapshot") == 1);
    CHECK(std::count(names.begin(), names.end(), dev + ".0000000005.segment") == 1);
    for (int i = 1; i <= 4; ++i)
        CHECK(std::count(names.begin(), names.end(),
                         dev + ".000000000" + std::to_string(i) + ".segment") == 0);
    const auto r = g.sync(folder.path(), b);
    CHECK(r.files_read == 2);
    for (int i = 1; i <= 5; ++i)
        CHECK(body(b, {"note", "n" + std::to_string(i)}) == "text " + std::to_string(i));
    CHECK(b.progress(dev).upto == 5);
}

TEST_CASE("an emptied folder deletes nothing, and the device writes its history again",
          "[folder]") {
    Group g;
    test::TempDir folder;
    MemoryReplica a(random_id()), b(random_id());
    a.set_text(note_a, "body", "keep me");
    g.sync(folder.path(), a);
    g.sync(folder.path(), b);
    for (const auto& e : fs::directory_iterator(folder.path()))
        fs::remove_all(e.path());

    const auto ra = g.sync(folder.path(), a);
    const auto rb = g.sync(folder.path(), b);
    CHECK(body(a, note_a) == "keep me");
    CHECK(body(b, note_a) == "keep me");
    CHECK_FALSE(ra.notes.empty()); // the history written again, as a snapshot
    MemoryReplica c(random_id());
    g.sync(folder.path(), c);
    CHECK(body(c, note_a) == "keep me");
}

TEST_CASE("a cloned replica notices its twin's files and takes a new device id", "[folder]") {
    Group g;
    test::TempDir folder;
    MemoryReplica a(random_id());
    a.set_text(note_a, "body", "before the copy");
    g.sync(folder.path(), a);
    MemoryReplica twin = a; // a database copied to another machine
    a.set_text(note_a, "body", "original's edit");
    g.sync(folder.path(), a);
    twin.set_text(note_b, "body", "twin's edit");
    const auto r = g.sync(folder.path(), twin);
    INFO(synctest::describe(r));
    CHECK(twin.clock().device() != a.clock().device());
    REQUIRE_FALSE(r.notes.empty());
    CHECK(r.notes[0].find("copied or restored") != std::string::npos);
    CHECK(body(twin, note_a) == "original's edit"); // the original's file read as a peer's
    g.sync(folder.path(), a);
    CHECK(body(a, note_b) == "twin's edit");
}

namespace {

// One step of a random history.
struct Step {
    int kind = 0; // 0 edit, 1 field, 2 delete, 3 restore, 4 sync, 5 carry, 6 carry a damaged copy
    int replica = 0;
    int other = 0;
    int record = 0;
    int pick = 0;
};

} // namespace

TEST_CASE("property: replicas syncing through a carrier that delays, repeats and loses files "
          "end identical and lose no text",
          "[folder][property]") {
    synctest::property("folder convergence", 40, [] {
        Group g;
        const int n = *rc::gen::inRange(3, 6);
        std::vector<std::unique_ptr<test::TempDir>> folders;
        std::vector<MemoryReplica> rs;
        std::int64_t wall = 1'700'000'000'000;
        for (int i = 0; i < n; ++i) {
            folders.push_back(std::make_unique<test::TempDir>());
            const std::int64_t skew = *rc::gen::inRange(-4, 5) * 3'600'000;
            rs.emplace_back(random_id(), [&wall, skew] { return wall + skew; });
        }
        auto folder = [&](int i) { return folders[static_cast<std::size_t>(i)]->path(); };
        const auto steps = *rc::gen::container<std::vector<Step>>(rc::gen::build<Step>(
            rc::gen::set(&Step::kind,
                         rc::gen::weightedElement<int>(
                             {{5, 0}, {1, 1}, {1, 2}, {1, 3}, {4, 4}, {5, 5}, {1, 6}})),
            rc::gen::set(&Step::replica, rc::gen::inRange(0, n)),
            rc::gen::set(&Step::other, rc::gen::inRange(0, n)),
            rc::gen::set(&Step::record, rc::gen::inRange(0, 3)),
            rc::gen::set(&Step::pick, rc::gen::inRange(0, 1000))));
        std::set<std::pair<std::string, std::string>> written, replaced;
        int counter = 0;
        for (const auto& s : steps) {
            wall += s.pick % 97;
            auto& r = rs[static_cast<std::size_t>(s.replica)];
            const RecordKey key{"note", "r" + std::to_string(s.record)};
            switch (s.kind) {
            case 0: {
                const Record* rec = r.find(key);
                if (rec && rec->texts.count("body") && !rec->texts.at("body").entries.empty())
                    replaced.insert({key.id, rec->text("body")});
                const std::string text = "text " + std::to_string(++counter);
                r.set_text(key, "body", text);
                written.insert({key.id, text});
                break;
            }
            case 1:
                r.set_field(key, "tag", "tag " + std::to_string(++counter));
                break;
            case 2:
                r.remove(key);
                break;
            case 3:
                if (r.find(key)) r.restore(key);
                break;
            case 4:
                g.sync(folder(s.replica), r, 3);
                break;
            case 5:
            case 6: {
                // The carrier brings one file (maybe again) from one folder to another.
                auto names = synctest::file_names(folder(s.other));
                names.erase(
                    std::remove_if(names.begin(), names.end(),
                                   [](const std::string& x) { return !SyncFileName::parse(x); }),
                    names.end());
                if (names.empty() || s.other == s.replica) break;
                const auto& name = names[static_cast<std::size_t>(s.pick) % names.size()];
                if (s.kind == 5) {
                    if (!fs::exists(folder(s.replica) / name))
                        copy_file(folder(s.other), folder(s.replica), name);
                } else {
                    // Half a file under a temporary name, as a transfer in progress leaves it.
                    const std::string bytes = test::slurp(folder(s.other) / name);
                    test::spit(folder(s.replica) / (".syncthing." + name + ".tmp"),
                               bytes.substr(0, bytes.size() / 2));
                }
                break;
            }
            }
        }
        // In the end every file reaches every folder, and each device syncs twice.
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    if (i != j) synctest::carry(folder(j), folder(i));
            for (int i = 0; i < n; ++i) {
                const auto report = g.sync(folder(i), rs[static_cast<std::size_t>(i)], 3);
                RC_ASSERT(!report.damage());
            }
        }
        for (int i = 1; i < n; ++i)
            RC_ASSERT(rs[static_cast<std::size_t>(i)].records() == rs[0].records());
        for (const auto& [id, text] : written) {
            if (replaced.count({id, text})) continue;
            const Record* rec = rs[0].find({"note", id});
            RC_ASSERT(rec != nullptr);
            if (rec->state() == presence::deleted) continue; // by a device that had seen it
            const auto values = rec->texts.at("body").values();
            RC_ASSERT(std::find(values.begin(), values.end(), text) != values.end());
        }
    });
}
