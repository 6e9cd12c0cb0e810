// The scenario corpus (tests/checklist/corpus): real situations as answers files, each with the
// outcome, the duties and their recipients, the warnings and the citations the record must
// hold. Every situation is checked twice: in process through the engine and the record, and
// through the real `casebook checklist evaluate --json` as a user would run it.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "support/process.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <rapidjson/document.h>
#include <set>

using namespace casebook;

namespace {

const std::filesystem::path corpus_dir = test::source_dir / "tests" / "checklist" / "corpus";

rapidjson::Document parse_json(const std::string& text, const std::string& what) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    INFO(what);
    REQUIRE_FALSE(d.HasParseError());
    REQUIRE(d.IsObject());
    return d;
}

std::vector<std::string> strings(const rapidjson::Value& v) {
    std::vector<std::string> out;
    for (const auto& x : v.GetArray())
        out.emplace_back(x.GetString(), x.GetStringLength());
    std::sort(out.begin(), out.end());
    return out;
}

std::string citation_key(const rapidjson::Value& c) {
    return std::string(c["ref"].GetString()) + " " +
           (c.HasMember("para") ? c["para"].GetString() : c["topic"].GetString());
}

std::string citation_key(const Citation& c) {
    return c.ref + " " + (c.para.empty() ? c.topic : c.para);
}

// One duty as the corpus states it: "fgm-report -> police, applies, met".
std::string duty_key(const std::string& id, const std::string& recipient, bool applies, bool met) {
    return id + " -> " + (recipient.empty() ? "(named by the order)" : recipient) +
           (applies ? ", applies" : ", does not apply") + (met ? ", met" : ", not met");
}

struct Expected {
    std::string rationale;
    std::string outcome;
    std::vector<std::string> warnings;
    std::vector<std::string> duties;
    std::vector<std::string> citations;
    std::vector<std::string> absent_sources;
    std::vector<std::string> notes; // exactly the notes given, sorted
};

Expected expected(const std::filesystem::path& file) {
    const auto d = parse_json(test::slurp(file), file.string());
    Expected e;
    e.rationale = d["rationale"].GetString();
    e.outcome = d["outcome"].GetString();
    e.warnings = strings(d["warnings"]);
    for (const auto& x : d["duties"].GetArray())
        e.duties.push_back(duty_key(x["id"].GetString(), x["recipient"].GetString(),
                                    x["applies"].GetBool(), x["met"].GetBool()));
    for (const auto& c : d["citations"].GetArray())
        e.citations.push_back(citation_key(c));
    e.absent_sources = strings(d["absent_sources"]);
    e.notes = strings(d["notes"]);
    return e;
}

struct Situation {
    std::string name;
    std::filesystem::path answers;
    Expected expect;
};

std::vector<Situation> corpus() {
    std::vector<Situation> out;
    for (const auto& entry : std::filesystem::directory_iterator(corpus_dir)) {
        const std::string file = entry.path().filename().string();
        const std::string suffix = ".answers.json";
        if (file.size() <= suffix.size() || file.substr(file.size() - suffix.size()) != suffix)
            continue;
        const std::string name = file.substr(0, file.size() - suffix.size());
        out.push_back({name, entry.path(), expected(corpus_dir / (name + ".expected.json"))});
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.name < b.name; });
    return out;
}

struct Bundled {
    Library library = Library::load(test::assets_dir);
    Checklist checklist;
    Problems problems;
    Bundled() {
        checklist = Checklist::load(FolderAssets(test::assets_dir), library.guidance(), problems);
    }
};

const Bundled& bundled() {
    static const Bundled b;
    return b;
}

// What one run gave, in the corpus's terms, whichever way it was run.
struct Got {
    std::string outcome;
    std::vector<std::string> warnings;
    std::vector<std::string> duties;
    std::set<std::string> citations; // everything the reasons (and so the record) cite
    std::set<std::string> sources;
    std::vector<std::string> notes;
};

void compare(const Situation& s, const Got& got) {
    INFO(s.name << ": " << s.expect.rationale);
    CHECK(got.outcome == s.expect.outcome);
    CHECK(got.warnings == s.expect.warnings);
    CHECK(got.duties == s.expect.duties);
    CHECK(got.notes == s.expect.notes);
    for (const auto& c : s.expect.citations) {
        INFO("citation " << c);
        CHECK(got.citations.count(c) == 1);
    }
    for (const auto& source : s.expect.absent_sources) {
        INFO("source that must not be cited: " << source);
        CHECK(got.sources.count(source) == 0);
    }
}

} // namespace

TEST_CASE("the corpus covers every nation, children and adults, every duty and outcome",
          "[checklist][corpus]") {
    REQUIRE(bundled().problems.empty());
    const auto all = corpus();
    CHECK(all.size() >= 40);
    std::set<std::string> nations, outcomes, duties, at_risk;
    for (const auto& s : all) {
        INFO(s.name);
        CHECK_FALSE(s.expect.rationale.empty());
        Problems problems;
        const Answers a =
            bundled().checklist.parse_answers(test::slurp(s.answers), s.answers.string(), problems);
        CHECK(problems.empty());
        nations.insert(a.jurisdiction);
        outcomes.insert(s.expect.outcome);
        if (const auto* v = a.find("legal_duty")) duties.insert(v->begin(), v->end());
        if (const auto* v = a.find("at_risk")) at_risk.insert(v->begin(), v->end());
    }
    CHECK(nations == std::set<std::string>{"england", "wales", "scotland", "northern-ireland"});
    CHECK(outcomes.size() == all_outcomes().size());
    for (const char* d :
         {"fgm-report", "wales-relevant-partner", "wales-adult-at-risk", "asp-report",
          "ni-report-offence", "court-order-or-statute", "request-no-order", "none"}) {
        INFO("duty " << d);
        CHECK(duties.count(d) == 1);
    }
    for (const char* who : {"child", "adult-at-risk", "patient", "others", "nobody"}) {
        INFO("at risk: " << who);
        CHECK(at_risk.count(who) == 1);
    }
}

TEST_CASE("each corpus situation gives its outcome, duties, warnings and citations",
          "[checklist][corpus]") {
    const auto& checklist = bundled().checklist;
    for (const auto& s : corpus()) {
        Problems problems;
        const Answers a =
            checklist.parse_answers(test::slurp(s.answers), s.answers.string(), problems);
        REQUIRE(problems.empty());
        const Evaluation e = checklist.evaluate(a);
        Got got;
        got.outcome = to_string(e.outcome);
        for (const auto& r : e.reasons)
            if (!r.note.empty()) got.notes.push_back(r.note);
        std::sort(got.notes.begin(), got.notes.end());
        for (const auto& w : e.warnings)
            got.warnings.push_back(w.id);
        std::sort(got.warnings.begin(), got.warnings.end());
        for (const auto& d : e.duties)
            got.duties.push_back(duty_key(d.id, d.recipient, d.applies, d.met));
        // The record is what goes into the notes: its citations are the ones that count.
        const DecisionRecord record = checklist.record(a, "2026-11-30 09:00");
        for (const auto& c : record.citations) {
            got.citations.insert(citation_key(c));
            got.sources.insert(c.ref);
        }
        compare(s, got);
    }
}

TEST_CASE("casebook checklist evaluate agrees with the corpus on every situation",
          "[checklist][corpus][cli]") {
    test::TempDir data;
    for (const auto& s : corpus()) {
        const auto r =
            test::run_casebook(data, "checklist evaluate " + test::quote(s.answers) + " --json");
        INFO(s.name << "\n" << r.err);
        REQUIRE(r.exit_code == 0);
        const auto d = parse_json(r.out, s.name);
        Got got;
        got.outcome = d["outcome"].GetString();
        for (const auto& w : d["warnings"].GetArray())
            got.warnings.emplace_back(w["id"].GetString());
        std::sort(got.warnings.begin(), got.warnings.end());
        for (const auto& x : d["duties"].GetArray())
            got.duties.push_back(duty_key(x["id"].GetString(), x["recipient"].GetString(),
                                          x["applies"].GetBool(), x["met"].GetBool()));
        for (const auto& reason : d["reasons"].GetArray())
            if (reason.HasMember("note")) got.notes.emplace_back(reason["note"].GetString());
        std::sort(got.notes.begin(), got.notes.end());
        for (const auto& reason : d["reasons"].GetArray())
            for (const auto& c : reason["citations"].GetArray()) {
                got.citations.insert(citation_key(c));
                got.sources.insert(c["ref"].GetString());
            }
        compare(s, got);
    }
}

TEST_CASE("checklist evaluate --profession replaces the file's, and a wrong one is refused",
          "[checklist][corpus][cli]") {
    test::TempDir data;
    const auto file = corpus_dir / "england-2a-capable-adult-refuses-dv.answers.json";
    const std::string base = "checklist evaluate " + test::quote(file);
    const auto nurse = test::run_casebook(data, base + " --text"); // the file says nurse
    REQUIRE(nurse.exit_code == 0);
    CHECK(nurse.out.find("Profession: Nurse") != std::string::npos);
    CHECK(nurse.out.find("- The GMC's guidance for doctors: GMC, Confidentiality") !=
          std::string::npos);
    const auto doctor = test::run_casebook(data, base + " --text --profession doctor");
    REQUIRE(doctor.exit_code == 0);
    CHECK(doctor.out.find("Profession: Doctor") != std::string::npos);
    CHECK(doctor.out.find("guidance for doctors") == std::string::npos);
    // The plain output gives the outcome's summary once, then the safety plan.
    const auto plain = test::run_casebook(data, base);
    REQUIRE(plain.exit_code == 0);
    const std::string summary = "Do not share for now.";
    const auto first = plain.out.find(summary);
    REQUIRE(first != std::string::npos);
    CHECK(plain.out.find(summary, first + 1) == std::string::npos);
    CHECK(plain.out.find("safety plan") != std::string::npos);
    const auto wrong = test::run_casebook(data, base + " --profession surgeon");
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("surgeon") != std::string::npos);
}
