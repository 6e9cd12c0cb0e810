// casebook profiles, notes, supervision and export end to end: the real executable on temporary
// data folders, with standard input that is not a terminal unless a test makes one.
#include "casebook/cases.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "support/cli.hpp"
#include "support/json.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

namespace {

using test::contains;
using test::json;
using test::run_casebook;
const auto add_profile = test::cli_add_profile;
const auto add_note = test::cli_add_note;

} // namespace

TEST_CASE("the journal commands are listed and each has --help", "[cli][journal]") {
    test::TempDir data;
    auto help = run_casebook(data, "--help");
    REQUIRE(help.exit_code == 0);
    for (const char* c : {"profiles", "notes", "supervision", "export"})
        CHECK(contains(help.out, std::string("  ") + c + " "));
    for (const char* sub : {"profiles --help", "profiles add --help", "notes --help",
                            "notes add --help", "notes search --help", "supervision --help",
                            "supervision export --help", "export --help"}) {
        auto h = run_casebook(data, sub);
        INFO(sub);
        CHECK(h.exit_code == 0);
        CHECK(contains(h.out, "usage:"));
    }
    CHECK(contains(run_casebook(data, "notes --help").out, "--pin-file"));
    auto bare = run_casebook(data, "notes");
    CHECK(bare.exit_code == 2);
    CHECK(contains(bare.err, "usage:"));
}

TEST_CASE("profiles add and list, as text and JSON", "[cli][journal]") {
    test::TempDir data;
    test::spit(data / "pin", "2580\n");
    add_profile(data, "--name 'Asha Patel' --role supervisor --profession doctor "
                      "--jurisdiction england --pin-file " +
                          test::quote(data / "pin"));
    add_profile(data, "--name Sam --role trainee");
    auto list = run_casebook(data, "profiles list --json");
    REQUIRE(list.exit_code == 0);
    auto d = json(list.out);
    REQUIRE(d.Size() == 2);
    CHECK(std::string(d[0]["name"].GetString()) == "Asha Patel");
    CHECK(std::string(d[0]["role"].GetString()) == "supervisor");
    CHECK(d[0]["has_pin"].GetBool());
    CHECK_FALSE(d[1]["has_pin"].GetBool());
    CHECK(contains(list.out, "\"id\""));
    CHECK_FALSE(contains(list.out, "argon2")); // the hash never leaves the database

    auto text = run_casebook(data, "profiles list");
    CHECK(contains(text.out, "Asha Patel · supervisor · Doctor · England · PIN"));
    CHECK(contains(text.out, "2 profile(s)"));

    auto same = run_casebook(data, "profiles add --name 'asha patel'");
    CHECK(same.exit_code == 2);
    CHECK(contains(same.err, "already exists"));
    auto role = run_casebook(data, "profiles add --name X --role boss");
    CHECK(role.exit_code == 2);
    CHECK(contains(role.err, "--role is trainee, supervisor or other, not 'boss'"));
    test::spit(data / "short", "12\n");
    auto short_pin =
        run_casebook(data, "profiles add --name Y --pin-file " + test::quote(data / "short"));
    CHECK(short_pin.exit_code == 2);
    CHECK(
        contains(short_pin.err, "the PIN file's first line: a PIN has 4 to 64 characters, not 2"));
    auto bad_name = run_casebook(data, "profiles add --name \"$(printf 'caf\\351')\"");
    CHECK(bad_name.exit_code == 2);
    CHECK(contains(bad_name.err, "--name: the text is not UTF-8 text (byte 3 is not valid UTF-8; a "
                                 "Latin-1 or Windows file?): save it as UTF-8"));
    CHECK(json(run_casebook(data, "profiles list --json").out).Size() == 2); // nothing half-made
}

TEST_CASE("notes: add, list, show, edit with versions, delete and restore", "[cli][journal]") {
    test::TempDir data;
    add_profile(data, "--name Sam --role trainee");
    test::spit(data / "body.md", "Line one.\nLine two about consent.\n");
    // With one profile on the device, --profile may be left out.
    const auto id = add_note(data, "--title 'Ward round' --body-file " +
                                       test::quote(data / "body.md") + " --tags 'consent, ward'");
    auto show = run_casebook(data, "notes show " + id + " --json");
    REQUIRE(show.exit_code == 0);
    auto n = json(show.out);
    CHECK(std::string(n["body"].GetString()) == "Line one.\nLine two about consent.\n");
    CHECK(n["tags"].Size() == 2);
    CHECK(n["version"].GetInt() == 1);

    auto edit = run_casebook(data, "notes edit " + id + " --profile Sam --body 'Rewritten.'");
    REQUIRE(edit.exit_code == 0);
    CHECK(contains(edit.out, "saved note " + id + " (version 2)"));
    auto same = run_casebook(data, "notes edit " + id + " --body 'Rewritten.'");
    CHECK(contains(same.out, "unchanged (version 2)"));
    auto versions = json(run_casebook(data, "notes show " + id + " --versions --json").out);
    REQUIRE(versions["versions"].Size() == 2);
    CHECK(std::string(versions["versions"][0]["body"].GetString()) ==
          "Line one.\nLine two about consent.\n");

    auto restored = run_casebook(data, "notes restore " + id + " --version 1");
    REQUIRE(restored.exit_code == 0);
    CHECK(contains(restored.out, "restored version 1 of note " + id + " as version 3"));
    CHECK(contains(run_casebook(data, "notes show " + id).out, "Line two about consent."));

    auto list = run_casebook(data, "notes list");
    CHECK(contains(list.out, id));
    CHECK(contains(list.out, "Ward round  [consent, ward]"));
    CHECK(contains(list.out, "1 note(s)"));
    CHECK(json(run_casebook(data, "notes list --json --tag ward").out).Size() == 1);
    CHECK(json(run_casebook(data, "notes list --json --tag other").out).Size() == 0);

    REQUIRE(run_casebook(data, "notes delete " + id).exit_code == 0);
    CHECK(json(run_casebook(data, "notes list --json").out).Size() == 0);
    auto trash = json(run_casebook(data, "notes list --trash --json").out);
    REQUIRE(trash.Size() == 1);
    CHECK(trash[0]["in_trash"].GetBool());
    auto back = run_casebook(data, "notes restore " + id);
    REQUIRE(back.exit_code == 0);
    CHECK(contains(back.out, "restored note " + id + " from the trash"));
    CHECK(json(run_casebook(data, "notes list --json").out).Size() == 1);
    auto not_binned = run_casebook(data, "notes restore " + id);
    CHECK(not_binned.exit_code == 2);
    CHECK(contains(not_binned.err, "is not in the trash"));
    auto bad_version = run_casebook(data, "notes restore " + id + " --version two");
    CHECK(bad_version.exit_code == 2);
    CHECK(contains(bad_version.err, "--version is a version number"));
    auto missing_version = run_casebook(data, "notes restore " + id + " --version 9");
    CHECK(missing_version.exit_code == 2);
    CHECK(contains(missing_version.err, "has no version 9"));
}

TEST_CASE("notes search: ranked, highlighted, across notes and case text", "[cli][journal]") {
    test::TempDir data;
    add_profile(data, "--name Sam");
    const auto titled = add_note(data, "--title 'Gillick competence' --body 'At the clinic.'");
    const auto body = add_note(data, "--title 'Clinic' --body 'Later: gillick applies here.'");
    auto r = run_casebook(data, "notes search gill --in notes --json");
    REQUIRE(r.exit_code == 0);
    auto d = json(r.out);
    REQUIRE(d.Size() == 2);
    CHECK(std::string(d[0]["id"].GetString()) == titled);
    CHECK(std::string(d[1]["id"].GetString()) == body);
    CHECK(d[0]["rank"].GetInt() == 1);
    CHECK(contains(d[1]["snippet"].GetString(), "[gillick]"));
    auto text = run_casebook(data, "notes search clinic gillick --in notes");
    CHECK(contains(text.out, "note  " + body));
    CHECK(contains(text.out, "2 result(s)"));
    // Case text is searched too (the bundled cases), after the profile's own notes.
    auto cases = json(run_casebook(data, "notes search consent --json --limit 3").out);
    REQUIRE(cases.Size() >= 1);
    CHECK(std::string(cases[0]["kind"].GetString()) == "case");
    auto bad = run_casebook(data, "notes search x --in everything");
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "--in is notes, supervision or cases"));
}

TEST_CASE("one profile's notes are not reachable from another through the CLI", "[cli][journal]") {
    test::TempDir data;
    add_profile(data, "--name Sam");
    add_profile(data, "--name Kit");
    const auto secret = add_note(data, "--profile Sam --title Private --body 'zebra crossing'");
    auto show = run_casebook(data, "notes show " + secret + " --profile Kit");
    CHECK(show.exit_code == 2);
    CHECK(contains(show.err, "no note " + secret + " in profile Kit"));
    CHECK_FALSE(contains(show.out + show.err, "zebra"));
    CHECK(json(run_casebook(data, "notes list --profile Kit --json").out).Size() == 0);
    CHECK(json(run_casebook(data, "notes search zebra --profile Kit --json").out).Size() == 0);
    for (const char* write : {"edit %s --profile Kit --body stolen", "delete %s --profile Kit",
                              "restore %s --profile Kit --version 1"}) {
        std::string args = write;
        args.replace(args.find("%s"), 2, secret);
        auto w = run_casebook(data, "notes " + args);
        INFO(args);
        CHECK(w.exit_code == 2);
        CHECK(contains(w.err, "no note"));
    }
    auto mine = json(run_casebook(data, "notes show " + secret + " --profile Sam --json").out);
    CHECK(std::string(mine["body"].GetString()) == "zebra crossing");
    // With two profiles, --profile is needed.
    auto which = run_casebook(data, "notes list");
    CHECK(which.exit_code == 2);
    CHECK(contains(which.err, "--profile is needed"));
    auto nobody = run_casebook(data, "notes list --profile Nobody");
    CHECK(nobody.exit_code == 2);
    CHECK(contains(nobody.err, "no profile 'Nobody'"));
}

TEST_CASE("a profile with a PIN: --pin-file opens it, a wrong PIN exits 2, tries slow down",
          "[cli][journal][pin]") {
    test::TempDir data;
    test::spit(data / "pin", "2580\n");
    test::spit(data / "wrong", "1111\n");
    add_profile(data, "--name Asha --pin-file " + test::quote(data / "pin"));
    const auto pin = " --pin-file " + test::quote(data / "pin");
    const auto wrong = " --pin-file " + test::quote(data / "wrong");
    add_note(data, "--title t --body b" + pin);
    CHECK(json(run_casebook(data, "notes list --json" + pin).out).Size() == 1);

    // Standard input here is not a terminal, so there is nobody to ask.
    auto locked = run_casebook(data, "notes list");
    CHECK(locked.exit_code == 2);
    CHECK(contains(locked.err, "is locked with a PIN: give it with --pin-file FILE"));
    CHECK(locked.out.empty());
    auto missing = run_casebook(data, "notes list --pin-file " + test::quote(data / "none"));
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "cannot read the PIN file"));

    for (int i = 0; i < 2; ++i) {
        auto w = run_casebook(data, "notes list" + wrong);
        CHECK(w.exit_code == 2);
        CHECK(contains(w.err, "wrong PIN for Asha"));
        CHECK(w.out.empty());
    }
    auto third = run_casebook(data, "notes list" + wrong);
    CHECK(third.exit_code == 2);
    CHECK(contains(third.err, "wrong PIN for Asha; the next try is allowed in 30 s"));
    // Now even the right PIN waits.
    auto waiting = run_casebook(data, "notes list" + pin);
    CHECK(waiting.exit_code == 2);
    CHECK(contains(waiting.err, "too many wrong PINs for Asha: try again in"));
    CHECK(waiting.out.empty());
}

TEST_CASE("the PIN is asked for when standard input is a terminal", "[cli][journal][pin]") {
    if (test::run("command -v script").exit_code != 0) {
        WARN("util-linux `script` is not installed: the terminal prompt is not tested");
        return;
    }
    test::TempDir data;
    test::spit(data / "pin", "2580\n");
    add_profile(data, "--name Asha --pin-file " + test::quote(data / "pin"));
    auto in_terminal = [&](const std::string& typed) {
        const std::string command = "env -u DISPLAY " + test::quote(test::casebook_exe) +
                                    " --data-dir " + test::quote(data.path()) + " notes list";
        return test::run("printf '" + typed + "\\n' | script -qec \"" + command + "\" /dev/null");
    };
    auto right = in_terminal("2580");
    CHECK(right.exit_code == 0);
    CHECK(contains(right.out, "PIN for Asha: "));
    CHECK(contains(right.out, "0 note(s)"));
    auto wrong = in_terminal("0000");
    CHECK(wrong.exit_code == 2);
    CHECK(contains(wrong.out, "wrong PIN for Asha"));
}

TEST_CASE("supervision list, show and export", "[cli][journal]") {
    test::TempDir data;
    const auto supervisor = add_profile(data, "--name 'Dr Asha Patel' --role supervisor");
    const auto trainee = add_profile(data, "--name Sam --role trainee");
    add_profile(data, "--name Kit");
    std::string session;
    {
        // Sessions are held in the app; here the core writes one into the same database.
        casebook::Store store(data / casebook::Store::file_name);
        casebook::Journal journal(store);
        auto s = journal.start_supervision(supervisor, trainee);
        journal.save_supervision(trainee, s.id,
                                 {"",
                                  "",
                                  "Went through the case; patient postcode SW1A 1AA.",
                                  {{"Read the procedure", "2026-03-15"}},
                                  "Ring sooner."});
        journal.sign_supervision(supervisor, s.id, {"", true});
        journal.sign_supervision(trainee, s.id, {"", true});
        journal.add_supervision_addendum(trainee, s.id, "Procedure read.");
        session = s.id;
    }
    auto list = run_casebook(data, "supervision list --profile Sam");
    REQUIRE(list.exit_code == 0);
    CHECK(contains(list.out, session + "  "));
    CHECK(contains(list.out, "supervised by Dr Asha Patel  signed off"));
    auto as_supervisor =
        json(run_casebook(data, "supervision list --profile 'Dr Asha Patel' --json").out);
    REQUIRE(as_supervisor.Size() == 1);
    CHECK(as_supervisor[0]["signed_off"].GetBool());
    CHECK(std::string(as_supervisor[0]["trainee"]["name"].GetString()) == "Sam");
    CHECK(as_supervisor[0]["actions"].Size() == 1);
    CHECK(as_supervisor[0]["addenda"].Size() == 1);
    CHECK(json(run_casebook(data, "supervision list --profile Kit --json").out).Size() == 0);
    auto hidden = run_casebook(data, "supervision show " + session + " --profile Kit");
    CHECK(hidden.exit_code == 2);
    CHECK(contains(hidden.err, "no supervision session"));

    auto show = run_casebook(data, "supervision show " + session + " --profile Sam");
    REQUIRE(show.exit_code == 0);
    CHECK(contains(show.out, "# Supervision session"));
    CHECK(contains(show.out, "1. Read the procedure (due 2026-03-15)"));

    const auto out = data / "session.md";
    auto exported = run_casebook(data, "supervision export " + session + " --profile Sam --out " +
                                           test::quote(out));
    REQUIRE(exported.exit_code == 0);
    CHECK(contains(exported.err, "warning: supervision session " + session +
                                     " contains what look like patient identifiers: postcode (1)"));
    const auto md = test::slurp(out);
    CHECK(contains(md, "## Sign-off"));
    CHECK(contains(md, "SW1A 1AA"));
    auto redacted = run_casebook(data, "supervision export " + session + " --profile Sam --redact");
    REQUIRE(redacted.exit_code == 0);
    CHECK_FALSE(contains(redacted.out, "SW1A 1AA"));
    CHECK(contains(redacted.out, "## Discussion"));

    // The same session as an A4 PDF for an e-portfolio: warned about first, signatures and times
    // in it, and it reads back.
#if CASEBOOK_HAS_PDF
    const auto pdf = data / "session.pdf";
    auto as_pdf = run_casebook(data, "supervision export " + session +
                                         " --profile Sam --format pdf --out " + test::quote(pdf));
    REQUIRE(as_pdf.exit_code == 0);
    CHECK(contains(as_pdf.err, "contains what look like patient identifiers: postcode (1)"));
    REQUIRE(test::slurp(pdf).rfind("%PDF-", 0) == 0);
    if (auto text = test::run("pdftotext " + test::quote(pdf) + " -"); text.exit_code == 0) {
        CHECK(contains(text.out, "Sign-off"));
        CHECK(contains(text.out, "Read the procedure"));
        CHECK(contains(text.out, "Page 1 of 1"));
    } else {
        WARN("pdftotext is not installed (poppler-utils); the PDF was not read back");
    }
    auto no_file =
        run_casebook(data, "supervision export " + session + " --profile Sam --format pdf");
    CHECK(no_file.exit_code == 2);
    CHECK(contains(no_file.err, "needs a file"));

    // A casebook without its PDF module beside it (or installed) still runs; asked for a PDF it
    // says what is missing and where it looked, exits 2 and writes nothing.
    test::TempDir lone;
    const auto lone_exe = lone / "casebook";
    std::filesystem::copy_file(test::casebook_exe, lone_exe);
    std::filesystem::permissions(lone_exe, std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add);
    const auto lost = lone / "session.pdf";
    auto no_module = test::run("env -u CASEBOOK_PDF_MODULE " + test::quote(lone_exe) +
                               " --data-dir " + test::quote(data.path()) + " supervision export " +
                               session + " --profile Sam --format pdf --out " + test::quote(lost));
    CHECK(no_module.exit_code == 2);
    CHECK(contains(no_module.err, "cannot write " + lost.string()));
    CHECK(contains(no_module.err, "PDF export needs libcasebook-pdf.so, which was not found"));
    CHECK(contains(no_module.err, (lone / "libcasebook-pdf.so").string()));
    CHECK_FALSE(std::filesystem::exists(lost));
    CHECK(test::run("env -u CASEBOOK_PDF_MODULE " + test::quote(lone_exe) + " --data-dir " +
                    test::quote(data.path()) + " supervision list --profile Sam")
              .exit_code == 0);
#endif
}

TEST_CASE("export writes a profile's notes and sessions as Markdown, warning about identifiers",
          "[cli][journal]") {
    test::TempDir data;
    add_profile(data, "--name Sam");
    add_note(data, "--title 'Follow-up' --body 'NHS number 943 476 5919 came up.'");
    add_note(data, "--title 'Clean' --body 'Nothing identifying.'");
    const auto out = data / "export.md";
    auto r = run_casebook(data, "export --profile Sam --format markdown " + test::quote(out));
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "wrote " + out.string() + ": 2 note(s), 0 supervision session(s)"));
    CHECK(contains(r.err, "warning: the export of Sam contains what look like patient "
                          "identifiers: NHS number (1)"));
    const auto md = test::slurp(out);
    CHECK(md.rfind("# Casebook: notes and supervision of Sam\n", 0) == 0);
    CHECK(contains(md, "### Follow-up"));
    CHECK(contains(md, "### Clean"));

    auto j =
        run_casebook(data, "export --profile Sam --format markdown --json " + test::quote(out));
    REQUIRE(j.exit_code == 0);
    auto d = json(j.out);
    CHECK(d["notes"].GetInt() == 2);
    REQUIRE(d["identifiers"].Size() == 1);
    CHECK(std::string(d["identifiers"][0]["kind"].GetString()) == "nhs_number");
    CHECK(d["identifiers"][0]["line"].GetInt() > 1);

    auto redacted =
        run_casebook(data, "export --profile Sam --format markdown --redact " + test::quote(out));
    REQUIRE(redacted.exit_code == 0);
    CHECK(contains(redacted.err, "redacted NHS number (1)"));
    CHECK_FALSE(contains(test::slurp(out), "943 476 5919"));

    for (const char* bad :
         {"export --format markdown x.md", "export --profile Sam x.md",
          "export --profile Sam --format docx x.md", "export --profile Sam --format markdown"}) {
        auto e = run_casebook(data, bad);
        INFO(bad);
        CHECK(e.exit_code == 2);
        CHECK(contains(e.err, "usage:"));
    }
}

TEST_CASE("journal usage errors exit 2 with the reason", "[cli][journal]") {
    test::TempDir data;
    auto none = run_casebook(data, "notes list");
    CHECK(none.exit_code == 2);
    CHECK(contains(none.err, "no profiles yet"));
    add_profile(data, "--name Sam");
    for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
             {"notes frob", "unknown notes command 'frob'"},
             {"notes add", "needs --title or a body"},
             {"notes add --title t --body b --body-file f", "not both"},
             {"notes add --title t --case a --record b", "attached to one thing"},
             {"notes add --title t --decision no-slash", "case-id/decision-id"},
             {"notes show", "needs one note id"},
             {"notes edit abc", "no note abc"},
             {"notes list --colour", "unknown option --colour"},
             {"notes search", "needs some words"},
             {"supervision frob", "unknown supervision command"},
             {"supervision show", "needs one session id"},
             {"profiles add", "needs --name"},
         }) {
        auto r = run_casebook(data, args);
        INFO(args << "\n" << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, message));
        CHECK(r.out.empty());
    }
}

// A person's progress shows from the CLI for that person only: one profile's is never listed for
// another profile nor without a profile, and a profile locked with a PIN needs its PIN.
TEST_CASE("cases list --profile shows that profile's progress and nobody else's",
          "[cli][journal][pin]") {
    test::TempDir data;
    test::spit(data / "pin", "2580\n");
    test::spit(data / "wrong", "1111\n");
    const auto pin = " --pin-file " + test::quote(data / "pin");
    const auto ana = add_profile(data, "--name Ana");
    add_profile(data, "--name Ben" + pin);
    const std::string bruising = "infant-unexplained-bruising";
    {
        casebook::Store store(data / casebook::Store::file_name);
        const auto done = casebook::Progress(store).start_attempt(ana, bruising);
        casebook::Progress(store).finish_attempt(ana, done.id);
        casebook::Progress(store).start_attempt("",
                                                bruising); // the use without a profile: in progress
    }
    auto status_for = [&](const std::string& args) {
        auto r = run_casebook(data, "cases list --json" + args);
        INFO(args << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        const auto d = json(r.out);
        for (const auto& c : d.GetArray())
            if (c["id"].GetString() == bruising) return std::string(c["status"].GetString());
        FAIL("no " << bruising << " in the list");
        return std::string();
    };
    CHECK(status_for(" --profile Ana") == "done");
    CHECK(status_for(" --profile " + ana) == "done"); // by id as well as by name
    CHECK(status_for("") == "in-progress");
    CHECK(status_for(" --profile Ben" + pin) == "new");
    auto text = run_casebook(data, "cases list --profile ana --status done");
    CHECK(text.exit_code == 0);
    CHECK(text.out.find(bruising) != std::string::npos);
    CHECK(text.out.find("1 of ") != std::string::npos);

    // Locked: without the PIN, or with a wrong one, nothing is listed and the reason is given.
    auto locked = run_casebook(data, "cases list --profile Ben");
    CHECK(locked.exit_code == 2);
    CHECK(locked.err.find("is locked with a PIN: give it with --pin-file FILE") !=
          std::string::npos);
    CHECK(locked.out.empty());
    auto wrong =
        run_casebook(data, "cases list --profile Ben --pin-file " + test::quote(data / "wrong"));
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("wrong PIN for Ben") != std::string::npos);
    CHECK(wrong.out.empty());
    auto unknown = run_casebook(data, "cases list --profile Zed");
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("no profile 'Zed'") != std::string::npos);
}
