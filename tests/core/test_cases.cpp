// The case loader and the validator: the good fixture passes, and each kind of bad file is
// rejected with its file, field and reason while the other cases still load.
#include "casebook/files.hpp"
#include "casebook/library.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
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
    CHECK(g.check({"gmc-dvla", "12", "", ""}).find("cite its topic") != std::string::npos);
    CHECK(g.check({"nobody", "1", "", ""}).find("unknown guidance source") != std::string::npos);
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
        auto ps = problems_of(edited([](auto& d) { d["citations"].PopBack(); }));
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
