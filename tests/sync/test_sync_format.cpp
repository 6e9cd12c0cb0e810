// The hybrid logical clock, the group file, the envelope and the payload inside it.
#include "support/devices.hpp"
#include "sync/format.hpp"
#include "sync/hlc.hpp"

#include <cstring>

using namespace casebook;

namespace {

const std::string dev_a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string dev_b = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

Record sample_record() {
    Record r{"note", "n1", "", "p1", {}, {}, {}};
    const Hlc s{1'700'000'000'000, 3, dev_a};
    r.fields["tags"] = {"a, b", s};
    r.texts["body"].write("the body", s);
    r.set_state(presence::alive, s);
    return r;
}

// The problem `fn` throws as a SyncError.
template <class Fn> SyncProblem problem_of(Fn&& fn) {
    try {
        fn();
    } catch (const SyncError& e) {
        return e.problem;
    }
    FAIL("no SyncError");
    return {};
}

struct Sealed {
    GroupFile group;
    SyncKey key;
    Sealed() { group = GroupFile::create(synctest::passphrase, KdfCost::minimum, key); }
    EnvelopeHeader header(std::uint64_t seq = 1) const {
        EnvelopeHeader h;
        h.group_id = group.group_id;
        h.device_id = dev_a;
        h.sequence = seq;
        return h;
    }
};

} // namespace

TEST_CASE("a clock stamp's text sorts as the stamp does", "[hlc]") {
    const Hlc a{5, 0, dev_a}, b{5, 1, dev_a}, c{5, 1, dev_b}, d{6, 0, dev_a};
    CHECK(a < b);
    CHECK(b < c); // device id breaks the tie
    CHECK(c < d);
    CHECK(a.str() < b.str());
    CHECK(b.str() < c.str());
    CHECK(c.str() < d.str());
    CHECK(a.str() == "000000000000005-0000-" + dev_a);
    CHECK(Hlc::parse(c.str()) == c);
    CHECK(Hlc::parse("001700000000000-00ff") == Hlc{1'700'000'000'000, 255, ""});
    CHECK_FALSE(Hlc::parse("17-0"));
    CHECK_FALSE(Hlc::parse("000000000000005-0000-xyz"));
}

TEST_CASE("the clock never goes back and moves past every stamp it has seen", "[hlc]") {
    std::int64_t wall = 1'000'000;
    HlcClock clock(dev_a, [&] { return wall; });
    const Hlc first = clock.now();
    const Hlc second = clock.now(); // same millisecond: the counter moves
    CHECK(first < second);
    CHECK(second.counter == 1);
    wall -= 60'000; // the wall clock is set back a minute
    CHECK(second < clock.now());

    // Another device three hours ahead: after seeing its stamp, every local stamp is later.
    const Hlc ahead{wall + 3 * 3'600'000, 7, dev_b};
    clock.receive(ahead);
    const Hlc after = clock.now();
    CHECK(ahead < after);
    CHECK(after.ms == ahead.ms);
    CHECK(after.counter == 8);
    // An edit found later, made at an earlier wall time, still orders after.
    CHECK(after < clock.at(wall - 5));
}

TEST_CASE("a full counter borrows the next millisecond", "[hlc]") {
    HlcClock clock(dev_a, [] { return std::int64_t{10}; });
    clock.receive(Hlc{10, Hlc::max_counter, dev_b});
    const Hlc next = clock.now();
    CHECK(next.ms == 11);
    CHECK(next.counter == 0);
}

TEST_CASE("a group file unlocks with its passphrase and tells a wrong one from damage",
          "[format]") {
    SyncKey key;
    const GroupFile g = GroupFile::create(synctest::passphrase, KdfCost::minimum, key);
    const std::string bytes = g.bytes();
    REQUIRE(bytes.size() == GroupFile::size);

    const auto back = GroupFile::parse(bytes, "casebook.group");
    CHECK(back.group_id == g.group_id);
    auto unlocked = back.unlock(synctest::passphrase);
    REQUIRE(unlocked);
    CHECK(unlocked->bytes == key.bytes);
    CHECK_FALSE(back.unlock("correct horse battery stapler"));

    // One flipped bit anywhere: damaged, never "wrong passphrase".
    for (std::size_t at :
         {std::size_t{13}, std::size_t{30}, std::size_t{50}, std::size_t{100}, std::size_t{150}}) {
        std::string bad = bytes;
        bad[at] = static_cast<char>(bad[at] ^ 0x04);
        const auto p = problem_of([&] { GroupFile::parse(bad, "casebook.group"); });
        CHECK(p.kind == SkipReason::damaged);
        CHECK(p.reason.find("checksum") != std::string::npos);
    }
    CHECK(problem_of([&] { GroupFile::parse(bytes.substr(0, 100), "casebook.group"); }).kind ==
          SkipReason::damaged);

    std::string newer = bytes;
    newer[8] = 9;
    CHECK(problem_of([&] { GroupFile::parse(newer, "casebook.group"); }).kind ==
          SkipReason::newer_format);
}

TEST_CASE("a group file asking for absurd key-derivation limits is refused", "[format]") {
    SyncKey key;
    GroupFile g = GroupFile::create(synctest::passphrase, KdfCost::minimum, key);
    g.memory_limit = 1ull << 40; // a terabyte
    CHECK(problem_of([&] {
              GroupFile::parse(g.bytes(), "casebook.group");
          }).reason.find("out of range") != std::string::npos);
}

TEST_CASE("file names say device, number and kind", "[format]") {
    const SyncFileName n{SyncFileKind::segment, dev_a, 42};
    CHECK(n.str() == dev_a + ".0000000042.segment");
    auto back = SyncFileName::parse(n.str());
    REQUIRE(back);
    CHECK(back->device == dev_a);
    CHECK(back->sequence == 42);
    CHECK(SyncFileName::parse(dev_a + ".0000000042.snapshot")->kind == SyncFileKind::snapshot);
    CHECK_FALSE(SyncFileName::parse(dev_a + ".0000000000.segment"));
    CHECK_FALSE(SyncFileName::parse(dev_a + ".42.segment"));
    CHECK_FALSE(
        SyncFileName::parse(dev_a + ".0000000042.sync-conflict-20240101-101010-ABC.segment"));
    CHECK_FALSE(SyncFileName::parse("casebook.sqlite3"));
}

TEST_CASE("an envelope opens to its payload and refuses every kind of damage", "[format]") {
    Sealed s;
    const std::string plain = encode_records({sample_record()});
    const std::string file = seal_envelope(s.header(7), plain, s.key);
    REQUIRE(file.size() == EnvelopeHeader::size + plain.size() + 16);

    auto open = [&](const std::string& bytes, EnvelopeHeader expected) {
        return open_envelope(bytes, "f", expected, s.key);
    };
    auto reason = [&](const std::string& bytes, EnvelopeHeader expected) {
        return problem_of([&] { open(bytes, expected); });
    };

    CHECK(open(file, s.header(7)) == plain);

    SECTION("truncated anywhere") {
        for (std::size_t len : {std::size_t{0}, std::size_t{5}, std::size_t{9}, std::size_t{40},
                                EnvelopeHeader::size, file.size() - 1}) {
            const auto p = reason(file.substr(0, len), s.header(7));
            CHECK(p.kind == SkipReason::damaged);
            CHECK(p.damage());
        }
    }
    SECTION("every single bit flipped") {
        // Header bits: a check fails before decryption; payload bits: the tag fails.
        for (std::size_t at = 0; at < file.size(); ++at) {
            std::string bad = file;
            bad[at] = static_cast<char>(bad[at] ^ 0x01);
            INFO("byte " << at);
            CHECK_THROWS_AS(open(bad, s.header(7)), SyncError);
        }
    }
    SECTION("a huge length prefix is refused before anything is allocated") {
        std::string bad = file;
        for (int i = 0; i < 8; ++i)
            bad[52 + static_cast<std::size_t>(i)] = '\xff';
        CHECK(reason(bad, s.header(7)).kind == SkipReason::too_large);
        std::string off_by_one = file;
        off_by_one[52] = static_cast<char>(off_by_one[52] + 1);
        CHECK(reason(off_by_one, s.header(7)).reason.find("truncated") != std::string::npos);
        CHECK(reason(file + "x", s.header(7)).reason.find("more than its header") !=
              std::string::npos);
    }
    SECTION("renamed: its name says another number or device") {
        CHECK(reason(file, s.header(8)).reason.find("renamed") != std::string::npos);
        EnvelopeHeader other = s.header(7);
        other.device_id = dev_b;
        CHECK(reason(file, other).reason.find("renamed") != std::string::npos);
        EnvelopeHeader snap = s.header(7);
        snap.kind = SyncFileKind::snapshot;
        CHECK(reason(file, snap).kind == SkipReason::damaged);
    }
    SECTION("another group's file") {
        Sealed other;
        const std::string theirs = seal_envelope(other.header(7), plain, other.key);
        const auto p = reason(theirs, s.header(7));
        CHECK(p.kind == SkipReason::other_group);
        CHECK_FALSE(p.damage());
    }
    SECTION("a newer format is set aside, not read") {
        std::string newer = file;
        newer[8] = 2;
        const auto p = reason(newer, s.header(7));
        CHECK(p.kind == SkipReason::newer_format);
        CHECK(p.reason.find("newer Casebook") != std::string::npos);
        CHECK_FALSE(p.damage());
    }
    SECTION("sealed with another key (another passphrase)") {
        SyncKey wrong = s.key;
        wrong.bytes[0] ^= 1;
        CHECK(problem_of([&] {
                  open_envelope(file, "f", s.header(7), wrong);
              }).reason.find("authentication") != std::string::npos);
    }
}

TEST_CASE("records survive the payload unchanged", "[format]") {
    Record r = sample_record();
    r.texts["body"].merge([] {
        MvRegister other;
        other.write("a concurrent body", Hlc{1'700'000'000'001, 0, dev_b});
        return other;
    }());
    REQUIRE(r.conflicted());
    const std::vector<Record> in{r, Record{"profile", "p1", "", "p1", {}, {}, {}}};
    CHECK(decode_records(encode_records(in), "f") == in);
    CHECK(decode_record(encode_record(r)) == r);
}

TEST_CASE("a payload's sizes are checked before anything is allocated", "[format]") {
    const std::string good = encode_records({sample_record()});
    auto problem = [](const std::string& bytes) {
        return problem_of([&] { decode_records(bytes, "f"); });
    };
    // Byte 0 is cereal's endianness flag, 1-4 the record count.
    std::string many = good;
    std::memset(many.data() + 1, 0xff, 4);
    CHECK(problem(many).reason.find("records in one file") != std::string::npos);

    // The record version follows (4 bytes), then the kind's length (4 bytes).
    std::string huge_string = good;
    std::memset(huge_string.data() + 9, 0xff, 4);
    CHECK(problem(huge_string).reason.find("bytes (at most") != std::string::npos);

    std::string newer = good;
    newer[5] = 9; // the record's class version
    CHECK(problem(newer).kind == SkipReason::newer_format);

    CHECK(problem(good.substr(0, good.size() - 3)).kind == SkipReason::damaged);
    CHECK(problem(good + "zz").reason.find("stray bytes") != std::string::npos);
}
