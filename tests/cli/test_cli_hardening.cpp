// The security review's local findings (issue 12) through the real CLI: file modes, links
// planted at temporary names, text that is not UTF-8, devices and FIFOs given as files, broken or
// read-only data folders, and two processes at once. Each test names the finding it proves fixed.
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "support/cli.hpp"
#include "support/json.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using test::contains;
using test::json;
using test::run_casebook;
const auto add_note = test::cli_add_note;

} // namespace

namespace {

unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

// Runs casebook on `data` (which may not exist yet) with umask 022, a time limit, and a memory
// limit, so that a reader without a cap (L6) fails fast instead of filling the machine.
test::ProcessResult run_in(const std::filesystem::path& data, const std::string& args) {
    return test::run("umask 022; ulimit -v 4000000; env -u DISPLAY -u WAYLAND_DISPLAY timeout 60 " +
                     test::quote(test::casebook_exe) + " --data-dir " + test::quote(data) + " " +
                     args + " </dev/null");
}

} // namespace

TEST_CASE("M7: a new data folder is 0700, the database and exports 0600, whatever the umask",
          "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "new" / "casebook";
    auto r = run_in(data, "profiles add --name Sam");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(mode_of(data) == 0700);
    CHECK(mode_of(data / "casebook.sqlite3") == 0600);
    for (const char* side : {"casebook.sqlite3-wal", "casebook.sqlite3-shm"})
        if (std::filesystem::exists(data / side)) CHECK(mode_of(data / side) == 0600);
    REQUIRE(run_in(data, "notes add --profile Sam --title t --body b").exit_code == 0);
    const auto out = root / "export.md";
    r = run_in(data, "export --profile Sam --format markdown " + test::quote(out));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(mode_of(out) == 0600);

    // A database made readable by others before this fix is made private when next opened.
    ::chmod((data / "casebook.sqlite3").c_str(), 0644);
    REQUIRE(run_in(data, "notes list --profile Sam").exit_code == 0);
    CHECK(mode_of(data / "casebook.sqlite3") == 0600);
}

TEST_CASE("L5: an export never follows a link planted at its temporary name", "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "data";
    REQUIRE(run_in(data, "profiles add --name Bob").exit_code == 0);
    REQUIRE(run_in(data, "notes add --profile Bob --title t --body exported").exit_code == 0);
    const auto victim = root / "victim.txt";
    test::spit(victim, "precious");
    const auto out = root / "report.md";
    std::filesystem::create_symlink(victim, root / "report.md.tmp");
    auto r = run_in(data, "export --profile Bob --format markdown " + test::quote(out));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(test::slurp(victim) == "precious");
    CHECK(std::filesystem::is_symlink(root / "report.md.tmp"));
    CHECK_FALSE(std::filesystem::is_symlink(out));
    CHECK(contains(test::slurp(out), "exported"));
    // No temporary file is left behind.
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(root.path()))
        files += e.path().filename().string().rfind(".casebook-", 0) == 0;
    CHECK(files == 0);
}

TEST_CASE("M4: a body with a NUL byte, UTF-16 or Latin-1 is refused by name, nothing stored",
          "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "data";
    REQUIRE(run_in(data, "profiles add --name Ann").exit_code == 0);
    const auto nul = root / "nul.txt";
    test::spit(nul, std::string("first part\0second part\n", 23));
    auto r = run_in(data, "notes add --profile Ann --title t --body-file " + test::quote(nul));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, nul.string() + ": holds a NUL byte at byte 10 (a binary file, or UTF-16 "
                                         "text?): only UTF-8 text can be stored"));
    const auto u16 = root / "u16.txt";
    test::spit(u16, std::string("\xff\xfeS\0e\0e\0n\0", 10));
    r = run_in(data, "notes add --profile Ann --title t --body-file " + test::quote(u16));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, u16.string() + ": is UTF-16 text (it starts with a UTF-16 byte-order "
                                         "mark): save it as UTF-8"));
    const auto latin1 = root / "latin1.txt";
    test::spit(latin1, "caf\xe9");
    r = run_in(data, "notes add --profile Ann --title t --body-file " + test::quote(latin1));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, latin1.string() + ": is not UTF-8 text (byte 3 is not valid UTF-8; a "
                                            "Latin-1 or Windows file?): save it as UTF-8"));
    r = run_in(data, "notes add --profile Ann --title \"$(printf 'caf\\351')\" --body b");
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "--title: the text is not UTF-8 text (byte 3 is not valid UTF-8; a "
                          "Latin-1 or Windows file?): save it as UTF-8"));
    r = run_in(data, "notes list --profile Ann --json");
    REQUIRE(r.exit_code == 0);
    CHECK(json(r.out).Size() == 0);
}

TEST_CASE("M4: a NUL stored by another device is shown whole, escaped in JSON", "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "data";
    REQUIRE(run_in(data, "profiles add --name Ann").exit_code == 0);
    std::string id;
    {
        casebook::Store store(data / "casebook.sqlite3");
        casebook::Journal journal(store);
        const auto p = journal.find_profile("Ann");
        REQUIRE(p);
        id = journal.add_note(p->id, {"t", std::string("first\0second", 12), {}, "none", ""}).id;
    }
    auto r = run_in(data, "notes show " + id + " --profile Ann --json");
    REQUIRE(r.exit_code == 0);
    auto d = json(r.out);
    CHECK(std::string(d["body"].GetString(), d["body"].GetStringLength()) ==
          std::string("first\0second", 12));
}

TEST_CASE("M5: --json stays valid UTF-8 JSON when stored text is not UTF-8", "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "data";
    REQUIRE(run_in(data, "profiles add --name Ann").exit_code == 0);
    std::string id;
    {
        // As a synced record from an older or damaged device would store it.
        casebook::Store store(data / "casebook.sqlite3");
        casebook::Journal journal(store);
        const auto p = journal.find_profile("Ann");
        REQUIRE(p);
        id = journal
                 .add_note(p->id, {"caf\xe9 title \xff\xfe", "caf\xe9 body", {"t\xe9"}, "none", ""})
                 .id;
    }
    for (const std::string& args : std::vector<std::string>{
             "notes show " + id + " --profile Ann --json", "notes list --profile Ann --json",
             "notes search caf --profile Ann --json"}) {
        auto r = run_in(data, args);
        INFO(args << "\n" << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(test::strict_json(r.out));
    }
    auto r = run_in(data, "notes show " + id + " --profile Ann --json");
    CHECK(contains(json(r.out)["title"].GetString(), "caf\xef\xbf\xbd title"));
}

TEST_CASE("L6: a PIN or body file that is a device or a FIFO is refused without hanging",
          "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "data";
    const auto pin = root / "pin";
    test::spit(pin, "2468\n");
    REQUIRE(run_in(data, "profiles add --name Pat --pin-file " + test::quote(pin)).exit_code == 0);
    auto r = run_in(data, "notes list --profile Pat --pin-file /dev/zero");
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "larger than"));
    const auto fifo = root / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    r = run_in(data, "notes list --profile Pat --pin-file " + test::quote(fifo));
    CHECK(r.exit_code == 2); // not 124, the timeout's
    CHECK(contains(r.err, "PIN file"));
    r = run_in(data, "notes add --profile Pat --pin-file " + test::quote(pin) +
                         " --title t --body-file /dev/zero");
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "larger than"));
    // The wrong files were not counted as wrong PINs.
    r = run_in(data, "notes list --profile Pat --pin-file " + test::quote(pin));
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("L8: a zero-length database is reported, not silently started afresh", "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "data";
    std::filesystem::create_directories(data);
    test::spit(data / "casebook.sqlite3", "");
    auto r = run_in(data, "notes list");
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "empty (0 bytes)"));
    CHECK(std::filesystem::file_size(data / "casebook.sqlite3") == 0);
}

TEST_CASE("L7: a read-only data folder gets its own message", "[cli][issue12]") {
    if (::geteuid() != 0 || std::system("command -v setpriv >/dev/null 2>&1") != 0) {
        WARN("needs root and setpriv to act as another user; not run");
        return;
    }
    test::TempDir root;
    const auto data = root / "data";
    REQUIRE(run_in(data, "profiles add --name Ro").exit_code == 0);
    // The folder and its files belong to nobody, who may read them but not write the folder.
    ::chmod(root.path().c_str(), 0755);
    REQUIRE(std::system(("chown -R 65534 " + test::quote(data)).c_str()) == 0);
    ::chmod(data.c_str(), 0500);
    auto r = test::run("setpriv --reuid=65534 --regid=65534 --clear-groups env -u DISPLAY " +
                       test::quote(test::casebook_exe) + " --data-dir " + test::quote(data) +
                       " notes list </dev/null");
    ::chmod(data.c_str(), 0700);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "read-only"));
    CHECK_FALSE(contains(r.err, "attempt to write a readonly database"));
}

TEST_CASE("M3: two processes using the same PIN profile at once both succeed", "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "data";
    const auto pin = root / "pin";
    test::spit(pin, "2468\n");
    REQUIRE(run_in(data, "profiles add --name P --pin-file " + test::quote(pin)).exit_code == 0);
    const std::string add = "env -u DISPLAY " + test::quote(test::casebook_exe) + " --data-dir " +
                            test::quote(data) + " notes add --profile P --pin-file " +
                            test::quote(pin) + " --body b --title";
    // Two shells, eight notes each, at the same time; every failure is written down.
    const std::string loop = "for i in 1 2 3 4 5 6 7 8; do " + add + " w$w-$i >/dev/null 2>>" +
                             test::quote(root / "errors") + " || echo x >>" +
                             test::quote(root / "failed") + "; done";
    auto r = test::run("for w in 1 2; do (" + loop + ") & done; wait");
    CHECK(r.exit_code == 0);
    INFO(test::slurp(root / "errors"));
    CHECK_FALSE(std::filesystem::exists(root / "failed"));
    r = run_in(data, "notes list --profile P --pin-file " + test::quote(pin) + " --json");
    REQUIRE(r.exit_code == 0);
    CHECK(json(r.out).Size() == 16);
}

TEST_CASE("L11: a missing note reads the same from every command", "[cli][issue12]") {
    test::TempDir root;
    const auto data = root / "data";
    REQUIRE(run_in(data, "profiles add --name Ann").exit_code == 0);
    const std::string missing = "0123456789abcdef0123456789abcdef";
    for (const char* command : {"show", "edit", "delete", "restore"}) {
        auto r = run_in(data, std::string("notes ") + command + " " + missing +
                                  (std::string(command) == "edit" ? " --title x" : ""));
        INFO(command << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind("casebook: no note " + missing, 0) == 0);
    }
}
