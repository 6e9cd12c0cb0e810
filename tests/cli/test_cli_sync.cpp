// casebook sync end to end: two devices (two data folders) and a shared folder, the way a USB
// stick or a network share would carry it, including what a carrier leaves behind.
#include "casebook/version.hpp"
#include "support/json.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

using test::json;

namespace {

// Casebook on one device (its data folder).
test::ProcessResult on(const std::filesystem::path& device, const std::string& args) {
    return test::run_casebook(device, args);
}

} // namespace

TEST_CASE("two devices sync a note through a folder; damage and debris are reported",
          "[cli][sync]") {
    test::TempDir root;
    const auto a = root / "tablet", b = root / "laptop", shared = root / "shared";
    test::spit(root / "pass", "a long enough passphrase\n");
    test::spit(root / "wrong", "not the passphrase at all\n");
    const std::string pass = " --passphrase-file " + test::quote(root / "pass");

    auto init = on(a, "sync init --folder " + test::quote(shared) + pass + " --json");
    INFO(init.err);
    REQUIRE(init.exit_code == 0);
    REQUIRE(on(b, "sync join --folder " + test::quote(shared) + pass).exit_code == 0);

    REQUIRE(on(a, "profiles add --name Ana --role trainee").exit_code == 0);
    REQUIRE(on(a, "sync join-profile --profile Ana").exit_code == 0);
    REQUIRE(
        on(a, "notes add --profile Ana --title Shift --body 'What I learned today'").exit_code ==
        0);
    REQUIRE(on(a, "notes add --profile Ana --title Ward --body 'Her mobile is 07700 900123'")
                .exit_code == 0);
    auto sent = on(a, "sync run --json" + pass);
    REQUIRE(sent.exit_code == 0);
    CHECK(sent.err.find("1 note holds what looks like a phone number") != std::string::npos);
    CHECK(json(sent.out)["records_sent"].GetInt() >= 2);

    // A carrier's leftovers sit beside the real files.
    test::spit(shared / ".syncthing.x.segment.tmp", "partial");
    test::spit(shared / "notes.sync-conflict-20261122-1.segment", "copy");
    auto got = on(b, "sync run --json" + pass);
    INFO(got.out << got.err);
    REQUIRE(got.exit_code == 0);
    auto report = json(got.out);
    CHECK(report["files_read"].GetInt() == 1);
    CHECK(report["records_applied"].GetInt() >= 2);
    CHECK(report["skipped"].Size() >= 2);
    auto list = on(b, "notes list --profile Ana");
    CHECK(list.out.find("Shift") != std::string::npos);
    // B knows which Casebook wrote A's files.
    auto status = on(b, "sync status --json");
    REQUIRE(status.exit_code == 0);
    auto peers = json(status.out)["peers"].GetArray();
    REQUIRE(peers.Size() == 1);
    CHECK(peers[0]["casebook_version"].GetString() == std::string(casebook::version));
    CHECK(on(b, "sync status").out.find(std::string("written by Casebook ") + casebook::version) !=
          std::string::npos);

    // A wrong passphrase changes nothing and says so.
    auto wrong = on(b, "sync run --passphrase-file " + test::quote(root / "wrong"));
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("wrong passphrase") != std::string::npos);

    // A damaged file from a third device is skipped by name, nothing from it applied, exit 1.
    std::string segment;
    for (const auto& e : std::filesystem::directory_iterator(shared))
        if (e.path().extension() == ".segment") segment = e.path().filename().string();
    REQUIRE_FALSE(segment.empty());
    std::string bytes = test::slurp(shared / segment);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x40);
    const std::string forged = "0123456789abcdef0123456789abcdef.0000000001.segment";
    test::spit(shared / forged, bytes);
    auto damaged = on(b, "sync run --json" + pass);
    CHECK(damaged.exit_code == 1);
    CHECK(damaged.out.find(forged) != std::string::npos);
    CHECK(damaged.err.find("damaged") != std::string::npos);
}

TEST_CASE("sync commands explain themselves and refuse bad use", "[cli][sync]") {
    test::TempDir root;
    auto help = on(root / "d", "sync --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("passphrase") != std::string::npos);
    auto no_folder = on(root / "d", "sync init --passphrase-file x");
    CHECK(no_folder.exit_code == 2);
    CHECK(no_folder.err.find("--folder") != std::string::npos);
    auto no_pass = on(root / "d", "sync init --folder " + test::quote(root / "s"));
    CHECK(no_pass.exit_code == 2);
    CHECK(no_pass.err.find("--passphrase-file") != std::string::npos);
    auto status = on(root / "d", "sync status --json");
    REQUIRE(status.exit_code == 0);
    CHECK(json(status.out)["group"].GetString() == std::string());
}

TEST_CASE("H1: sync sends nothing of a PIN-locked profile until its owner unlocks it and agrees; "
          "it arrives locked",
          "[cli][sync][security][H1]") {
    test::TempDir root;
    const auto a = root / "tablet", b = root / "elsewhere", shared = root / "mine";
    test::spit(root / "pin", "1234\n");
    test::spit(root / "wrong-pin", "9999\n");
    test::spit(root / "pass", "a passphrase I chose\n");
    const std::string pass = " --passphrase-file " + test::quote(root / "pass");
    const std::string pin = " --pin-file " + test::quote(root / "pin");
    REQUIRE(on(a, "profiles add --name Alice" + pin).exit_code == 0);
    REQUIRE(on(a, "profiles add --name Bob").exit_code == 0);
    auto added = on(a, "notes add --profile Alice" + pin +
                           " --title 'CP concern: J Smith NHS 943 476 5919' --body 'locked body' "
                           "--json");
    REQUIRE(added.exit_code == 0);
    const std::string id = json(added.out)["id"].GetString();

    REQUIRE(on(a, "sync init --folder " + test::quote(shared) + pass).exit_code == 0);
    auto first = on(a, "sync run" + pass);
    INFO(first.out << first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.err.find("CP concern") == std::string::npos); // not even its title is read
    CHECK(first.out.find("kept on this device: Alice") != std::string::npos);
    REQUIRE(on(b, "sync join --folder " + test::quote(shared) + pass).exit_code == 0);
    REQUIRE(on(b, "sync run" + pass).exit_code == 0);
    CHECK(on(b, "notes show " + id + " --profile Alice").exit_code == 2);
    CHECK(on(b, "profiles list").out.find("Alice") == std::string::npos);

    // Joining takes the PIN: none (no terminal to ask at), a wrong one, then the right one.
    auto no_pin = on(a, "sync join-profile --profile Alice");
    CHECK(no_pin.exit_code == 2);
    CHECK(no_pin.err.find("locked with a PIN") != std::string::npos);
    auto wrong =
        on(a, "sync join-profile --profile Alice --pin-file " + test::quote(root / "wrong-pin"));
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("wrong PIN") != std::string::npos);
    auto agreed = on(a, "sync join-profile --profile Alice" + pin);
    INFO(agreed.err);
    REQUIRE(agreed.exit_code == 0);
    auto status = on(a, "sync status --json");
    CHECK(status.out.find(json(on(a, "profiles list --json").out)[0]["id"].GetString()) !=
          std::string::npos);
    auto second = on(a, "sync run" + pass);
    CHECK(second.err.find("CP concern") != std::string::npos); // now it travels: warned
    REQUIRE(on(b, "sync run" + pass).exit_code == 0);

    // On the other device Alice is locked by the same PIN.
    auto locked = on(b, "notes show " + id + " --profile Alice");
    CHECK(locked.exit_code == 2);
    CHECK(locked.out.find("locked body") == std::string::npos);
    auto opened = on(b, "notes show " + id + " --profile Alice" + pin);
    INFO(opened.err);
    CHECK(opened.exit_code == 0);
    CHECK(opened.out.find("locked body") != std::string::npos);
}

TEST_CASE("M2: after a sync brings a second 'alice', --profile Alice asks which one",
          "[cli][sync][security][M2]") {
    test::TempDir root;
    const auto a = root / "tablet", b = root / "laptop", shared = root / "shared";
    test::spit(root / "pin", "1234\n");
    test::spit(root / "pass", "a long enough passphrase\n");
    const std::string pass = " --passphrase-file " + test::quote(root / "pass");
    const std::string pin = " --pin-file " + test::quote(root / "pin");
    REQUIRE(on(a, "profiles add --name Alice" + pin).exit_code == 0);
    REQUIRE(on(a, "sync join-profile --profile Alice" + pin).exit_code == 0);
    REQUIRE(on(a, "sync init --folder " + test::quote(shared) + pass).exit_code == 0);
    REQUIRE(on(a, "sync run" + pass).exit_code == 0);
    REQUIRE(on(b, "sync join --folder " + test::quote(shared) + pass).exit_code == 0);
    REQUIRE(on(b, "profiles add --name alice").exit_code == 0); // another person, no PIN
    REQUIRE(on(b, "sync join-profile --profile alice").exit_code == 0);
    auto run = on(b, "sync run" + pass);
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find("two profiles are now named") != std::string::npos);

    auto ambiguous = on(b, "notes add --profile Alice --title x --body y");
    CHECK(ambiguous.exit_code == 2);
    CHECK(ambiguous.err.find("2 profiles are named") != std::string::npos);
    auto profiles = json(on(b, "profiles list --json").out);
    REQUIRE(profiles.Size() == 2);
    // By id, each is the person it is: the one with the PIN stays locked.
    for (const auto& p : profiles.GetArray()) {
        const std::string pid = p["id"].GetString();
        CHECK(ambiguous.err.find(pid) != std::string::npos);
        auto by_id = on(b, "notes add --profile " + pid + " --title x --body y");
        CHECK(by_id.exit_code == (p["has_pin"].GetBool() ? 2 : 0));
    }
}
