// The command-line interface end to end: the real executable on temporary data folders.
#include "support/json.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

using test::json;
using test::run_casebook;

TEST_CASE("--help and --version", "[cli]") {
    test::TempDir data;
    auto r = run_casebook(data, "--help");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("cases") != std::string::npos);
    CHECK(r.out.find("validate") != std::string::npos);
    CHECK(r.out.find("--data-dir") != std::string::npos);
    auto v = run_casebook(data, "--version");
    CHECK(v.exit_code == 0);
    CHECK(v.out.rfind("casebook ", 0) == 0);
    for (const char* sub : {"cases --help", "validate --help"}) {
        auto h = run_casebook(data, sub);
        CHECK(h.exit_code == 0);
        CHECK(h.out.find("usage:") != std::string::npos);
    }
}

TEST_CASE("cases list --json gives every bundled case with its facts", "[cli]") {
    test::TempDir data;
    auto r = run_casebook(data, "cases list --json");
    REQUIRE(r.exit_code == 0);
    auto d = json(r.out);
    REQUIRE(d.IsArray());
    REQUIRE(d.Size() >= 3);
    for (const auto& c : d.GetArray()) {
        for (const char* key : {"id", "title", "profession", "setting", "jurisdiction", "status"})
            CHECK(c[key].IsString());
        CHECK(c["topics"].IsArray());
        CHECK(c["decisions"].GetInt() >= 1);
        CHECK(c["citations"].GetInt() >= 2);
        CHECK(std::string(c["status"].GetString()) == "new");
    }
    // The database was created in the folder we named, not anywhere else.
    CHECK(std::filesystem::exists(data / "casebook.sqlite3"));
}

TEST_CASE("cases list filters, and the data folder can come from the environment", "[cli]") {
    test::TempDir data;
    auto all = json(run_casebook(data, "cases list --json").out);
    auto nurses = run_casebook(data, "cases list --json --profession nurse");
    REQUIRE(nurses.exit_code == 0);
    auto n = json(nurses.out);
    CHECK(n.Size() <= all.Size());
    for (const auto& c : n.GetArray())
        CHECK(std::string(c["profession"].GetString()) == "nurse");

    test::TempDir env_data;
    auto r = test::run("CASEBOOK_DATA_DIR=" + test::quote(env_data.path()) + " " +
                       test::quote(test::casebook_exe) + " cases list");
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::exists(env_data / "casebook.sqlite3"));
}

TEST_CASE("cases show prints a whole case, as text or JSON", "[cli]") {
    test::TempDir data;
    auto list = json(run_casebook(data, "cases list --json").out);
    const std::string id = list[0]["id"].GetString();
    auto text = run_casebook(data, "cases show " + id);
    REQUIRE(text.exit_code == 0);
    for (const char* section : {"THE STORY SO FAR", "DECISION 1", "WHAT HAPPENED", "THE GUIDANCE",
                                "COLLEAGUES' VIEWS", "LEARNING POINTS"})
        CHECK(text.out.find(section) != std::string::npos);
    auto j = run_casebook(data, "cases show " + id + " --json");
    REQUIRE(j.exit_code == 0);
    auto d = json(j.out);
    CHECK(std::string(d["id"].GetString()) == id);
    CHECK(d["decisions"][0]["options"].Size() >= 3);
    CHECK(std::string(d["citations"][0]["gist"].GetString()).size() > 10);
}

TEST_CASE("usage errors exit 2 with a message on stderr", "[cli]") {
    test::TempDir data;
    auto missing = run_casebook(data, "cases show no-such-case");
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("no case with id 'no-such-case'") != std::string::npos);
    auto unknown = run_casebook(data, "frobnicate");
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("unknown command") != std::string::npos);
    auto bad_flag = run_casebook(data, "cases list --colour");
    CHECK(bad_flag.exit_code == 2);
    CHECK(bad_flag.err.find("unknown option --colour") != std::string::npos);
    CHECK(bad_flag.out.empty());
}

TEST_CASE("validate passes the bundled cases and fails a bad file with file, field and reason",
          "[cli]") {
    test::TempDir data;
    auto ok = run_casebook(data, "validate");
    INFO(ok.out);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("0 problem(s)") != std::string::npos);

    test::TempDir cases;
    std::string text = test::slurp(test::fixtures_dir / "good-case.json");
    const std::string from = "\"grade\": \"unsafe\", \"feedback\": \"The child's welfare";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(),
                 "\"grade\": \"best\", \"feedback\": \"The child's welfare");
    test::spit(cases / "good-case.json", text);
    test::spit(cases / "broken.json", "[1, 2");
    auto bad = run_casebook(data, "validate " + test::quote(cases.path()));
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.find((cases / "good-case.json").string() +
                       ": decisions[0].options: has 2 options graded best") != std::string::npos);
    CHECK(bad.out.find((cases / "broken.json").string() + ": (file): is not valid JSON") !=
          std::string::npos);

    auto j = run_casebook(data, "validate --json " + test::quote(cases.path()));
    CHECK(j.exit_code == 1);
    auto d = json(j.out);
    CHECK(d["checked"].GetInt() == 2);
    CHECK(d["valid"].GetInt() == 0);
    CHECK(d["problems"].Size() == 2);
}

TEST_CASE("validate touches no user data", "[cli]") {
    test::TempDir parent;
    const auto data = parent / "not-yet";
    auto r = test::run(test::quote(test::casebook_exe) + " --data-dir " + test::quote(data) +
                       " validate");
    CHECK(r.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(data));
}

TEST_CASE("a data folder that cannot be created is a clear error", "[cli]") {
    test::TempDir parent;
    test::spit(parent / "a-file", "x");
    auto r = test::run(test::quote(test::casebook_exe) + " --data-dir " +
                       test::quote(parent / "a-file" / "sub") + " cases list");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot use data folder") != std::string::npos);
}

TEST_CASE("checklist steps lists the questions, per jurisdiction, as text or JSON",
          "[cli][checklist]") {
    test::TempDir data;
    auto text = run_casebook(data, "checklist steps");
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("immediate_danger") != std::string::npos);
    auto wales = run_casebook(data, "checklist steps --jurisdiction wales --json");
    REQUIRE(wales.exit_code == 0);
    auto d = json(wales.out);
    CHECK(std::string(d["jurisdiction"].GetString()) == "wales");
    CHECK(wales.out.find("wales-relevant-partner") != std::string::npos);
    auto scotland = run_casebook(data, "checklist steps --jurisdiction scotland --json");
    CHECK(scotland.out.find("wales-relevant-partner") == std::string::npos);
    auto bad = run_casebook(data, "checklist steps --jurisdiction mars");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--jurisdiction") != std::string::npos);
}

TEST_CASE("checklist evaluate gives the outcome and the record, and names a bad step",
          "[cli][checklist]") {
    test::TempDir data, files;
    test::spit(files / "danger.json", R"({"jurisdiction": "england", "answers": {
        "at_risk": ["child"], "immediate_danger": "yes", "concern": ["physical-abuse"],
        "legal_duty": "none", "consent": "not-asked-unsafe",
        "consent_reasons": "No time: he was hitting her in front of me.",
        "share_with": ["police"], "minimum_shared": "Address and what I saw.",
        "advice": ["none"], "tell_person": "no-unsafe", "tell_reasons": "It would raise the risk.",
        "how_shared": ["phone-now"], "record_concerns": "Saw a man strike a toddler.",
        "record_reasons": "Immediate danger.", "follow_up_what": "Referral", "follow_up_who": "Me",
        "follow_up_when": "Today"}})");
    auto j =
        run_casebook(data, "checklist evaluate " + test::quote(files / "danger.json") + " --json");
    INFO(j.err);
    REQUIRE(j.exit_code == 0);
    auto d = json(j.out);
    CHECK(std::string(d["outcome"].GetString()) == "call-emergency");
    CHECK(d["emergency"].GetBool());
    auto md = run_casebook(data, "checklist evaluate " + test::quote(files / "danger.json") +
                                     " --markdown");
    REQUIRE(md.exit_code == 0);
    CHECK(md.out.find("# Disclosure decision record") != std::string::npos);
    CHECK(md.out.find("Saw a man strike a toddler.") != std::string::npos);

    test::spit(
        files / "bad.json",
        R"({"jurisdiction": "scotland", "answers": {"legal_duty": "fgm-report", "colour": "blue"}})");
    auto bad = run_casebook(data, "checklist evaluate " + test::quote(files / "bad.json"));
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("answers.legal_duty") != std::string::npos);
    CHECK(bad.err.find("answers.colour") != std::string::npos);
    CHECK(bad.err.find("answers.at_risk") != std::string::npos); // a required step missing
    auto missing = run_casebook(data, "checklist evaluate " + test::quote(files / "nope.json"));
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("nope.json") != std::string::npos);
}

// ---- Issue 12: deep nesting (M6). ----

TEST_CASE("M6: a million nested brackets in a case or answers file is refused, not a crash",
          "[cli][issue12]") {
    test::TempDir data, files;
    const std::string deep(1000000, '[');
    const std::string shut(1000000, ']');
    test::spit(files / "deep.json", "{\"schema\":1,\"id\":" + deep + shut + "}");
    auto r = run_casebook(data, "validate " + test::quote(files / "deep.json"));
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK((r.out + r.err).find("deep.json") != std::string::npos);
    CHECK((r.out + r.err).find("levels deep") != std::string::npos);

    test::spit(files / "deep-answers.json", "{\"answers\":" + deep + shut + "}");
    r = run_casebook(data, "checklist evaluate " + test::quote(files / "deep-answers.json"));
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK((r.out + r.err).find("levels deep") != std::string::npos);

    // Nesting as deep as any real file goes is still read.
    test::spit(files / "nested.json",
               "{\"answers\":{\"a\":" + std::string(20, '[') + std::string(20, ']') + "}}");
    r = run_casebook(data, "checklist evaluate " + test::quote(files / "nested.json"));
    CHECK((r.out + r.err).find("levels deep") == std::string::npos);
}
