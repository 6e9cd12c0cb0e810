// A real carrier: two Syncthing instances on loopback (their own homes and ports; discovery,
// relays, NAT traversal, usage reports and upgrades off) carry one sync folder between three
// Casebook devices: A and C use the first instance's copy of the folder, B the second's. All three
// converge, including a note edited on A and on B while apart.
//
// Needs the `syncthing` program (Debian package syncthing); without it the test says so and
// passes.
#include "support/devices.hpp"
#include "support/process.hpp"

#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <signal.h>
#include <thread>

using namespace casebook;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using synctest::Device;
using synctest::passphrase;

namespace {

std::string output_of(const std::string& command) {
    std::string out;
    if (std::FILE* p = ::popen(command.c_str(), "r")) {
        char buf[256];
        while (std::fgets(buf, sizeof buf, p))
            out += buf;
        ::pclose(p);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    return out;
}

bool syncthing_installed() {
    return std::system("command -v syncthing >/dev/null 2>&1") == 0;
}

// Two Syncthing instances sharing one folder, each with its own copy of it.
class SyncthingPair {
  public:
    explicit SyncthingPair(const fs::path& root) : root_(root) {
        std::random_device rd;
        const int base = 20000 + static_cast<int>(rd() % 30000);
        for (int i = 0; i < 2; ++i) {
            homes_[i] = root / ("home" + std::to_string(i));
            folders_[i] = root / ("folder" + std::to_string(i));
            ports_[i] = base + i;
            fs::create_directories(folders_[i]);
            REQUIRE(std::system(("syncthing generate --home=" + test::quote(homes_[i]) +
                                 " --no-default-folder --skip-port-probing >/dev/null 2>&1")
                                    .c_str()) == 0);
            ids_[i] =
                output_of("syncthing serve --home=" + test::quote(homes_[i]) + " --device-id");
            REQUIRE(ids_[i].size() > 50);
        }
        for (int i = 0; i < 2; ++i) {
            write_config(i);
            const auto log = root / ("syncthing" + std::to_string(i) + ".log");
            const std::string pid =
                output_of("STNOUPGRADE=1 STNODEFAULTFOLDER=1 syncthing serve --home=" +
                          test::quote(homes_[i]) + " --no-browser --no-restart >" +
                          test::quote(log) + " 2>&1 & echo $!");
            pids_[i] = std::stoi(pid);
        }
    }
    ~SyncthingPair() {
        // Only the two processes this test started, by their ids.
        for (int pid : pids_)
            if (pid > 0) ::kill(pid, SIGTERM);
        for (int pid : pids_) {
            for (int i = 0; pid > 0 && i < 50 && fs::exists("/proc/" + std::to_string(pid)); ++i)
                std::this_thread::sleep_for(100ms);
            if (pid > 0 && fs::exists("/proc/" + std::to_string(pid))) ::kill(pid, SIGKILL);
        }
    }
    SyncthingPair(const SyncthingPair&) = delete;
    SyncthingPair& operator=(const SyncthingPair&) = delete;

    const fs::path& folder(int i) const { return folders_[i]; }
    std::string log(int i) const {
        return test::slurp(root_ / ("syncthing" + std::to_string(i) + ".log"));
    }

  private:
    void write_config(int i) {
        std::string devices;
        for (int j = 0; j < 2; ++j)
            devices += "    <device id=\"" + ids_[j] + "\" name=\"st" + std::to_string(j) +
                       "\"><address>tcp://127.0.0.1:" + std::to_string(ports_[j]) +
                       "</address></device>\n";
        const std::string config =
            "<configuration version=\"36\">\n"
            "    <folder id=\"casebook\" label=\"casebook\" path=\"" +
            folders_[i].string() +
            "\" type=\"sendreceive\" rescanIntervalS=\"2\" fsWatcherEnabled=\"true\" "
            "fsWatcherDelayS=\"1\">\n"
            "        <device id=\"" +
            ids_[0] + "\"></device>\n        <device id=\"" + ids_[1] +
            "\"></device>\n    </folder>\n" + devices +
            "    <gui enabled=\"false\" tls=\"false\"><address>127.0.0.1:0</address></gui>\n"
            "    <options>\n"
            "        <listenAddress>tcp://127.0.0.1:" +
            std::to_string(ports_[i]) +
            "</listenAddress>\n"
            "        <globalAnnounceEnabled>false</globalAnnounceEnabled>\n"
            "        <localAnnounceEnabled>false</localAnnounceEnabled>\n"
            "        <relaysEnabled>false</relaysEnabled>\n"
            "        <natEnabled>false</natEnabled>\n"
            "        <urAccepted>-1</urAccepted>\n"
            "        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>\n"
            "        <crashReportingEnabled>false</crashReportingEnabled>\n"
            "        <startBrowser>false</startBrowser>\n"
            "        <reconnectionIntervalS>1</reconnectionIntervalS>\n"
            "    </options>\n"
            "</configuration>\n";
        test::spit(homes_[i] / "config.xml", config);
    }

    fs::path root_;
    fs::path homes_[2], folders_[2];
    std::string ids_[2];
    int ports_[2] = {0, 0};
    int pids_[2] = {0, 0};
};

// Casebook's own files in a folder (not Syncthing's, not temporary ones).
std::set<std::string> casebook_files(const fs::path& folder) {
    std::set<std::string> out;
    for (const auto& name : synctest::file_names(folder))
        if (name == group_file_name || SyncFileName::parse(name)) out.insert(name);
    return out;
}

// Waits until both copies of the folder hold the same Casebook files (at least `least` of them).
void wait_until_carried(const SyncthingPair& st, std::size_t least = 1) {
    const auto deadline = std::chrono::steady_clock::now() + 90s;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto a = casebook_files(st.folder(0)), b = casebook_files(st.folder(1));
        if (a == b && a.size() >= least) return;
        std::this_thread::sleep_for(200ms);
    }
    FAIL("Syncthing did not carry the files within 90 s\n"
         << st.log(0).substr(0, 4000) << "\n"
         << st.log(1).substr(0, 4000));
}

std::string body(Device& d, const std::string& profile, const std::string& id) {
    auto n = d.journal->note(profile, id);
    return n ? n->body : "<missing>";
}

} // namespace

TEST_CASE("two Syncthing instances carry a sync folder between three devices, conflict included",
          "[system][syncthing]") {
    if (!syncthing_installed()) {
        WARN("syncthing is not installed (Debian package syncthing): this test did not run");
        return;
    }
    test::TempDir root;
    SyncthingPair st(root.path());
    const fs::path f1 = st.folder(0), f2 = st.folder(1);
    Device a, b, c;

    const std::string sam = a.journal->add_profile({"Sam", Role::trainee, "nurse", "wales"}).id;
    a.sync->join_profile(sam);
    const auto note = a.journal->add_note(sam, {"Consent", "First thoughts", {}, "none", ""});
    a.sync->init(f1, passphrase);
    a.sync->run(f1, passphrase);
    wait_until_carried(st, 2);

    b.sync->join(f2, passphrase);
    b.sync->run(f2, passphrase);
    c.sync->join(f1, passphrase);
    c.sync->run(f1, passphrase);
    CHECK(body(b, sam, note.id) == "First thoughts");
    CHECK(body(c, sam, note.id) == "First thoughts");

    // A and B edit the same note while apart; C adds one of its own.
    a.journal->save_note(sam, note.id, {"Consent", "A's view, on the tablet", {}, "none", ""});
    b.journal->save_note(sam, note.id, {"Consent", "B's view, on the laptop", {}, "none", ""});
    const auto from_c = c.journal->add_note(sam, {"From C", "written on C", {}, "none", ""});
    a.sync->run(f1, passphrase);
    b.sync->run(f2, passphrase);
    c.sync->run(f1, passphrase);
    wait_until_carried(st, 5);
    for (int round = 0; round < 2; ++round) {
        a.sync->run(f1, passphrase);
        b.sync->run(f2, passphrase);
        c.sync->run(f1, passphrase);
        wait_until_carried(st);
    }
    const std::string shown = body(a, sam, note.id);
    for (Device* d : {&a, &b, &c}) {
        CHECK(body(*d, sam, note.id) == shown);
        CHECK(body(*d, sam, from_c.id) == "written on C");
        const auto conflicts = d->sync->conflicts(sam);
        REQUIRE(conflicts.size() == 1);
        std::set<std::string> values;
        for (const auto& v : conflicts[0].values)
            values.insert(v.text);
        CHECK(values ==
              std::set<std::string>{"A's view, on the tablet", "B's view, on the laptop"});
    }

    // Resolved on C; the resolution reaches A and B through Syncthing.
    c.sync->resolve("note", note.id, "body", "Both views, merged");
    c.sync->run(f1, passphrase);
    wait_until_carried(st);
    a.sync->run(f1, passphrase);
    b.sync->run(f2, passphrase);
    for (Device* d : {&a, &b, &c}) {
        CHECK(body(*d, sam, note.id) == "Both views, merged");
        CHECK(d->sync->conflicts(sam).empty());
    }
    // Syncthing made no conflict copies of Casebook's files: every device writes only its own.
    for (const auto& folder : {f1, f2})
        for (const auto& name : synctest::file_names(folder))
            CHECK(name.find(".sync-conflict-") == std::string::npos);
}
