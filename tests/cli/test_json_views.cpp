// The --json views (app/cli/json_views) called directly: what the commands print, without a
// process per check.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "json_views.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

using namespace casebook;

namespace {

const Library& library() {
    static const Library lib = Library::load(test::assets_dir);
    return lib;
}

const Checklist& checklist() {
    static const Checklist c = [] {
        Problems problems;
        Checklist loaded =
            Checklist::load(FolderAssets(test::assets_dir), library().guidance(), problems);
        REQUIRE(problems.empty());
        return loaded;
    }();
    return c;
}

rapidjson::Document parsed(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    INFO(text);
    REQUIRE_FALSE(d.HasParseError());
    return d;
}

} // namespace

TEST_CASE("steps and evaluations as JSON", "[cli][json]") {
    const auto doc = parsed(cli::json::checklist_steps(checklist().definition(), "northern-ireland",
                                                       library().guidance()));
    CHECK(std::string(doc["jurisdiction"].GetString()) == "northern-ireland");
    CHECK(doc["steps"].Size() == checklist().definition().steps("northern-ireland").size());
    CHECK(doc["outcomes"].Size() == 5);
    const auto& first = doc["steps"][0];
    CHECK(std::string(first["id"].GetString()) == "at_risk");
    CHECK(std::string(first["type"].GetString()) == "multiple");
    CHECK(std::string(first["citations"][0]["label"].GetString()).find("GMC") == 0);

    const auto file =
        test::source_dir / "tests/checklist/corpus/england-15-immediate-danger-child.answers.json";
    Problems problems;
    const Answers answers = checklist().parse_answers(test::slurp(file), file.string(), problems,
                                                      AnswersCheck::complete, "", "");
    REQUIRE(problems.empty());
    const Evaluation e = checklist().evaluate(answers);
    const auto ev =
        parsed(cli::json::evaluation(e, checklist().definition(), checklist().guidance()));
    CHECK(std::string(ev["outcome"].GetString()) == to_string(e.outcome));
    CHECK(std::string(ev["outcome_label"].GetString()) ==
          checklist().definition().outcome(e.outcome).label);
    CHECK(ev["complete"].GetBool() == e.complete);
    CHECK(ev["reasons"].Size() == e.reasons.size());
    CHECK(ev["open_required_steps"].Size() == 0);
}

TEST_CASE("M5: JSON output replaces bytes that are not UTF-8, keeps the rest exactly",
          "[cli][json][issue12]") {
    SyncReport r;
    r.notes = {"caf\xe9",
               "\xff\xfe",
               "Zo\xc3\xab \xe2\x80\x94 \xf0\x9f\x98\x80",
               std::string("a\0b", 3),
               "\xed\xa0\x80", // a UTF-16 surrogate written as UTF-8
               "\xc0\xaf"};    // an overlong '/'
    const std::string out = cli::json::sync_report(r);
    CHECK(out.find("\"notes\":[\"caf\xef\xbf\xbd\",\"\xef\xbf\xbd\xef\xbf\xbd\","
                   "\"Zo\xc3\xab \xe2\x80\x94 \xf0\x9f\x98\x80\",\"a\\u0000b\","
                   "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\",\"\xef\xbf\xbd\xef\xbf\xbd\"]") !=
          std::string::npos);
    parsed(out);
}

TEST_CASE("fractions keep four decimal places, as scripts have read them", "[cli][json]") {
    fsrs::Parameters p;
    p.target_retention = 0.9;
    p.maximum_interval_days = 365;
    CHECK(cli::json::revise_settings(p) == R"({"retention":0.9000,"maximum_interval_days":365})");
}
