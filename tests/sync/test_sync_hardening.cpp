// The sync half of the November 2026 security review (issue 12), second part: nesting (M6),
// FIFOs (M8), device ids (M9), caps and messages (L1-L3, L9-L11), readable reports (M5) and the
// writer record. Each test names its finding; the first part is in test_sync_security.cpp.
#include "casebook/version.hpp"
#include "hostile.hpp"
#include "support/devices.hpp"
#include "support/sqlite_probe.hpp"

#include <future>
#include <numeric>
#include <sodium.h>
#include <sys/stat.h>
#include <thread>

using namespace casebook;
using namespace hostile;
using test::scalar;
namespace fs = std::filesystem;
using synctest::Device;
using synctest::passphrase;

// ---- M6: nesting inside synced records -----------------------------------------------------

TEST_CASE("M6: a synced decision record nested deeper than the limit is refused, not stored",
          "[sync][security][M6]") {
    Device a;
    test::TempDir folder;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(sam);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    const Hlc stamp = soon(forger);
    Record deep{"checklist_record", std::string(32, '7'), "", sam, {}, {}, {}};
    deep.fields["mode"] = {"real", stamp};
    deep.fields["jurisdiction"] = {"england", stamp};
    deep.fields["answers_json"] = {std::string(1'500'000, '[') + std::string(1'500'000, ']'),
                                   stamp};
    deep.presence.resolve(presence::alive, stamp);
    plant(folder.path(), {deep});
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(r.notes.size());
    CHECK(has_note(r, "nest deeper"));
    CHECK(scalar(a.db_path(), "SELECT COUNT(*) FROM checklist_record") == "0");
    CHECK(scalar(a.db_path(), "SELECT COUNT(*) FROM sync_record WHERE kind = 'checklist_record'") ==
          "0");
}

// ---- M8: FIFOs and devices where files should be -------------------------------------------

TEST_CASE("M8: a FIFO named like the group file or a segment never blocks join or run",
          "[sync][security][M8]") {
    Device a, b;
    test::TempDir folder, trap;
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    REQUIRE(::mkfifo((trap / group_file_name).c_str(), 0600) == 0);
    const std::string seg = std::string(32, 'e') + ".0000000001.segment";
    REQUIRE(::mkfifo((folder / seg).c_str(), 0600) == 0);

    // Each call on its own thread, with a deadline: if it blocks, opening the FIFO for writing
    // lets it go so the test can report the hang instead of hanging.
    auto within = [](const fs::path& fifo, auto&& call) {
        auto done = std::async(std::launch::async, call);
        if (done.wait_for(std::chrono::seconds(10)) == std::future_status::ready) return done.get();
        std::FILE* f = std::fopen(fifo.c_str(), "w");
        if (f) std::fclose(f);
        done.wait();
        return std::string("blocked");
    };
    const auto joined = within(trap / group_file_name, [&] {
        try {
            b.sync->join(trap.path(), passphrase);
            return std::string("joined");
        } catch (const SyncError& e) {
            return std::string(e.what());
        }
    });
    CHECK(joined.find("FIFO") != std::string::npos);
    const auto ran = within(folder / seg, [&] {
        const auto r = a.sync->run(folder.path(), passphrase);
        return synctest::describe(r);
    });
    CHECK(ran.find("FIFO") != std::string::npos);
    CHECK(ran.find(seg) != std::string::npos);

    // The group file itself a FIFO in the folder of a device already in the group.
    fs::remove(folder / group_file_name);
    REQUIRE(::mkfifo((folder / group_file_name).c_str(), 0600) == 0);
    const auto again = within(folder / group_file_name, [&] {
        return synctest::describe(a.sync->run(folder.path(), passphrase));
    });
    CHECK(again.find(group_file_name) != std::string::npos);
    CHECK(again.find("FIFO") != std::string::npos);
}

// ---- M9: a device's id is its own ----------------------------------------------------------

TEST_CASE("M9: junk named like this device's own later file does not change its id",
          "[sync][security][M9]") {
    Device a, b;
    test::TempDir folder;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(sam);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    b.sync->join(folder.path(), passphrase);
    b.sync->run(folder.path(), passphrase);
    const std::string id = a.sync->device_id();
    const std::string junk = id + ".9999999999.segment";
    test::spit(folder / junk, "junk");
    const std::string next = SyncFileName{SyncFileKind::segment, id, 2}.str();
    test::spit(folder / next, std::string(200, 'x')); // in the way of its next number too

    const auto note = a.journal->add_note(sam, draft("After", "the junk"));
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(a.sync->device_id() == id);
    CHECK(synctest::skipped(r, junk, SkipReason::damaged));
    CHECK_FALSE(has_note(r, "now syncs as"));
    CHECK(r.records_sent > 0);
    b.sync->run(folder.path(), passphrase);
    CHECK(b.journal->note(sam, note.id));
    // And still the same id at the next run.
    a.sync->run(folder.path(), passphrase);
    CHECK(a.sync->device_id() == id);
}

// ---- L2, L3, L9, L10, L11: caps and messages -----------------------------------------------

TEST_CASE("L2: a group file asking for extreme key-derivation costs is refused at once",
          "[sync][security][L2]") {
    Device a, b;
    test::TempDir folder;
    a.sync->init(folder.path(), passphrase);
    std::string bytes = test::slurp(folder / group_file_name);
    auto put = [&](std::size_t at, std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
    };
    put(44, 64);         // passes
    put(52, 1ull << 30); // 1 GiB
    unsigned char sum[32];
    crypto_generichash(sum, sizeof sum, reinterpret_cast<const unsigned char*>(bytes.data()),
                       GroupFile::size - 32, nullptr, 0);
    bytes.replace(GroupFile::size - 32, 32, reinterpret_cast<const char*>(sum), 32);
    test::spit(folder / group_file_name, bytes);
    const auto start = std::chrono::steady_clock::now();
    try {
        b.sync->join(folder.path(), passphrase);
        FAIL("joined a group asking for 64 passes over 1 GiB");
    } catch (const SyncError& e) {
        CHECK(std::string(e.what()).find("out of range") != std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    CHECK(SyncLimits::max_kdf_memory <= (256ull << 20));
    CHECK(SyncLimits::max_kdf_ops <= 4);
}

TEST_CASE("L3: one file's records are refused before they take more memory than the bound",
          "[sync][security][L3]") {
    // Registers that each "saw" 4,096 devices: 27 bytes a device in the file, far more once read.
    std::vector<Record> records;
    for (int i = 0; i < 3; ++i) {
        Record r{"note", std::to_string(i), "", "p", {}, {}, {}};
        MvRegister& reg = r.texts["body"];
        for (std::uint32_t d = 0; d < SyncLimits::max_devices; ++d) {
            char hex[33];
            std::snprintf(hex, sizeof hex, "%032x", d + 1);
            reg.seen[hex] = {1, 0, hex};
        }
        records.push_back(std::move(r));
    }
    const std::string bytes = encode_records(records);
    const std::uint64_t bound = 2ull << 20; // 2 MiB for this test; SyncLimits::max_decoded in use
    try {
        decode_records(bytes, "many.segment", bound);
        FAIL("decoded beyond the memory bound");
    } catch (const SyncError& e) {
        CHECK(e.problem.kind == SkipReason::too_large);
        CHECK(e.problem.reason.find("memory") != std::string::npos);
    }
    // The same number of bytes of plain text is well within the same bound.
    Record plain{"note", "x", "", "p", {}, {}, {}};
    plain.fields["body"] = {std::string(bytes.size(), 'a'), {1, 0, std::string(32, 'a')}};
    CHECK_NOTHROW(decode_records(encode_records({plain}), "plain.segment", bound));
    CHECK(SyncLimits::max_decoded <= (1ull << 30));
}

TEST_CASE("L9: a folder named like a segment is reported, not passed over",
          "[sync][security][L9]") {
    test::TempDir folder;
    const std::string name = std::string(32, 'c') + ".0000000001.segment";
    fs::create_directory(folder / name);
    const auto listing = list_folder(folder.path());
    REQUIRE(listing.skipped.size() == 1);
    CHECK(listing.skipped[0].file == name);
    CHECK(listing.skipped[0].reason.find("folder") != std::string::npos);
}

TEST_CASE("L10: an unauthenticated newer group file does not halt a device already in the group",
          "[sync][security][L10]") {
    Device a;
    test::TempDir folder;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(sam);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    std::string bytes = test::slurp(folder / group_file_name);
    bytes[8] = 2; // "version 2", checksum now wrong: ten bytes anyone could write
    test::spit(folder / group_file_name, bytes);
    a.journal->add_note(sam, draft("Still", "syncing"));
    SyncReport r;
    REQUIRE_NOTHROW(r = a.sync->run(folder.path(), passphrase));
    CHECK(r.records_sent > 0);
    CHECK(synctest::skipped(r, group_file_name, SkipReason::newer_format));
}

TEST_CASE("L11: damage is described once, with the right number", "[sync][security][L11]") {
    SyncKey key;
    key.bytes.fill(7);
    EnvelopeHeader h;
    h.group_id = std::string(32, '1');
    h.device_id = std::string(32, '2');
    h.sequence = 1;
    const std::string file = seal_envelope(h, "payload", key);
    auto reason = [&](const std::string& bytes) {
        try {
            open_envelope(bytes, "f.segment", h, key);
        } catch (const SyncError& e) {
            return e.problem.reason;
        }
        FAIL("opened");
        return std::string{};
    };
    const auto one_more = reason(file + "x");
    CHECK(one_more.find("1 byte more") != std::string::npos);
    CHECK(one_more.find("damaged") == std::string::npos);
    std::string reserved = file;
    reserved[11] = 1;
    CHECK(reason(reserved).find("reserved") != std::string::npos);
}

// ---- M5 (sync side) and L11: what a report says stays readable ------------------------------

namespace {

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80         ? 1
                              : (c >> 5) == 6  ? 2
                              : (c >> 4) == 14 ? 3
                              : (c >> 3) == 30 ? 4
                                               : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        i += n;
    }
    return true;
}

} // namespace

TEST_CASE("M5 L11: crafted ids never reach the report raw, and no note names the database path",
          "[sync][security][M5][L11]") {
    Device a;
    test::TempDir folder;
    const auto lee = a.journal->add_profile({"Lee", Role::supervisor, "", ""}).id;
    a.sync->join_profile(lee);
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);
    const Hlc stamp = soon(forger);
    // Sessions that cannot be applied (one person on both sides): one with a crafted id.
    std::vector<Record> records;
    for (const std::string& id : {std::string("\xff\xfe-\x1b[2J"), std::string(32, '9')}) {
        Record r{"supervision", id, "", lee, {}, {}, {}};
        r.fields["supervisor_profile_id"] = {lee, stamp};
        r.fields["trainee_profile_id"] = {lee, stamp};
        r.presence.resolve(presence::alive, stamp);
        records.push_back(r);
    }
    plant(folder.path(), records);
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(has_note(r, "no id has"));
    CHECK(has_note(r, std::string(32, '9') + " could not be applied here"));
    for (const auto& n : r.notes) {
        CHECK(valid_utf8(n));
        CHECK(n.find('\x1b') == std::string::npos);
        CHECK(n.find(a.db_path().string()) == std::string::npos);
    }
}

// ---- L1: a forged snapshot far ahead under another device's id -----------------------------

TEST_CASE("L1: what a forged snapshot made others skip arrives once its device takes a new id",
          "[sync][security][L1]") {
    Device a, b;
    test::TempDir fa, fb; // each device's own copy of the folder, a carrier between them
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(sam);
    a.sync->init(fa.path(), passphrase);
    a.sync->run(fa.path(), passphrase);
    synctest::carry(fa.path(), fb.path());
    b.sync->join(fb.path(), passphrase);
    b.sync->run(fb.path(), passphrase);

    // A forger puts a snapshot under A's id, numbered as far as a name allows, in B's copy.
    const std::string old_id = a.sync->device_id();
    EnvelopeHeader h;
    h.kind = SyncFileKind::snapshot;
    h.group_id = group_of(fb.path());
    h.device_id = old_id;
    h.sequence = 9'999'999'999'999'999'999ull;
    const std::string forged = SyncFileName{SyncFileKind::snapshot, old_id, h.sequence}.str();
    test::spit(fb / forged, seal_envelope(h, encode_records({}), group_key(fb.path())));
    b.sync->run(fb.path(), passphrase); // A now counts as read up to that number here

    // A writes a note before the forgery reaches its copy of the folder; B skips that file.
    const auto note = a.journal->add_note(sam, draft("Before", "written before A saw it"));
    a.sync->run(fa.path(), passphrase);
    synctest::carry(fa.path(), fb.path());
    b.sync->run(fb.path(), passphrase);
    // The forgery reaches A: A takes a new id, and sends what it sent before under it.
    synctest::carry(fb.path(), fa.path());
    const auto ra = a.sync->run(fa.path(), passphrase);
    INFO(synctest::describe(ra));
    CHECK(a.sync->device_id() != old_id);
    synctest::carry(fa.path(), fb.path());
    b.sync->run(fb.path(), passphrase);
    REQUIRE(b.journal->note(sam, note.id));
    CHECK(b.journal->note(sam, note.id)->body == "written before A saw it");
}

TEST_CASE("H2: a different (earlier-stamped) seal is reported where the record was signed, never "
          "shown there",
          "[sync][security][H2]") {
    Device a;
    test::TempDir folder;
    const auto lee = a.journal->add_profile({"Lee", Role::supervisor, "", ""}).id;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "", ""}).id;
    a.sync->join_profile(lee);
    a.sync->join_profile(sam);
    auto session = a.journal->start_supervision(lee, sam);
    a.journal->save_supervision(lee, session.id, {"", "", "Signed text", {}, "Mine"});
    a.journal->sign_supervision(lee, session.id, {"", true});
    a.journal->sign_supervision(sam, session.id, {"", true});
    a.sync->init(folder.path(), passphrase);
    a.sync->run(folder.path(), passphrase);

    // A seal backdated before the real one: the merge keeps the earliest on every device.
    const Hlc early{1, 0, forger};
    Record s{"supervision", session.id, "", lee, {}, {}, {}};
    s.fields["sealed"] = {std::string("6:FORGED") + "6:FORGED" + "1:x" + "1:y", early};
    s.presence.resolve(presence::alive, early);
    plant(folder.path(), {s});
    const auto r = a.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(r));
    CHECK(has_note(r, "different signed version"));
    CHECK(a.journal->supervision(lee, session.id)->discussion == "Signed text");
}

TEST_CASE("each sync file says which Casebook wrote it, and holds nothing else of the device",
          "[sync][format]") {
    Device a, b;
    test::TempDir folder;
    const auto sam = a.journal->add_profile({"Sam", Role::trainee, "nurse", "wales"}).id;
    a.journal->add_note(sam, draft("Ward round", "spoke to the lead"));
    a.sync->join_profile(sam);
    a.sync->init(folder.path(), passphrase);
    const auto sent = a.sync->run(folder.path(), passphrase);
    CHECK(sent.records_sent == 3); // the profile, the note and its version: the writer is apart

    const auto records = everything_sent(folder.path());
    std::vector<Record> writers;
    std::copy_if(records.begin(), records.end(), std::back_inserter(writers),
                 [](const Record& r) { return r.kind == device_record_kind; });
    REQUIRE(writers.size() == 1);
    CHECK(writers[0].id == a.sync->device_id());
    CHECK(writers[0].profile_id.empty());
    CHECK(writers[0].texts.empty());
    REQUIRE(writers[0].fields.size() == 1);
    CHECK(writers[0].field(device_version_field) == casebook::version);

    b.sync->join(folder.path(), passphrase);
    const auto got = b.sync->run(folder.path(), passphrase);
    INFO(synctest::describe(got));
    CHECK(got.records_received == 3);
    const auto peers = b.sync->peers();
    REQUIRE(peers.size() == 1);
    CHECK(peers[0].device_id == a.sync->device_id());
    CHECK(peers[0].casebook_version == casebook::version);

    // A file from a Casebook that wrote no such record (before it did) is read as before; its
    // writer's version is simply not known.
    test::TempDir old_folder;
    Device c, d;
    const auto alex = c.journal->add_profile({"Alex", Role::trainee, "", ""}).id;
    c.sync->join_profile(alex);
    c.sync->init(old_folder.path(), passphrase);
    c.sync->run(old_folder.path(), passphrase);
    for (const auto& name : synctest::file_names(old_folder.path())) {
        auto what = SyncFileName::parse(name);
        if (!what) continue;
        std::vector<Record> kept;
        for (auto& r : everything_sent(old_folder.path()))
            if (r.kind != device_record_kind) kept.push_back(std::move(r));
        fs::remove(old_folder / name);
        plant(old_folder.path(), kept, what->sequence, what->device);
    }
    d.sync->join(old_folder.path(), passphrase);
    d.sync->run(old_folder.path(), passphrase);
    CHECK(d.journal->profile(alex));
    REQUIRE(d.sync->peers().size() == 1);
    CHECK(d.sync->peers()[0].casebook_version.empty());
}
