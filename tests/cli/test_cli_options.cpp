// The one option parser (CLI11, app/cli/options.cpp) at its edges, through the real executable:
// the `--x=v` form, unknown options, missing values, and values outside an option's choices, for
// the commands, main()'s own options and the window's flags. And every --json output parses.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

namespace {

const std::string exe = CASEBOOK_EXE;

// Never a window: no display, and a usage error stops before one would open.
test::ProcessResult casebook(const test::TempDir& data, const std::string& args) {
    return test::run_casebook(data, args);
}

using test::contains;

} // namespace

TEST_CASE("an option's value may follow it or join it with '='", "[cli][options]") {
    test::TempDir data;
    const auto apart = casebook(data, "cases list --json --jurisdiction scotland");
    const auto joined = casebook(data, "cases list --json --jurisdiction=scotland");
    REQUIRE(apart.exit_code == 0);
    REQUIRE(joined.exit_code == 0);
    CHECK(apart.out == joined.out);
    CHECK(contains(apart.out, "\"jurisdiction\":\"scotland\""));
    CHECK_FALSE(contains(apart.out, "\"jurisdiction\":\"england\""));

    // main()'s own options too, before or after the command.
    test::TempDir other;
    const auto added = test::run(test::quote(exe) + " profiles add --name Ana --data-dir=" +
                                 test::quote(other.path()) + " </dev/null");
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    const auto listed = test::run(test::quote(exe) + " --data-dir=" + test::quote(other.path()) +
                                  " profiles list --json </dev/null");
    CHECK(contains(listed.out, "\"name\":\"Ana\""));
    CHECK_FALSE(contains(casebook(data, "profiles list --json").out, "Ana"));
}

TEST_CASE("usage errors exit 2 with a message naming the option", "[cli][options]") {
    test::TempDir data;
    struct Case {
        const char* args;
        const char* message;
    };
    const Case cases[] = {
        // unknown options, in both forms
        {"cases list --colour", "unknown option --colour"},
        {"cases list --colour=red", "unknown option --colour=red"},
        {"notes list --titel x", "unknown option --titel"},
        {"validate --strict", "unknown option --strict"},
        // a missing value
        {"cases list --topic", "--topic needs a value"},
        {"notes add --title", "--title needs a value"},
        {"export --format", "--format needs a value"},
        {"sync run --folder", "--folder needs a value"},
        // a value that is not one of the choices
        {"checklist steps --jurisdiction mars",
         "--jurisdiction is england, wales, scotland or northern-ireland, not 'mars'"},
        {"checklist evaluate a.json --jurisdiction=Scotland",
         "--jurisdiction is england, wales, scotland or northern-ireland, not 'Scotland'"},
        {"profiles add --name Kit --role boss",
         "--role is trainee, supervisor or other, not 'boss'"},
        {"profiles add --name Kit --jurisdiction france",
         "--jurisdiction is england, wales, scotland or northern-ireland, not 'france'"},
        {"export --profile Kit --format docx out.docx", "--format is markdown or pdf, not 'docx'"},
        {"supervision list --format=html", "--format is markdown or pdf, not 'html'"},
        // commands
        {"cases", "cases needs a command: list or show"},
        {"notes frobnicate", "unknown notes command 'frobnicate'"},
    };
    for (const auto& c : cases) {
        const auto r = casebook(data, c.args);
        INFO(c.args << "\n" << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, std::string("casebook: ") + c.message + "\n"));
        CHECK(contains(r.err, "usage: casebook "));
        CHECK(r.out.empty());
    }
    // Nothing was made by a refused command.
    CHECK(contains(casebook(data, "profiles list").out, "0 profile(s)"));
}

TEST_CASE("main()'s options and the window's flags are read by the same parser", "[cli][options]") {
    test::TempDir data;
    const auto no_dir = test::run(test::quote(exe) + " --data-dir </dev/null");
    CHECK(no_dir.exit_code == 2);
    CHECK(contains(no_dir.err, "casebook: --data-dir needs a value"));
    const auto no_assets = test::run(test::quote(exe) + " cases list --assets-dir </dev/null");
    CHECK(no_assets.exit_code == 2);
    CHECK(contains(no_assets.err, "casebook: --assets-dir needs a value"));
#if CASEBOOK_HAS_GUI
    struct Case {
        const char* args;
        const char* message;
    };
    const Case cases[] = {
        {"--colour", "unknown option --colour"},
        {"--open=library --colour=red", "unknown option --colour=red"},
        {"--theme", "--theme needs a value"},
        {"--theme purple", "--theme is light, dark or high-contrast, not 'purple'"},
        {"--theme=purple", "--theme is light, dark or high-contrast, not 'purple'"},
        {"--text-size 9", "--text-size is 0 (small) to 3 (largest)"},
        {"--text-size=-1", "--text-size is 0 (small) to 3 (largest)"},
        {"--form-factor phone", "--form-factor is tablet or desktop, not 'phone'"},
        {"--dpi lots", "--dpi wants a number from 50 to 1000"},
        {"--dpi=5000", "--dpi wants a number from 50 to 1000"},
        {"--size 10x10", "--size wants WIDTHxHEIGHT, each 200 to 8192, e.g. 1280x800"},
        {"--measure-idle soon", "--measure-idle wants a number of seconds"},
    };
    for (const auto& c : cases) {
        const auto r = casebook(data, c.args);
        INFO(c.args << "\n" << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, std::string("casebook: ") + c.message + " (see casebook --help)\n"));
    }
#endif
}

TEST_CASE("every command's --help helps, and exits 0", "[cli][options]") {
    test::TempDir data;
    for (const char* command : {"cases", "validate", "checklist", "profiles", "notes",
                                "supervision", "export", "revise", "sync"}) {
        for (const char* help : {" --help", " -h"}) {
            const auto r = casebook(data, std::string(command) + help);
            INFO(command << help << "\n" << r.err);
            CHECK(r.exit_code == 0);
            CHECK(r.out.rfind(std::string("usage: casebook ") + command, 0) == 0);
            CHECK(r.err.empty());
        }
    }
    // Also after a subcommand, whatever else was given.
    const auto deep = casebook(data, "notes add --title x --help");
    CHECK(deep.exit_code == 0);
    CHECK(contains(deep.out, "--pin-file FILE"));
    const auto help = casebook(data, "--help");
    CHECK(help.exit_code == 0);
    for (const char* command :
         {"cases", "validate", "checklist", "profiles", "notes", "supervision", "export", "revise",
          "sync", "--data-dir", "--version", "exit status"})
        CHECK(contains(help.out, command));
}

TEST_CASE("every --json output parses as JSON", "[cli][options][json]") {
    test::TempDir data, shared;
    test::spit(data / "pass", "a long enough passphrase\n");
    test::spit(data / "note.txt", "Seen on the ward.\nHer postcode is SW1A 1AA.\n");
    const std::string answers = test::quote(
        test::source_dir / "tests/checklist/corpus/england-15-immediate-danger-child.answers.json");
    const std::string pass = " --passphrase-file " + test::quote(data / "pass");
    std::string note_id;
    const std::vector<std::string> commands = {
        "cases list --json",
        "cases show infant-unexplained-bruising --json",
        "validate --json",
        "checklist steps --json --jurisdiction wales",
        "checklist evaluate " + answers + " --json",
        "profiles add --name Ana --role trainee --json",
        "profiles list --json",
        "notes add --title 'Ward \"round\"' --body-file " + test::quote(data / "note.txt") +
            " --tags a,b --json",
        "notes list --json",
        "notes search ward --json",
        "supervision list --json",
        "export --profile Ana --format markdown " + test::quote(data / "out.md") + " --json",
        "sync status --json",
        "sync init --folder " + test::quote(shared.path()) + pass + " --json",
        "sync join-profile --profile Ana --json",
        "sync run --json" + pass,
        "revise due --json",
        "revise stats --json",
        "revise items --json",
        "revise settings --json",
    };
    for (const auto& command : commands) {
        const auto r = casebook(data, command);
        INFO(command << "\n" << r.err << "\n" << r.out);
        CHECK(r.exit_code == 0);
        rapidjson::Document d;
        d.Parse(r.out.c_str(), r.out.size());
        CHECK_FALSE(d.HasParseError());
        if (command.rfind("notes add", 0) == 0 && d.IsObject()) {
            note_id = d["id"].GetString();
            CHECK(std::string(d["title"].GetString()) == "Ward \"round\"");
            CHECK(d["identifiers"].Size() == 1);
        }
    }
    REQUIRE_FALSE(note_id.empty());
    for (const std::string& command :
         {"notes show " + note_id + " --versions --json",
          "notes edit " + note_id + " --title Ward --json", "notes delete " + note_id + " --json",
          "notes restore " + note_id + " --json"}) {
        const auto r = casebook(data, command);
        INFO(command << "\n" << r.err);
        CHECK(r.exit_code == 0);
        rapidjson::Document d;
        d.Parse(r.out.c_str(), r.out.size());
        CHECK_FALSE(d.HasParseError());
    }
}
