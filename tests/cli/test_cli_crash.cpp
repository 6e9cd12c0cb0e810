// Crash safety: the process is killed at random moments while it saves notes and while it syncs,
// many times. No acknowledged edit may be lost, the database must stay intact, and a later sync
// must still bring everything to the other device.
#include "support/process.hpp"
#include "support/sqlite_probe.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <random>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

const std::string& exe = test::casebook_exe;

// Starts casebook with these arguments, output discarded; returns its pid.
pid_t spawn(const std::vector<std::string>& args) {
    std::fflush(nullptr); // or the child would repeat what the parent had buffered
    const pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> argv{const_cast<char*>(exe.c_str())};
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        freopen("/dev/null", "r", stdin);
        execv(exe.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

} // namespace

TEST_CASE("killed at random moments while saving and syncing, nothing acknowledged is lost",
          "[cli][crash]") {
    test::TempDir root;
    const auto a = root / "tablet", b = root / "laptop", shared = root / "shared";
    test::spit(root / "pass", "crash test passphrase\n");
    const std::string pass = root.path().string() + "/pass";
    REQUIRE(test::run_casebook(a, "sync init --folder " + test::quote(shared) +
                                      " --passphrase-file " + pass)
                .exit_code == 0);
    REQUIRE(test::run_casebook(b, "sync join --folder " + test::quote(shared) +
                                      " --passphrase-file " + pass)
                .exit_code == 0);
    REQUIRE(test::run_casebook(a, "profiles add --name Ana").exit_code == 0);
    REQUIRE(test::run_casebook(a, "sync join-profile --profile Ana").exit_code == 0);

    std::mt19937 rng(20261122);
    std::vector<std::string> acknowledged;
    for (int round = 0; round < 12; ++round) {
        // An edit that completes is acknowledged: it must survive everything that follows.
        const std::string title = "kept-" + std::to_string(round);
        REQUIRE(test::run_casebook(a, "notes add --profile Ana --title " + title +
                                          " --body 'saved and acknowledged'")
                    .exit_code == 0);
        acknowledged.push_back(title);
        // Then a save and a sync, each killed at a random moment (or not at all).
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"--data-dir", a.string(), "notes", "add", "--profile", "Ana",
                                       "--title", "maybe-" + std::to_string(round), "--body", "x"},
              std::vector<std::string>{"--data-dir", a.string(), "sync", "run", "--folder",
                                       shared.string(), "--passphrase-file", pass}}) {
            const pid_t pid = spawn(args);
            std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 120));
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        INFO("round " << round);
        REQUIRE(test::integrity(a / "casebook.sqlite3") == "ok");
        const auto list = test::run_casebook(a, "notes list --profile Ana");
        for (const auto& t : acknowledged)
            CHECK(list.out.find(t) != std::string::npos);
    }
    // A sync that is left to finish carries everything acknowledged to the other device.
    auto last = test::run_casebook(a, "sync run --passphrase-file " + pass);
    INFO(last.out << last.err);
    REQUIRE(last.exit_code == 0);
    auto other = test::run_casebook(b, "sync run --passphrase-file " + pass);
    INFO(other.out << other.err);
    REQUIRE(other.exit_code == 0); // half-written files were debris, not damage
    REQUIRE(test::integrity(b / "casebook.sqlite3") == "ok");
    const auto list = test::run_casebook(b, "notes list --profile Ana");
    for (const auto& t : acknowledged)
        CHECK(list.out.find(t) != std::string::npos);
}
