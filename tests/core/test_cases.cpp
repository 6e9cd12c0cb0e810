// The case loader and the validator: the good fixture passes, and each kind of bad file is
// rejected with its file, field and reason while the other cases still load.
#include "casebook/base.hpp"
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <ctime>
#include <filesystem>
#include <functional>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

using namespace casebook;

namespace {

Guidance bundled_guidance() {
    Problems problems;
    const auto path = test::assets_dir / "guidance" / "references.json";
    Guidance g = Guidance::parse(test::slurp(path), path.string(), problems);
    REQUIRE(problems.empty());
    return g;
}

// The good fixture after `edit`, as JSON text.
std::string edited(const std::function<void(rapidjson::Document&)>& edit) {
    rapidjson::Document doc;
    doc.Parse(test::slurp(test::fixtures_dir / "good-case.json").c_str());
    REQUIRE_FALSE(doc.HasParseError());
    edit(doc);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    return buffer.GetString();
}

Problems problems_of(const std::string& json) {
    Problems problems;
    Case c = parse_case(json, "/cases/good-case.json", problems);
    if (problems.empty()) problems = check_case(c, bundled_guidance());
    return problems;
}

bool has_problem(const Problems& ps, const std::string& field, const std::string& reason_part) {
    for (const auto& p : ps)
        if (p.field == field && p.reason.find(reason_part) != std::string::npos &&
            p.file == "/cases/good-case.json")
            return true;
    return false;
}

std::string dump(const Problems& ps) {
    std::string out;
    for (const auto& p : ps)
        out += p.to_string() + "\n";
    return out;
}

} // namespace

TEST_CASE("the bundled guidance references parse and every point resolves", "[guidance]") {
    Guidance g = bundled_guidance();
    CHECK(g.sources().size() >= 18);
    CHECK(g.paragraph("gmc-conf", "64"));
    CHECK(g.paragraph("fgm2003", "s5B"));
    CHECK_FALSE(g.paragraph("gmc-conf", "999"));
    // T topics have no number.
    CHECK(g.topic("gmc-dvla", "fitness-to-drive"));
    Problems ps;
    CHECK_FALSE(g.check({"gmc-dvla", "12", "", ""}, "case.json", "citations[0]", ps));
    CHECK_FALSE(g.check({"nobody", "1", "", ""}, "case.json", "citations[1]", ps));
    CHECK(g.check({"gmc-conf", "64", "", ""}, "case.json", "citations[2]", ps));
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].to_string() == "case.json: citations[0]: paragraph 12 of gmc-dvla is not one the "
                               "references sheet vouches for (cite its topic without a number)");
    CHECK(ps[1].to_string() == "case.json: citations[1]: unknown guidance source 'nobody'");
    CHECK(g.label({"gmc-conf", "64", "", ""}) ==
          "GMC, Confidentiality: good practice in handling patient information, 2017 (updated "
          "2018), para 64");
}

TEST_CASE("the good fixture passes every rule", "[cases]") {
    const auto ps = problems_of(test::slurp(test::fixtures_dir / "good-case.json"));
    INFO(dump(ps));
    CHECK(ps.empty());
}

TEST_CASE("each kind of bad case is rejected with its field and reason", "[cases]") {
    using rapidjson::Value;
    auto set_string = [](rapidjson::Document& d, Value& obj, const char* key, const char* v) {
        obj[key].SetString(v, d.GetAllocator());
    };

    SECTION("not JSON at all") {
        auto ps = problems_of("{ \"id\": ");
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].field == "(file)");
        CHECK(ps[0].reason.find("not valid JSON") != std::string::npos);
    }
    SECTION("a missing required field") {
        auto ps = problems_of(edited([](auto& d) { d.RemoveMember("title"); }));
        CHECK(has_problem(ps, "title", "is missing"));
    }
    SECTION("a field of the wrong type") {
        auto ps = problems_of(edited([](auto& d) { d["minutes"].SetString("ten"); }));
        CHECK(has_problem(ps, "minutes", "whole number"));
    }
    SECTION("an option without a grade") {
        auto ps = problems_of(
            edited([](auto& d) { d["decisions"][0]["options"][1].RemoveMember("grade"); }));
        CHECK(has_problem(ps, "decisions[0].options[1].grade", "is missing"));
    }
    SECTION("an option without feedback") {
        auto ps = problems_of(edited(
            [&](auto& d) { set_string(d, d["decisions"][0]["options"][2], "feedback", ""); }));
        CHECK(has_problem(ps, "decisions[0].options[2].feedback", "is empty"));
    }
    SECTION("a decision with two best options") {
        auto ps = problems_of(edited(
            [&](auto& d) { set_string(d, d["decisions"][1]["options"][0], "grade", "best"); }));
        CHECK(has_problem(ps, "decisions[1].options", "2 options graded best"));
    }
    SECTION("a decision with no best option") {
        auto ps = problems_of(edited([&](auto& d) {
            set_string(d, d["decisions"][0]["options"][0], "grade", "acceptable");
        }));
        CHECK(has_problem(ps, "decisions[0].options", "0 options graded best"));
    }
    SECTION("too few citations") {
        auto ps = problems_of(edited([](auto& d) {
            d["citations"].PopBack();
            d["citations"].PopBack();
        }));
        CHECK(has_problem(ps, "citations", "has 1 citations"));
    }
    SECTION("a paragraph the sheet does not vouch for") {
        auto ps =
            problems_of(edited([&](auto& d) { set_string(d, d["citations"][0], "para", "65"); }));
        CHECK(has_problem(ps, "citations[0]", "not one the references sheet vouches for"));
    }
    SECTION("a T topic cited with a paragraph number") {
        auto ps = problems_of(edited([&](auto& d) {
            d["citations"][1].RemoveMember("topic");
            d["citations"][1].AddMember("para", "3", d.GetAllocator());
        }));
        CHECK(has_problem(ps, "citations[1]", "cite its topic without a number"));
    }
    SECTION("only one colleague's view") {
        auto ps = problems_of(edited([](auto& d) { d["views"].PopBack(); }));
        CHECK(has_problem(ps, "views", "has 1 colleagues' views"));
    }
    SECTION("no view the guidance does not support") {
        auto ps = problems_of(edited([](auto& d) { d["views"][1]["supported"].SetBool(true); }));
        CHECK(
            has_problem(ps, "views", "at least one must be a view the guidance does not support"));
    }
    SECTION("too few learning points") {
        auto ps = problems_of(edited([](auto& d) { d["learning_points"].PopBack(); }));
        CHECK(has_problem(ps, "learning_points", "has 2 learning points"));
    }
    SECTION("a learning point without a recall prompt") {
        // A plain-string point parses but has no prompt; so does one whose prompt is blank.
        auto ps = problems_of(
            edited([](auto& d) { d["learning_points"][1].SetString("Two.", d.GetAllocator()); }));
        CHECK(has_problem(ps, "learning_points[1].prompt", "is missing or empty"));
        CHECK(ps.size() == 1);
        auto blank = problems_of(
            edited([&](auto& d) { set_string(d, d["learning_points"][2], "prompt", " \t "); }));
        CHECK(has_problem(blank, "learning_points[2].prompt", "is missing or empty"));
        // An object with no prompt at all is refused as the file is read.
        auto none =
            problems_of(edited([](auto& d) { d["learning_points"][0].RemoveMember("prompt"); }));
        CHECK(has_problem(none, "learning_points[0].prompt", "is missing"));
    }
    SECTION("a speaker not in the cast") {
        auto ps = problems_of(
            edited([&](auto& d) { set_string(d, d["dialogue"][1], "speaker", "dad"); }));
        CHECK(has_problem(ps, "dialogue[1].speaker", "'dad' is not in the cast"));
    }
    SECTION("a speaker not in the cast, in a later decision") {
        auto ps = problems_of(edited(
            [&](auto& d) { set_string(d, d["decisions"][1]["dialogue"][0], "speaker", "gran"); }));
        CHECK(has_problem(ps, "decisions[1].dialogue[0].speaker", "not in the cast"));
    }
    SECTION("unfinished text") {
        auto ps = problems_of(edited([](auto& d) {
            d["story"][1].SetString("Background. TODO: finish", d.GetAllocator());
        }));
        CHECK(has_problem(ps, "story[1]", "unfinished text 'TODO'"));
        auto ps2 = problems_of(edited([&](auto& d) {
            set_string(d, d["decisions"][0]["options"][0], "feedback", "Lorem ipsum.");
        }));
        CHECK(has_problem(ps2, "decisions[0].options[0].feedback", "unfinished text"));
        auto ps3 = problems_of(edited([&](auto& d) {
            set_string(d, d["decisions"][0]["options"][0], "text", "A PlaceHolder for now.");
        }));
        CHECK(has_problem(ps3, "decisions[0].options[0].text", "unfinished text 'PlaceHolder'"));
        // A word that only contains one is not one.
        auto ps4 = problems_of(edited([&](auto& d) {
            set_string(d, d["decisions"][0]["options"][0], "text", "Todos los dias, mastodon.");
        }));
        CHECK_FALSE(has_problem(ps4, "decisions[0].options[0].text", "unfinished text"));
    }
    SECTION("a missing checklist key") {
        auto ps = problems_of(edited([](auto& d) { d.RemoveMember("checklist_key"); }));
        CHECK(has_problem(ps, "checklist_key", "is missing"));
    }
    SECTION("a checklist key without a required step, or with an unknown answer") {
        auto ps = problems_of(edited([](auto& d) { d["checklist_key"].PopBack(); }));
        CHECK(has_problem(ps, "checklist_key", "no answer for step 'outcome'"));
        auto ps2 = problems_of(
            edited([&](auto& d) { set_string(d, d["checklist_key"][1], "answer", "maybe"); }));
        CHECK(has_problem(ps2, "checklist_key[1].answer", "'maybe' is not an answer"));
    }
    SECTION("options out of order") {
        auto ps = problems_of(
            edited([&](auto& d) { set_string(d, d["decisions"][0]["options"][1], "key", "C"); }));
        CHECK(has_problem(ps, "decisions[0].options[1].key", "keyed A, B, C, D in order"));
    }
    SECTION("an id that does not match the file name") {
        auto ps = problems_of(edited([&](auto& d) { set_string(d, d, "id", "other-case"); }));
        CHECK(has_problem(ps, "id", "does not match the file name"));
    }
}

// Writes the fixture into `dir` under `name` with its id set to match.
void write_case(const std::filesystem::path& dir, const std::string& name, const std::string& id) {
    test::spit(dir / (name + ".json"),
               edited([&](auto& d) { d["id"].SetString(id.c_str(), d.GetAllocator()); }));
}

TEST_CASE("a folder of cases: good ones load, bad ones are reported by file", "[cases]") {
    test::TempDir dir;
    write_case(dir.path(), "alpha", "alpha");
    write_case(dir.path(), "beta", "beta");
    test::spit(dir / "broken.json", "{ not json");
    Library lib = Library::load_files({dir.path()}, bundled_guidance());
    CHECK(lib.cases().size() == 2);
    REQUIRE(lib.problems().size() == 1);
    CHECK(lib.problems()[0].file == (dir / "broken.json").string());
    CHECK(lib.find("alpha"));
    CHECK_FALSE(lib.find("broken"));
}

TEST_CASE("duplicate ids across files are rejected", "[cases]") {
    test::TempDir a, b;
    write_case(a.path(), "same", "same");
    write_case(b.path(), "same", "same");
    Library lib = Library::load_files({a / "same.json", b / "same.json"}, bundled_guidance());
    CHECK(lib.cases().size() == 1);
    REQUIRE(lib.problems().size() == 1);
    CHECK(lib.problems()[0].field == "id");
    CHECK(lib.problems()[0].reason.find("already used by") != std::string::npos);
}

TEST_CASE("the library filters by profession, topic, status and words, and sorts", "[cases]") {
    test::TempDir dir;
    write_case(dir.path(), "alpha", "alpha");
    write_case(dir.path(), "beta", "beta");
    Library lib = Library::load_files({dir.path()}, bundled_guidance());
    auto count = [&](auto set) {
        CaseFilter f;
        set(f);
        return lib.filter(f, {{"beta", CaseStatus::done}}).size();
    };
    CHECK(count([](CaseFilter& f) { f.profession = "nurse"; }) == 2);
    CHECK(count([](CaseFilter& f) { f.profession = "doctor"; }) == 0);
    CHECK(count([](CaseFilter& f) { f.topic = "consent"; }) == 2);
    CHECK(count([](CaseFilter& f) { f.topic = "fgm"; }) == 0);
    CHECK(count([](CaseFilter& f) { f.jurisdiction = "england"; }) == 2);
    CHECK(count([](CaseFilter& f) { f.setting = "ward"; }) == 0);
    CHECK(count([](CaseFilter& f) { f.text = "PASSES every"; }) == 2);
    CHECK(count([](CaseFilter& f) { f.text = "passes nothing"; }) == 0);
    CHECK(count([](CaseFilter& f) { f.status = CaseStatus::done; }) == 1);
    CHECK(count([](CaseFilter& f) { f.status = CaseStatus::fresh; }) == 1);
    CHECK(lib.professions() == std::vector<std::string>{"nurse"});
    CHECK(lib.jurisdictions() == std::vector<std::string>{"england"});
    CHECK(case_sort_from_string("shortest") == CaseSort::shortest);
    CHECK_FALSE(case_sort_from_string("random"));
}

TEST_CASE("every bundled case passes the validator", "[cases][assets]") {
    Library lib = Library::load(test::assets_dir);
    INFO(dump(lib.problems()));
    CHECK(lib.problems().empty());
    CHECK(lib.cases().size() >= 3);
}

// The rules added after the November 2026 content review: each is tried against a deliberately
// bad fixture in tests/fixtures/bad-cases, loaded through the library as `casebook validate` does.
namespace {

Problems fixture_problems(const std::string& name) {
    const auto path = test::fixtures_dir / "bad-cases" / (name + ".json");
    REQUIRE(std::filesystem::exists(path));
    Library lib = Library::load_files({path}, bundled_guidance());
    CHECK(lib.cases().empty());
    return lib.problems();
}

bool has(const Problems& ps, const std::string& field, const std::string& reason_part) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) {
        return p.field == field && p.reason.find(reason_part) != std::string::npos;
    });
}

} // namespace

TEST_CASE("a citation to a point the corrected sheet withdrew fails", "[cases][review-2026-11]") {
    const auto ps = fixture_problems("cites-withdrawn-point");
    INFO(dump(ps));
    CHECK(has(ps, "citations[0]", "gmc-018"));

    // What the sheet withdrew has left the app's references altogether, so every citation of it
    // is refused, by number or by topic.
    const Guidance g = bundled_guidance();
    for (const auto& p : g.points())
        CHECK(p.status != "withdrawn");
    const std::pair<const char*, const char*> withdrawn[] = {
        {"gmc-018", "60"},
        {"gmc-018", "61"},
        {"gmc-018", "topic:under-13s"},
        {"ni-cosc", "topic:duty-to-report-offences"}};
    for (const auto& [ref, point] : withdrawn) {
        INFO(ref << " " << point);
        const std::string text = point;
        auto found = problems_of(edited([&](auto& d) {
            auto& cite = d["citations"][0];
            cite["ref"].SetString(ref, d.GetAllocator());
            cite.RemoveMember("para");
            cite.RemoveMember("topic");
            if (text.rfind("topic:", 0) == 0)
                cite.AddMember("topic", rapidjson::Value(text.substr(6).c_str(), d.GetAllocator()),
                               d.GetAllocator());
            else
                cite.AddMember("para", rapidjson::Value(text.c_str(), d.GetAllocator()),
                               d.GetAllocator());
        }));
        CHECK(has_problem(found, "citations[0]", ""));
    }
    CHECK_FALSE(g.paragraph("gmc-018", "60"));
    CHECK_FALSE(g.paragraph("gmc-018", "61"));
    CHECK(g.topic("rcgp-sg", "under-13s"));
    CHECK(g.paragraph("cla-ni1967", "s5"));
}

TEST_CASE("a topic-only (T) point shown with a number fails, in citations, prose and the sheet",
          "[cases][review-2026-11]") {
    const auto ps = fixture_problems("t-point-with-number");
    INFO(dump(ps));
    CHECK(has(ps, "citations[2]", "cite its topic without a number"));
    CHECK(has(ps, "decisions[0].options[0].text", "'NMC Code section 17' puts a number on a code"));

    // The other ways a number is put on a code: "standard 5 of the HCPC", "NMC 17.2".
    auto numbered = [](const char* text) {
        return problems_of(
            edited([&](auto& d) { d["what_happened"][0].SetString(text, d.GetAllocator()); }));
    };
    CHECK(has_problem(numbered("She followed standard 5 of the HCPC standards."),
                      "what_happened[0]", "puts a number on a code"));
    CHECK(has_problem(numbered("She followed the NMC Code at 17.2."), "what_happened[0]",
                      "puts a number on a code"));
    // In any case: the quick search that lets the expression run must fold case as it does.
    CHECK(has_problem(numbered("She followed the nmc code, Section 17."), "what_happened[0]",
                      "puts a number on a code"));
    CHECK(has_problem(numbered("Per Standard 5 of the hcpc."), "what_happened[0]",
                      "puts a number on a code"));
    // A year, or a GMC paragraph the sheet does vouch for, is not caught.
    CHECK(numbered("The NMC Code (2018) asks nurses to raise concerns.").empty());
    CHECK(numbered("GMC confidentiality guidance para 64 sets the test.").empty());

    // The references file itself: a T section shows a heading, never a number.
    const auto path = test::fixtures_dir / "bad-references" / "references.json";
    Problems parse_problems;
    const Guidance bad = Guidance::parse(test::slurp(path), path.string(), parse_problems);
    REQUIRE(parse_problems.empty());
    const auto sheet = check_guidance(bad, path.string());
    INFO(dump(sheet));
    CHECK(has(sheet, "points[0].section", "shows a number"));
    CHECK(has(sheet, "points[1].section", "shows a number"));
    CHECK(has(sheet, "points[2].status", "'checked' is not a status the sheet uses"));
    CHECK_FALSE(has(sheet, "points[3].section", "shows a number"));
    CHECK(sheet.size() == 3);
    CHECK(check_guidance(bundled_guidance(), "references.json").empty());
}

TEST_CASE("a case led by anyone but a doctor cites its own profession's code",
          "[cases][review-2026-11]") {
    const auto nurse = fixture_problems("nurse-without-own-code");
    INFO(dump(nurse));
    CHECK(has(nurse, "citations",
              "a case led by a Nurse must cite its own profession's code "
              "(nmc-code)"));
    // The BPS is a membership body: a psychologist's case needs the regulator's standards.
    const auto psych = fixture_problems("psychologist-cites-only-bps");
    INFO(dump(psych));
    CHECK(has(psych, "citations", "(hcpc-scpe)"));

    auto as = [](const char* profession, bool keep_nmc) {
        return problems_of(edited([&](auto& d) {
            d["profession"].SetString(profession, d.GetAllocator());
            if (!keep_nmc) d["citations"].PopBack();
        }));
    };
    CHECK(as("doctor", false).empty());
    CHECK(as("midwife", true).empty());
    CHECK(as("health-visitor", true).empty());
    CHECK(has_problem(as("counsellor", true), "citations", "(bacp-ef)"));
    CHECK(has_problem(as("paramedic", true), "citations", "(hcpc-scpe)"));
    CHECK(has_problem(as("pharmacist", true), "citations", "(gphc-standards)"));
    CHECK(has_problem(as("dentist", true), "citations", "(gdc-standards)"));
    CHECK(has_problem(as("social-worker", true), "profession", "no code for a Social worker"));
    for (const char* p :
         {"nurse", "counsellor", "psychologist", "paramedic", "pharmacist", "dentist"})
        for (const auto& id : own_code_sources(p))
            CHECK(bundled_guidance().source(id));
}

TEST_CASE("a GMC paragraph shown to a non-doctor says it is the GMC's guidance for doctors",
          "[cases][review-2026-11]") {
    const auto ps = fixture_problems("gmc-unframed-for-nurse");
    INFO(dump(ps));
    CHECK(has(ps, "citations[0].applies", "without saying it is the GMC's guidance for doctors"));
    // The same words are fine in a doctor's case.
    auto doctor = problems_of(edited([](auto& d) {
        d["profession"].SetString("doctor");
        d["citations"][0]["applies"].SetString("The public-interest test.");
    }));
    CHECK(doctor.empty());
}

TEST_CASE("the year the guidance was checked is loaded and must be plausible",
          "[cases][review-2026-11]") {
    Problems parse_problems;
    const Case good = parse_case(test::slurp(test::fixtures_dir / "good-case.json"),
                                 "/cases/good-case.json", parse_problems);
    REQUIRE(parse_problems.empty());
    REQUIRE(good.guidance_checked);
    CHECK(*good.guidance_checked == 2026);

    const auto old = fixture_problems("guidance-checked-implausible");
    INFO(dump(old));
    CHECK(has(old, "guidance_checked", "1999 is not a plausible year"));
    const auto words = fixture_problems("guidance-checked-not-a-year");
    INFO(dump(words));
    CHECK(has(words, "guidance_checked", "must be a whole number"));

    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    const int next_year = utc.tm_year + 1900 + 1;
    CHECK(
        has_problem(problems_of(edited([&](auto& d) { d["guidance_checked"].SetInt(next_year); })),
                    "guidance_checked", "not a plausible year"));
    // Optional: a case without it still passes, and its model holds no year.
    const std::string without = edited([](auto& d) { d.RemoveMember("guidance_checked"); });
    CHECK(problems_of(without).empty());
    Problems none;
    CHECK_FALSE(parse_case(without, "/cases/good-case.json", none).guidance_checked);
}

// Issue 15: revision asks each learning point's prompt, so `casebook validate` requires one.
TEST_CASE("a learning point without a recall prompt fails, naming the file and the point",
          "[cases][revision]") {
    const auto ps = fixture_problems("learning-point-without-prompt");
    INFO(dump(ps));
    CHECK(has(ps, "learning_points[0].prompt", "is missing or empty"));
    CHECK(has(ps, "learning_points[1].prompt", "is missing or empty"));
    CHECK_FALSE(has(ps, "learning_points[2].prompt", ""));
    CHECK(ps.size() == 2);
    for (const auto& p : ps)
        CHECK(std::filesystem::path(p.file).filename() == "learning-point-without-prompt.json");
}

TEST_CASE("a case key gives only answers its nation has", "[cases][review-2026-11]") {
    auto keyed = [](const char* nation, const char* duty, bool both_welsh_duties) {
        return problems_of(edited([&](auto& d) {
            d["jurisdiction"].SetString(nation, d.GetAllocator());
            auto& answer = d["checklist_key"][3]["answer"];
            if (both_welsh_duties) {
                answer.SetArray();
                answer.PushBack("fgm-report", d.GetAllocator());
                answer.PushBack("wales-relevant-partner", d.GetAllocator());
            } else {
                answer.SetString(duty, d.GetAllocator());
            }
        }));
    };
    CHECK(has_problem(keyed("scotland", "fgm-report", false), "checklist_key[3].answer",
                      "'fgm-report' is not an answer in Scotland"));
    CHECK(has_problem(keyed("england", "ni-report-offence", false), "checklist_key[3].answer",
                      "not an answer in England"));
    CHECK(keyed("scotland", "asp-report", false).empty());
    CHECK(keyed("uk", "fgm-report", false).empty());
    // Several duties at once, as the checklist now allows.
    CHECK(keyed("wales", "", true).empty());
}

// An assets folder of its own: the bundled references and the good case, to edit freely.
struct OneCaseAssets {
    test::TempDir dir;
    OneCaseAssets() {
        std::filesystem::create_directories(dir / "guidance");
        std::filesystem::create_directories(dir / "cases");
        std::filesystem::copy_file(test::assets_dir / "guidance" / "references.json",
                                   dir / "guidance" / "references.json");
        std::filesystem::copy_file(test::fixtures_dir / "good-case.json",
                                   dir / "cases" / "good-case.json");
    }
    const std::filesystem::path& path() const { return dir.path(); }
    std::filesystem::path operator/(const std::string& name) const { return dir / name; }
};

// Issue 14: the full case checks run once per set of files and build, not at every start. What
// makes that safe: any change to a file (or to the build) changes the fingerprint, so the full
// checks run again.
TEST_CASE("case checks are skipped only for the very files that passed them", "[library][speed]") {
    const OneCaseAssets assets;
    const Library good = Library::load(assets.path());
    REQUIRE(good.problems().empty());
    REQUIRE(good.cases().size() == 1);
    CHECK(good.fingerprint().size() == 64);
    CHECK(Library::load(assets.path(), good.fingerprint()).cases().size() == 1);

    // A case that parses but fails the full checks (a T point cited with a number).
    std::filesystem::copy_file(test::fixtures_dir / "bad-cases" / "t-point-with-number.json",
                               assets / "cases" / "t-point-with-number.json");
    const Library checked = Library::load(assets.path(), good.fingerprint());
    CHECK(checked.fingerprint() != good.fingerprint());
    CHECK_FALSE(checked.problems().empty());
    // Editing a file that passed also brings the checks back.
    test::spit(assets / "cases" / "t-point-with-number.json",
               test::slurp(assets / "cases" / "t-point-with-number.json") + "\n");
    CHECK_FALSE(Library::load(assets.path(), checked.fingerprint()).problems().empty());
}

// The library kept in a file between starts (library_cache.cpp) must be the library parsed, to
// the last field of the last case, and must never stand in for files that changed, for a damaged
// file, or for a library with problems.
TEST_CASE("a library read back from its cache is the library parsed from the files",
          "[library][speed]") {
    test::TempDir dir;
    const auto cache = dir / "cache" / "library.bin";
    const Library parsed = Library::load(test::assets_dir, "", cache);
    REQUIRE(parsed.problems().empty());
    CHECK_FALSE(parsed.from_cache());
    REQUIRE(std::filesystem::exists(cache));
    // Without the checked fingerprint (as `casebook validate` loads), the files are parsed.
    CHECK_FALSE(Library::load(test::assets_dir, "", cache).from_cache());

    const Library kept = Library::load(test::assets_dir, parsed.fingerprint(), cache);
    REQUIRE(kept.from_cache());
    CHECK(kept.problems().empty());
    CHECK(kept.fingerprint() == parsed.fingerprint());
    REQUIRE(kept.cases().size() == parsed.cases().size());
    for (std::size_t i = 0; i < kept.cases().size(); ++i) {
        INFO("case " << parsed.cases()[i].id);
        CHECK(kept.cases()[i] == parsed.cases()[i]);
    }
    CHECK(kept.guidance().sources() == parsed.guidance().sources());
    CHECK(kept.guidance().points() == parsed.guidance().points());
    // The kept guidance answers as the parsed one does.
    const Citation& cited = parsed.cases().front().citations.front();
    CHECK(kept.guidance().label(cited) == parsed.guidance().label(cited));
    // Every field the cases use is filled somewhere, so one left out of the cache would show.
    bool decisions = false, views = false, keys = false, checked_year = false, clinician = false;
    for (const Case& c : parsed.cases()) {
        decisions |= !c.decisions.empty() && !c.decisions.front().options.empty();
        views |= !c.views.empty();
        keys |= !c.checklist_key.empty();
        checked_year |= c.guidance_checked.has_value();
        for (const CastMember& m : c.cast)
            clinician |= m.clinician;
    }
    CHECK((decisions && views && keys && checked_year && clinician));
}

TEST_CASE("a library cache is not read for other files, damaged, or with problems",
          "[library][speed]") {
    const OneCaseAssets assets;
    test::TempDir dir;
    const auto cache = dir / "library.bin";
    const Library first = Library::load(assets.path(), "", cache);
    REQUIRE(first.problems().empty());
    const std::string good = test::slurp(cache);
    REQUIRE(Library::load(assets.path(), first.fingerprint(), cache).from_cache());

    SECTION("a case file edited since") {
        const std::string edited = test::slurp(assets / "cases" / "good-case.json") + "\n";
        test::spit(assets / "cases" / "good-case.json", edited);
        const Library again = Library::load(assets.path(), first.fingerprint(), cache);
        CHECK_FALSE(again.from_cache());
        CHECK(again.fingerprint() != first.fingerprint());
        // Nor with the new fingerprint as checked: the kept library is of the old files.
        CHECK_FALSE(
            Library::load(assets.path(), again.fingerprint(), dir / "other.bin").from_cache());
    }
    SECTION("a byte changed") {
        std::string damaged = good;
        damaged[damaged.size() / 2] ^= 0x20;
        test::spit(cache, damaged);
        const Library again = Library::load(assets.path(), first.fingerprint(), cache);
        CHECK_FALSE(again.from_cache());
        CHECK(again.cases() == first.cases());
    }
    SECTION("cut short, or empty") {
        for (const std::size_t keep : {good.size() - 10, std::size_t{12}, std::size_t{0}}) {
            test::spit(cache, good.substr(0, keep));
            const Library again = Library::load(assets.path(), first.fingerprint(), cache);
            CHECK_FALSE(again.from_cache());
            CHECK(again.cases() == first.cases());
        }
    }
    SECTION("a library with problems is not kept") {
        std::filesystem::copy_file(test::fixtures_dir / "bad-cases" / "t-point-with-number.json",
                                   assets / "cases" / "t-point-with-number.json");
        std::filesystem::remove(cache);
        const Library bad = Library::load(assets.path(), "", cache);
        CHECK_FALSE(bad.problems().empty());
        CHECK_FALSE(std::filesystem::exists(cache));
    }
}

// An asset that cannot be read is a problem of what loads it, named by file with read_file's own
// reason, whichever AssetSource read it.
TEST_CASE("assets that cannot be read are problems with the file's name and reason", "[library]") {
    test::TempDir assets;
    std::filesystem::create_directories(assets / "cases" / "folder.json"); // listed, unreadable
    auto reason = [](const std::filesystem::path& path) {
        try {
            read_file(path);
        } catch (const FileError& e) {
            return e.reason();
        }
        return std::string("(read)");
    };
    const Library lib = Library::load(assets.path());
    const auto& ps = lib.problems();
    const auto refs = assets / "guidance" / "references.json";
    const auto folder = assets / "cases" / "folder.json";
    CHECK(std::count(ps.begin(), ps.end(), Problem{refs.string(), "(file)", reason(refs)}) == 1);
    CHECK(std::count(ps.begin(), ps.end(), Problem{folder.string(), "(file)", reason(folder)}) ==
          1);
    Problems checklist_problems;
    Checklist::load(FolderAssets(assets.path()), lib.guidance(), checklist_problems);
    const auto definition = assets / "checklist" / "checklist.json";
    REQUIRE(checklist_problems.size() == 1);
    CHECK(checklist_problems[0].to_string() ==
          definition.string() + ": (file): " + reason(definition));
}
