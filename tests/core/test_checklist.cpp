// The disclosure checklist: the bundled definition checks out against the references, each kind
// of broken definition or answers file is reported with its field, the engine gives every
// outcome in every jurisdiction with its reasons and warnings, decision records match their
// golden files, and answers compare with a real case's checklist key.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "checklist/engine.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <functional>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

using namespace casebook;

namespace {

const Library& library() {
    static const Library lib = Library::load(test::assets_dir);
    return lib;
}

const std::filesystem::path checklist_path = test::assets_dir / "checklist" / "checklist.json";

const Checklist& checklist() {
    static const Checklist c = [] {
        Problems problems;
        Checklist loaded =
            Checklist::load(FolderAssets(test::assets_dir), library().guidance(), problems);
        for (const auto& p : problems)
            UNSCOPED_INFO(p.to_string());
        REQUIRE(problems.empty());
        return loaded;
    }();
    return c;
}

const ChecklistDefinition& definition() {
    return checklist().definition();
}

std::string dump(const Problems& ps) {
    std::string out;
    for (const auto& p : ps)
        out += p.to_string() + "\n";
    return out;
}

bool has_problem(const Problems& ps, const std::string& field, const std::string& reason_part) {
    return std::any_of(ps.begin(), ps.end(), [&](auto& p) {
        return p.field == field && p.reason.find(reason_part) != std::string::npos;
    });
}

// The bundled definition after `edit`, parsed against the bundled guidance.
Problems definition_problems(const std::function<void(rapidjson::Document&)>& edit) {
    rapidjson::Document doc;
    doc.Parse(test::slurp(checklist_path).c_str());
    REQUIRE_FALSE(doc.HasParseError());
    edit(doc);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    Problems problems;
    ChecklistDefinition::parse(buffer.GetString(), "/checklist.json", library().guidance(),
                               problems);
    return problems;
}

rapidjson::Value& step_json(rapidjson::Document& d, const char* id) {
    for (auto& s : d["steps"].GetArray())
        if (std::string(s["id"].GetString()) == id) return s;
    FAIL("no step " << id);
    return d;
}

// A realistic England concern: a health visitor finds two young children neglected; the mother
// refuses a referral, telling her is safe, advice was taken, and the concern is shared now.
Answers england_neglect() {
    Answers a;
    a.jurisdiction = "england";
    a.profession = "health-visitor";
    a.set("at_risk", std::vector<std::string>{"child"});
    a.set("immediate_danger", "no");
    a.set("concern", std::vector<std::string>{"neglect", "emotional-abuse"});
    a.set("threshold", "reasonable-concern");
    a.set("legal_duty", "none");
    a.set("consent", "not-needed");
    a.set("public_interest", "outweighs");
    a.set("public_interest_factors",
          std::vector<std::string>{"harm-to-patient", "harm-to-trust", "harm-to-others", "benefits",
                                   "nature-and-views", "less-intrusive"});
    a.set("share_with", std::vector<std::string>{"childrens-services", "safeguarding-lead"});
    a.set("minimum_shared",
          "The children's names and dates of birth, the mother's name and address, what I saw "
          "at the visit, and that the family is known to the health visiting team.");
    a.set("advice", std::vector<std::string>{"safeguarding-lead"});
    a.set("advice_notes",
          "Spoke to Sam Okafor, trust safeguarding lead, at 11:40. Agreed this meets the "
          "threshold for a referral today.");
    a.set("tell_person", "yes");
    a.set("how_shared", std::vector<std::string>{"phone-now", "writing-same-day"});
    a.set("record_concerns",
          "Home visit: Leo (2) and Maya (4) in soiled clothes, no food in the fridge, a heater "
          "left on beside the cot. Maya said she was \"hungry since yesterday\".\nMother "
          "tearful, says she is not coping since her partner left.");
    a.set("record_discussions",
          "Discussed with the mother, who asked me not to involve social services. Explained my "
          "duty and what I would share. Discussed with the safeguarding lead.");
    a.set("record_reasons",
          "Reasonable concern of neglect of two young children. The children's safety outweighs "
          "the mother's wish for privacy; referral made with her knowledge.");
    a.set("follow_up_what", "Confirm the referral was received and joint visit arranged.");
    a.set("follow_up_who", "Health visitor (me)");
    a.set("follow_up_when", "By 17:00 tomorrow");
    return a;
}

bool has_citation(const std::vector<Citation>& cs, const std::string& ref,
                  const std::string& para_or_topic = {}) {
    return std::any_of(cs.begin(), cs.end(), [&](auto& c) {
        return c.ref == ref &&
               (para_or_topic.empty() || c.para == para_or_topic || c.topic == para_or_topic);
    });
}

bool reason_cites(const Evaluation& e, const std::string& ref, const std::string& point = {}) {
    return std::any_of(e.reasons.begin(), e.reasons.end(),
                       [&](auto& r) { return has_citation(r.citations, ref, point); });
}

bool warns(const Evaluation& e, const std::string& id) {
    return std::any_of(e.warnings.begin(), e.warnings.end(), [&](auto& w) { return w.id == id; });
}

std::vector<std::string> option_ids(const std::string& step, const std::string& jurisdiction) {
    std::vector<std::string> out;
    const auto s = definition().step(step, jurisdiction);
    for (const auto& o : s->options)
        out.push_back(o.id);
    return out;
}

Problems answer_problems(const std::string& json, const std::string& jurisdiction = {}) {
    Problems problems;
    parse_answers(json, "/answers.json", definition(), problems, AnswersCheck::complete,
                  jurisdiction);
    return problems;
}

// Compares with a golden file; CASEBOOK_UPDATE_GOLDEN=1 writes it instead.
void golden(const std::string& name, const std::string& actual) {
    const auto path = test::fixtures_dir / "checklist" / name;
    if (std::getenv("CASEBOOK_UPDATE_GOLDEN")) {
        std::filesystem::create_directories(path.parent_path());
        test::spit(path, actual);
    }
    INFO("golden file " << path.string());
    CHECK(test::slurp(path) == actual);
}

} // namespace

TEST_CASE("the bundled checklist validates against the bundled references", "[checklist]") {
    const auto& d = definition();
    REQUIRE(d.steps().size() >= 15);
    for (const auto* id : {"at_risk", "immediate_danger", "concern", "legal_duty", "consent",
                           "share_with", "tell_person"})
        CHECK(d.step(id));
    CHECK_FALSE(d.step("outcome"));
    // Every citation, in every jurisdiction, resolves to a point the sheet vouches for.
    Problems problems;
    for (const auto& j : checklist_jurisdictions())
        for (const auto& s : d.steps(j)) {
            CHECK_FALSE(s.citations.empty());
            for (const auto& c : s.citations)
                CHECK(library().guidance().check(c, "checklist.json", s.id, problems));
            for (const auto& o : s.options)
                for (const auto& c : o.citations)
                    CHECK(library().guidance().check(c, "checklist.json", o.id, problems));
        }
    CHECK(problems.empty());
    for (Outcome o : all_outcomes()) {
        CHECK_FALSE(d.outcome(o).label.empty());
        CHECK(d.outcome(o).label != to_string(o));
    }
}

TEST_CASE("every answer in the bundled cases' checklist keys is a checklist option",
          "[checklist]") {
    REQUIRE(library().cases().size() >= 10);
    for (const auto& c : library().cases()) {
        const std::string j =
            is_checklist_jurisdiction(c.jurisdiction) ? c.jurisdiction : "england";
        for (const auto& k : c.checklist_key) {
            if (k.step == "outcome") {
                for (const auto& a : k.answer)
                    CHECK(outcome_from_string(a));
                continue;
            }
            const auto s = definition().step(k.step, j);
            INFO(c.id << ": " << k.step);
            REQUIRE(s);
            for (const auto& a : k.answer) {
                INFO(a);
                CHECK(s->option(a));
            }
        }
    }
}

TEST_CASE("each kind of broken definition is reported with its field and reason", "[checklist]") {
    SECTION("not JSON") {
        Problems ps;
        ChecklistDefinition::parse("{ \"steps\": ", "/checklist.json", library().guidance(), ps);
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].reason.find("not valid JSON") != std::string::npos);
    }
    SECTION("a T point cited with a number") {
        auto ps = definition_problems([](auto& d) {
            auto& c = step_json(d, "concern")["options"][9]["citations"][0];
            c.RemoveMember("topic");
            c.AddMember("para", "12", d.GetAllocator());
        });
        CHECK(has_problem(ps, "steps[2].options[9].citations[0]", "cite its topic"));
    }
    SECTION("an English statute cited for every jurisdiction") {
        auto ps = definition_problems([](auto& d) {
            rapidjson::Value c(rapidjson::kObjectType);
            c.AddMember("ref", "fgm2003", d.GetAllocator());
            c.AddMember("para", "s5B", d.GetAllocator());
            step_json(d, "concern")["citations"].PushBack(c, d.GetAllocator());
        });
        CHECK(has_problem(ps, "steps[2].citations[2]", "applies only in england and wales"));
    }
    SECTION("a Scottish variant citing an English statute") {
        auto ps = definition_problems([](auto& d) {
            rapidjson::Value c(rapidjson::kObjectType);
            c.AddMember("ref", "ca2004", d.GetAllocator());
            c.AddMember("para", "s11", d.GetAllocator());
            step_json(d, "legal_duty")["variants"]["scotland"]["citations"].PushBack(
                c, d.GetAllocator());
        });
        CHECK(has_problem(ps, "steps[4].variants.scotland.citations[1]",
                          "applies only in england and wales"));
    }
    SECTION("a condition on a later step, or on an answer the step does not have") {
        auto ps = definition_problems([](auto& d) {
            step_json(d, "threshold")["when"]["step"].SetString("share_with");
            step_json(d, "tell_reasons")["when"]["is"][0].SetString("maybe");
        });
        CHECK(has_problem(ps, "steps[3].when.step", "not an earlier step"));
        CHECK(has_problem(ps, "steps[15].when.is", "'maybe' is not an answer"));
    }
    SECTION("an unknown field, a bad type, a missing required flag") {
        auto ps = definition_problems([](auto& d) {
            auto& s = step_json(d, "concern");
            s.AddMember("requried", true, d.GetAllocator());
            s["type"].SetString("pick-one");
            step_json(d, "threshold").RemoveMember("required");
        });
        CHECK(has_problem(ps, "steps[2].requried", "not a known field"));
        CHECK(has_problem(ps, "steps[2].type", "'pick-one' is not one of"));
        CHECK(has_problem(ps, "steps[3].required", "is missing"));
    }
    SECTION("a checklist_key step missing or of the wrong kind") {
        auto ps = definition_problems([](auto& d) {
            step_json(d, "tell_person")["id"].SetString("tell_them");
            step_json(d, "at_risk")["type"].SetString("single");
        });
        CHECK(has_problem(ps, "steps", "has no step 'tell_person'"));
        CHECK(has_problem(ps, "steps[0].type", "must be multiple"));
    }
    SECTION("an outcome asked as a step, and duplicate step ids") {
        auto ps = definition_problems([](auto& d) {
            step_json(d, "follow_up_when")["id"].SetString("outcome");
            step_json(d, "follow_up_who")["id"].SetString("follow_up_what");
        });
        CHECK(has_problem(ps, "steps[22].id", "derived by the engine"));
        CHECK(has_problem(ps, "steps[21].id", "'follow_up_what' is used twice"));
    }
    SECTION("a missing outcome and a warning without its text") {
        auto ps = definition_problems([](auto& d) {
            d["outcomes"].Erase(d["outcomes"].Begin());
            d["warnings"].Erase(d["warnings"].Begin());
        });
        CHECK(has_problem(ps, "outcomes", "has no 'call-emergency'"));
        CHECK(has_problem(ps, "warnings", "'child-not-shared-without-advice'"));
    }
    SECTION("a yes/no step with other answers, an exclusive single choice") {
        auto ps = definition_problems([](auto& d) {
            step_json(d, "immediate_danger")["options"][1]["id"].SetString("maybe");
            step_json(d, "threshold")["options"][0].AddMember("exclusive", true, d.GetAllocator());
        });
        CHECK(has_problem(ps, "steps[1].options", "\"yes\" then \"no\""));
        CHECK(has_problem(ps, "steps[3].options[0].exclusive", "only a multiple-choice"));
    }
}

TEST_CASE("the emergency question comes first and ends the decision at once", "[checklist]") {
    Answers a;
    a.jurisdiction = "england";
    a.set("at_risk", std::vector<std::string>{"child"});
    a.set("immediate_danger", "yes");
    const Evaluation e = evaluate(definition(), a);
    CHECK(e.outcome == Outcome::call_emergency);
    CHECK(e.emergency);
    CHECK_FALSE(e.complete);
    // The deciding steps drop out; what is left is what to record afterwards.
    const auto ids = applicable_steps(definition(), a);
    CHECK(std::find(ids.begin(), ids.end(), "threshold") == ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "public_interest") == ids.end());
    for (const auto& s : e.steps) {
        INFO(s.id);
        CHECK(s.afterwards == (s.id != "at_risk" && s.id != "immediate_danger"));
    }
    CHECK(e.open_required_steps.front() == "concern");
    REQUIRE_FALSE(e.reasons.empty());
    CHECK(e.reasons[0].step == "outcome");
    CHECK(e.reasons[0].text.find("999") != std::string::npos);
    CHECK(reason_cites(e, "gmc-conf", "64"));
    // A later answer cannot take the emergency away.
    a.set("share_with", std::vector<std::string>{"nobody"});
    CHECK(evaluate(definition(), a).outcome == Outcome::call_emergency);
}

TEST_CASE("the engine gives each of the five outcomes", "[checklist]") {
    const Answers base = england_neglect();

    SECTION("share now") {
        const Evaluation e = evaluate(definition(), base);
        INFO(e.open_required_steps.size());
        CHECK(e.complete);
        CHECK(e.open_required_steps.empty());
        CHECK(e.outcome == Outcome::share_now);
        CHECK(e.warnings.empty());
        CHECK(reason_cites(e, "gmc-pcyp", "32"));
        CHECK(reason_cites(e, "gmc-conf", "64"));
    }
    SECTION("share with consent: only when consent is given or not yet sought") {
        Answers a = base;
        a.set("consent", "given");
        Evaluation e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::share_after_seeking_consent);
        CHECK(e.complete);
        // The public-interest weighing no longer applies, and its answers are set aside.
        CHECK(e.ignored_steps ==
              std::vector<std::string>{"public_interest", "public_interest_factors"});
        a.set("consent", "not-asked-yet");
        CHECK(evaluate(definition(), a).outcome == Outcome::share_after_seeking_consent);
        // After a refusal, with the weighing for sharing, it is shared now (telling her), never
        // "after seeking consent": consent has been sought. The same as "not needed".
        a.set("consent", "refused");
        a.set("consent_reasons", "She fears the children will be taken away.");
        e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::share_now);
        CHECK(e.complete);
        CHECK(e.outcome == evaluate(definition(), base).outcome);
    }
    SECTION("after a refusal, a threat to others is shared now") {
        Answers a = base;
        a.set("at_risk", std::vector<std::string>{"others"});
        a.set("concern", std::vector<std::string>{"threat-to-others"});
        a.set("consent", "refused");
        a.set("consent_reasons", "He will not agree.");
        a.set("share_with", std::vector<std::string>{"police"});
        CHECK(evaluate(definition(), a).outcome == Outcome::share_now);
    }
    SECTION("seek advice when the concern or the weighing is unclear") {
        Answers a = base;
        a.set("threshold", "not-sure");
        Evaluation e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::seek_advice);
        CHECK(e.complete);
        CHECK(reason_cites(e, "gmc-conf", "caldicott-advice"));
        CHECK(reason_cites(e, "nspcc", "helpline")); // a child is concerned
        a = base;
        a.set("public_interest", "not-sure");
        e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::seek_advice);
        // Nothing answered yet: the provisional outcome is to seek advice.
        Answers none;
        none.jurisdiction = "england";
        e = evaluate(definition(), none);
        CHECK(e.outcome == Outcome::seek_advice);
        CHECK_FALSE(e.complete);
        CHECK(e.open_required_steps.front() == "at_risk");
        CHECK(e.warnings.empty());
    }
    SECTION("do not share, record and review") {
        Answers a = base;
        a.set("share_with", std::vector<std::string>{"nobody"});
        Evaluation e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::do_not_share_record_review);
        CHECK(e.complete); // minimum_shared and how_shared no longer apply
        CHECK_FALSE(warns(e, "child-not-shared-without-advice")); // advice was taken
        // Deciding not to share a concern about a child without advice: gmc-pcyp 52-55.
        a.set("advice", std::vector<std::string>{"none"});
        e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::do_not_share_record_review);
        REQUIRE(warns(e, "child-not-shared-without-advice"));
        const auto& w = *std::find_if(e.warnings.begin(), e.warnings.end(), [](auto& x) {
            return x.id == "child-not-shared-without-advice";
        });
        CHECK(has_citation(w.citations, "gmc-pcyp", "52-55"));
        a = base;
        a.set("public_interest", "does-not-outweigh");
        e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::do_not_share_record_review);
        CHECK(warns(e, "sharing-against-weighing"));
        a = base;
        a.set("threshold", "no-concern");
        e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::do_not_share_record_review);
        CHECK(warns(e, "sharing-without-concern"));
    }
}

TEST_CASE("England: the FGM duty, and English guidance behind the steps", "[checklist]") {
    CHECK(option_ids("legal_duty", "england") == std::vector<std::string>{"none", "fgm-report",
                                                                          "court-order-or-statute",
                                                                          "request-no-order"});
    Answers a = england_neglect();
    a.set("concern", std::vector<std::string>{"fgm"});
    Evaluation e = evaluate(definition(), a);
    CHECK(warns(e, "fgm-duty-check"));
    a.set("legal_duty", "fgm-report");
    a.set("share_with", std::vector<std::string>{"police", "safeguarding-lead"});
    e = evaluate(definition(), a);
    CHECK(e.outcome == Outcome::share_now);
    CHECK(e.complete); // no public-interest weighing under a legal duty
    CHECK_FALSE(warns(e, "fgm-duty-check"));
    CHECK(reason_cites(e, "fgm2003", "s5B"));
    CHECK(has_citation(definition().step("consent", "england")->citations, "hmg-infoshare-2024"));
    // The Children Act 2004 s11 is a duty on organisations, never an answer to this question.
    CHECK_FALSE(has_citation(definition().step("legal_duty", "england")->citations, "ca2004"));
}

TEST_CASE("Wales: the relevant-partner duty", "[checklist]") {
    CHECK(option_ids("legal_duty", "wales") ==
          std::vector<std::string>{"none", "fgm-report", "wales-relevant-partner",
                                   "wales-adult-at-risk", "court-order-or-statute",
                                   "request-no-order"});
    Answers a = england_neglect();
    a.jurisdiction = "wales";
    a.set("share_with", std::vector<std::string>{"safeguarding-lead"});
    Evaluation e = evaluate(definition(), a);
    CHECK(e.outcome == Outcome::share_now);
    CHECK(warns(e, "wales-relevant-partner-check"));
    a.set("legal_duty", "wales-relevant-partner");
    a.set("share_with", std::vector<std::string>{"childrens-services", "safeguarding-lead"});
    e = evaluate(definition(), a);
    CHECK(e.outcome == Outcome::share_now);
    CHECK(e.complete);
    CHECK(reason_cites(e, "sswwa2014", "s130"));
    CHECK_FALSE(warns(e, "wales-relevant-partner-check"));
    // The same answers in England: the Welsh duty is not an answer there.
    const auto ps = answer_problems(answers_to_json(a, definition()), "england");
    CHECK(has_problem(ps, "answers.legal_duty", "'wales-relevant-partner' is not an answer"));
}

TEST_CASE("Scotland: its own framework and never English statute", "[checklist]") {
    CHECK(option_ids("legal_duty", "scotland") == std::vector<std::string>{"none", "asp-report",
                                                                           "court-order-or-statute",
                                                                           "request-no-order"});
    const std::vector<std::string> english_or_welsh{
        "ca2004",  "fgm2003", "sswwa2014", "wt2023", "hmg-infoshare-2018", "hmg-infoshare-2024",
        "mca2005", "care2014"};
    for (const auto& s : definition().steps("scotland")) {
        INFO(s.id);
        for (const auto& ref : english_or_welsh) {
            CHECK_FALSE(has_citation(s.citations, ref));
            for (const auto& o : s.options)
                CHECK_FALSE(has_citation(o.citations, ref));
        }
    }
    CHECK(has_citation(definition().step("legal_duty", "scotland")->citations, "asp2007"));
    CHECK(definition().step("share_with", "scotland")->option("childrens-services")->label ==
          "Social work services for children (the local authority)");

    Answers a = england_neglect();
    a.jurisdiction = "scotland";
    a.set("concern", std::vector<std::string>{"fgm"});
    Evaluation e = evaluate(definition(), a);
    CHECK(e.outcome == Outcome::share_now);
    CHECK_FALSE(warns(e, "fgm-duty-check")); // no s5B duty in Scotland
    for (const auto& r : e.reasons)
        for (const auto& ref : english_or_welsh)
            CHECK_FALSE(has_citation(r.citations, ref));
    // The Scottish GP case: consent sought and given.
    a = england_neglect();
    a.jurisdiction = "scotland";
    a.set("consent", "given");
    a.set("tell_person", "already-agreed");
    e = evaluate(definition(), a);
    CHECK(e.outcome == Outcome::share_after_seeking_consent);
    CHECK(e.complete);
    const auto ps =
        answer_problems(R"({"jurisdiction":"scotland","answers":{"legal_duty":["fgm-report"]}})");
    CHECK(has_problem(ps, "answers.legal_duty",
                      "'fgm-report' is not an answer to step 'legal_duty' in Scotland"));
}

TEST_CASE("Northern Ireland: the duty to report offences", "[checklist]") {
    CHECK(option_ids("legal_duty", "northern-ireland") ==
          std::vector<std::string>{"none", "ni-report-offence", "court-order-or-statute",
                                   "request-no-order"});
    CHECK(definition().step("share_with", "northern-ireland")->option("dvla-dva")->label ==
          "The DVA");
    CHECK(definition().step("share_with", "england")->option("dvla-dva")->label == "The DVLA");
    Answers a = england_neglect();
    a.jurisdiction = "northern-ireland";
    a.set("concern", std::vector<std::string>{"sexual-abuse", "serious-crime"});
    a.set("consent", "refused");
    a.set("consent_reasons", "The young person asked me to tell no one.");
    Evaluation e = evaluate(definition(), a);
    CHECK(warns(e, "ni-offence-check"));
    a.set("legal_duty", "ni-report-offence");
    a.set("share_with", std::vector<std::string>{"childrens-services", "police"});
    e = evaluate(definition(), a);
    CHECK(e.outcome == Outcome::share_now);
    CHECK(e.complete);
    CHECK(reason_cites(e, "cla-ni1967", "s5"));
    CHECK_FALSE(warns(e, "ni-offence-check"));
    // The NI warning is never raised elsewhere.
    a.set("legal_duty", "none");
    a.set("share_with", std::vector<std::string>{"childrens-services"});
    a.jurisdiction = "england";
    CHECK_FALSE(warns(evaluate(definition(), a), "ni-offence-check"));
}

TEST_CASE("warnings where the answers go against the guidance", "[checklist]") {
    const Answers base = england_neglect();
    CHECK(evaluate(definition(), base).warnings.empty());

    SECTION("sharing without telling the person when telling is safe") {
        Answers a = base;
        a.set("tell_person", "no-other");
        a.set("tell_reasons", "Did not get round to it.");
        CHECK(warns(evaluate(definition(), a), "not-told-when-safe"));
        a.set("tell_person", "no-unsafe");
        CHECK_FALSE(warns(evaluate(definition(), a), "not-told-when-safe"));
        a.set("consent", "given"); // they agreed, so telling them cannot be unsafe
        CHECK(warns(evaluate(definition(), a), "not-told-when-safe"));
    }
    SECTION("no record of reasons") {
        Answers a = base;
        a.set("record_reasons", "   \n ");
        const Evaluation e = evaluate(definition(), a);
        CHECK(warns(e, "no-record-of-reasons"));
        CHECK(e.open_required_steps == std::vector<std::string>{"record_reasons"});
        a.clear("record_reasons");
        a.set("share_with", std::vector<std::string>{"nobody"});
        CHECK(warns(evaluate(definition(), a), "no-record-of-reasons"));
    }
    SECTION("a phone call not confirmed in writing") {
        Answers a = base;
        a.set("how_shared", std::vector<std::string>{"phone-now"});
        CHECK(warns(evaluate(definition(), a), "phone-not-confirmed-in-writing"));
    }
    SECTION("a legal duty, shared with nobody: the law still requires it") {
        Answers a = base;
        a.set("legal_duty", "court-order-or-statute");
        a.set("share_with", std::vector<std::string>{"nobody"});
        const Evaluation e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::share_now);
        CHECK(warns(e, "legal-duty-not-shared"));
    }
    SECTION("not every public-interest factor weighed") {
        Answers a = base;
        a.set("public_interest_factors", std::vector<std::string>{"harm-to-others"});
        CHECK(warns(evaluate(definition(), a), "factors-not-all-weighed"));
    }
    SECTION("an adult who lacks capacity, not shared") {
        Answers a = base;
        a.set("at_risk", std::vector<std::string>{"adult-at-risk"});
        a.set("concern", std::vector<std::string>{"financial-abuse"});
        a.set("consent", "lacks-capacity");
        a.set("share_with", std::vector<std::string>{"nobody"});
        CHECK(warns(evaluate(definition(), a), "adult-lacking-capacity-not-shared"));
        a.set("share_with", std::vector<std::string>{"adult-social-care"});
        const Evaluation e = evaluate(definition(), a);
        CHECK(e.outcome == Outcome::share_now);
        CHECK(reason_cites(e, "gmc-conf", "55"));
    }
}

TEST_CASE("an answers file with mistakes gets errors naming the step", "[checklist]") {
    SECTION("a good file reads back as written") {
        const Answers a = england_neglect();
        Problems ps;
        const Answers back =
            parse_answers(answers_to_json(a, definition()), "/answers.json", definition(), ps);
        INFO(dump(ps));
        CHECK(ps.empty());
        CHECK(back.jurisdiction == "england");
        CHECK(back.values == a.values);
    }
    SECTION("an unknown step") {
        auto ps =
            answer_problems(R"({"jurisdiction":"england","answers":{"who_at_risk":["child"]}})");
        CHECK(has_problem(ps, "answers.who_at_risk", "'who_at_risk' is not a checklist step"));
    }
    SECTION("the wrong answer type") {
        auto ps = answer_problems(
            R"({"jurisdiction":"england","answers":{"at_risk":"child","immediate_danger":["no"],"record_reasons":3}})");
        CHECK(has_problem(ps, "answers.at_risk", "step 'at_risk' takes a list of answers"));
        CHECK(has_problem(ps, "answers.immediate_danger",
                          "step 'immediate_danger' takes one answer"));
        CHECK(has_problem(ps, "answers.record_reasons", "step 'record_reasons' takes text"));
        // A step whose answer could not be read is not also reported as missing.
        CHECK(std::count_if(ps.begin(), ps.end(),
                            [](auto& p) { return p.field == "answers.at_risk"; }) == 1);
    }
    SECTION("an unknown option, a repeated one, and 'nobody' with others") {
        auto ps = answer_problems(
            R"({"jurisdiction":"england","answers":{"immediate_danger":"maybe","concern":["neglect","neglect"],"share_with":["nobody","police"]}})");
        CHECK(has_problem(ps, "answers.immediate_danger",
                          "'maybe' is not an answer to step 'immediate_danger' in England "
                          "(choose from yes, no)"));
        CHECK(has_problem(ps, "answers.concern", "'neglect' is chosen twice"));
        CHECK(has_problem(ps, "answers.share_with", "'nobody' cannot be chosen with other"));
    }
    SECTION("a missing required step, but only one that applies") {
        auto ps = answer_problems(
            R"({"jurisdiction":"england","answers":{"at_risk":["child"],"immediate_danger":"yes"}})");
        CHECK(has_problem(ps, "answers.concern", "required step 'concern' is not answered"));
        CHECK(has_problem(ps, "answers.record_reasons", "required step 'record_reasons'"));
        CHECK_FALSE(has_problem(ps, "answers.threshold", "")); // not asked after an emergency
        Problems draft;
        parse_answers(R"({"jurisdiction":"england","answers":{"at_risk":["child"]}})",
                      "/answers.json", definition(), draft, AnswersCheck::draft);
        CHECK(draft.empty());
    }
    SECTION("the jurisdiction: missing, unknown, or given on the command line") {
        auto ps = answer_problems(R"({"answers":{}})");
        CHECK(has_problem(ps, "jurisdiction", "is missing"));
        ps = answer_problems(R"({"jurisdiction":"uk","answers":{}})");
        CHECK(has_problem(ps, "jurisdiction", "'uk' is not one of england, wales"));
        Problems given;
        const Answers a = parse_answers(R"({"answers":{"at_risk":["child"]}})", "/a.json",
                                        definition(), given, AnswersCheck::draft, "wales");
        CHECK(given.empty());
        CHECK(a.jurisdiction == "wales");
    }
    SECTION("not JSON, or an unknown top-level field") {
        auto ps = answer_problems("[1, 2]");
        CHECK(has_problem(ps, "(file)", "one JSON object"));
        ps = answer_problems(R"({"jurisdiction":"england","answer":{}})");
        CHECK(has_problem(ps, "answer", "not a known field"));
        CHECK(has_problem(ps, "answers", "is missing"));
    }
    SECTION("answers built in memory are checked the same way") {
        Answers a = england_neglect();
        a.set("tell_person", std::vector<std::string>{"yes", "no-unsafe"});
        const auto ps = check_answers(a, "(screen)", definition());
        CHECK(has_problem(ps, "answers.tell_person", "takes one answer, not 2"));
    }
}

TEST_CASE("the decision record holds only what was chosen and typed", "[checklist][record]") {
    const Answers a = england_neglect();
    const DecisionRecord r = checklist().record(a, "2025-03-04 14:30");
    CHECK(r.outcome == Outcome::share_now);
    CHECK(r.outcome_label == "Share now");
    REQUIRE_FALSE(r.entries.empty());
    CHECK(r.entries.front().question == "Who may be at risk of harm?");
    CHECK(r.entries.front().answers ==
          std::vector<std::string>{
              "A child or young person under 18 (including a patient under 18)"});
    const std::string md = checklist().markdown(r);
    const std::string text = checklist().text(r);
    for (const auto& [step, values] : a.values) {
        const auto s = definition().step(step, "england");
        if (s->type != AnswerType::text) continue;
        INFO(step);
        CHECK(md.find(values.front()) != std::string::npos);
        CHECK(text.find(values.front()) != std::string::npos);
    }
    // Help, reasons and warnings are the app's words, not the user's: none in the record.
    CHECK(md.find(definition().step("threshold")->help) == std::string::npos);
    CHECK(md.find("certainty is not needed") == std::string::npos);
    CHECK(md.find("Protecting children and young people") != std::string::npos);
    golden("england-neglect.md", md);
    golden("england-neglect.txt", text);
}

TEST_CASE("golden records: an emergency in Wales, a decision not to share in Scotland, an addendum",
          "[checklist][record]") {
    Answers wales;
    wales.jurisdiction = "wales";
    wales.set("at_risk", std::vector<std::string>{"child", "adult-at-risk"});
    wales.set("immediate_danger", "yes");
    wales.set("concern", std::vector<std::string>{"domestic-abuse", "physical-abuse"});
    wales.set("legal_duty", "wales-relevant-partner");
    wales.set("consent", "not-asked-unsafe");
    wales.set("consent_reasons", "Her partner was in the waiting room.");
    wales.set("share_with", std::vector<std::string>{"police", "childrens-services"});
    wales.set("minimum_shared", "Address, names, the threat made, the child's age.");
    wales.set("advice", std::vector<std::string>{"none"});
    wales.set("tell_person", "no-unsafe");
    wales.set("tell_reasons", "Telling her in front of him would put her and the baby at risk.");
    wales.set("how_shared", std::vector<std::string>{"phone-now", "writing-same-day"});
    wales.set("record_concerns", "Partner threatened to \"finish it tonight\"; baby at home.");
    wales.set("record_reasons", "Immediate danger: 999 called at 15:05.");
    wales.set("follow_up_what", "Check the police attended; strategy discussion.");
    wales.set("follow_up_who", "Ward sister");
    wales.set("follow_up_when", "Tonight, before handover");
    const Evaluation e = evaluate(definition(), wales);
    CHECK(e.outcome == Outcome::call_emergency);
    CHECK(e.complete);
    DecisionRecord r = checklist().record(wales, "2025-06-01 15:20");
    golden("wales-emergency.md", checklist().markdown(r));

    Answers scot;
    scot.jurisdiction = "scotland";
    scot.profession = "doctor"; // a doctor sees GMC paragraphs under their own name
    scot.set("at_risk", std::vector<std::string>{"patient"});
    scot.set("immediate_danger", "no");
    scot.set("concern", std::vector<std::string>{"self-harm"});
    scot.set("threshold", "no-concern");
    scot.set("legal_duty", "none");
    scot.set("consent", "refused");
    scot.set("consent_reasons", "He is 19, has capacity and has a safety plan with the team.");
    scot.set("share_with", std::vector<std::string>{"nobody"});
    scot.set("advice", std::vector<std::string>{"experienced-colleague"});
    scot.set("tell_person", "yes");
    scot.set("record_concerns", "Old scars, no current plan or intent.");
    scot.set("record_reasons", "Capable adult, no risk to others: his refusal is respected.");
    scot.set("follow_up_what", "Review at the next appointment.");
    scot.set("follow_up_who", "Dr Grant");
    scot.set("follow_up_when", "Two weeks");
    r = checklist().record(scot, "2025-06-02 09:10");
    CHECK(r.outcome == Outcome::do_not_share_record_review);
    r.addenda.push_back({"2025-06-16 10:00", "Seen again; still no intent. Plan unchanged."});
    golden("scotland-not-shared.txt", checklist().text(r));
}

TEST_CASE("answers compare with a real case's checklist key, with why", "[checklist][key]") {
    const Case* c = library().find("wales-health-board-nurse-child-risk");
    REQUIRE(c);
    REQUIRE(c->jurisdiction == "wales");
    Answers a;
    a.jurisdiction = c->jurisdiction;
    for (const auto& k : c->checklist_key)
        if (k.step != "outcome") a.set(k.step, k.answer);
    a.set("threshold", "reasonable-concern");
    a.set("advice", std::vector<std::string>{"safeguarding-lead"});
    a.set("how_shared", std::vector<std::string>{"phone-now", "writing-same-day"});
    a.set("minimum_shared", "Osian's name, the bruises, what his mother said.");
    a.set("record_concerns", "Fingertip bruises on both upper arms.");
    a.set("record_reasons", "Relevant partner duty; reported before he went home.");
    a.set("follow_up_what", "Confirm receipt");
    a.set("follow_up_who", "Me");
    a.set("follow_up_when", "Today");
    const Evaluation e = checklist().evaluate(a);
    CHECK(e.complete);

    auto rows = checklist().compare_with_key(a, *c);
    REQUIRE(rows.size() == c->checklist_key.size());
    for (const auto& row : rows) {
        INFO(row.step);
        CHECK(row.match);
        CHECK_FALSE(row.why.empty());
    }
    CHECK(rows.back().step == "outcome");
    CHECK(rows.back().given == std::vector<std::string>{"share-now"});

    // A trainee who misses the duty, shares only with the lead and does not tell the mother.
    a.set("legal_duty", "none");
    a.set("public_interest", "outweighs");
    a.set("public_interest_factors", std::vector<std::string>{"harm-to-others"});
    a.set("share_with", std::vector<std::string>{"safeguarding-lead", "police"});
    a.set("tell_person", "no-other");
    a.set("tell_reasons", "Forgot.");
    rows = checklist().compare_with_key(a, *c);
    auto row = [&](const std::string& step) {
        return *std::find_if(rows.begin(), rows.end(), [&](auto& r) { return r.step == step; });
    };
    CHECK_FALSE(row("legal_duty").match);
    CHECK(row("legal_duty").expected == std::vector<std::string>{"wales-relevant-partner"});
    CHECK(row("legal_duty").given == std::vector<std::string>{"none"});
    CHECK(row("legal_duty").why.find("section 130") != std::string::npos);
    CHECK_FALSE(row("share_with").match);
    CHECK(row("share_with").missing == std::vector<std::string>{"childrens-services"});
    CHECK(row("share_with").extra == std::vector<std::string>{"police"});
    CHECK_FALSE(row("tell_person").match);
    CHECK(row("at_risk").match);
    CHECK(row("outcome").match); // still share now, for the wrong reasons
    CHECK(checklist().answer_label("legal_duty", "wales-relevant-partner", "wales") ==
          "Child at risk, and I work for a relevant partner: tell the local authority");
    CHECK(checklist().answer_label("outcome", "share-now", "wales") == "Share now");

    // Without an evaluation, the outcome row is unanswered.
    const auto bare = compare_with_key(a, *c);
    CHECK(bare.back().given.empty());
    CHECK_FALSE(bare.back().match);
}

TEST_CASE("answering each bundled case's key gives the case's outcome", "[checklist][key]") {
    for (const auto& c : library().cases()) {
        INFO(c.id);
        Answers a;
        a.jurisdiction = is_checklist_jurisdiction(c.jurisdiction) ? c.jurisdiction : "england";
        std::string expected;
        for (const auto& k : c.checklist_key) {
            if (k.step == "outcome")
                expected = k.answer.front();
            else
                a.set(k.step, k.answer);
        }
        // The steps a key leaves out, answered as a careful clinician would.
        const bool nobody = a.has("share_with", "nobody");
        if (!a.find("share_with"))
            a.set("share_with", std::vector<std::string>{"safeguarding-lead"});
        if (!a.find("tell_person")) a.set("tell_person", "yes");
        a.set("threshold", "reasonable-concern");
        a.set("public_interest", nobody ? "does-not-outweigh" : "outweighs");
        a.set("public_interest_factors",
              std::vector<std::string>{"harm-to-patient", "harm-to-trust", "harm-to-others",
                                       "benefits", "nature-and-views", "less-intrusive"});
        a.set("advice", std::vector<std::string>{"experienced-colleague"});
        // tell_reasons applies only to a key that does not tell everyone (child-not-parents,
        // no-unsafe).
        for (const auto* t :
             {"consent_reasons", "tell_reasons", "minimum_shared", "record_concerns",
              "record_reasons", "follow_up_what", "follow_up_who", "follow_up_when"})
            a.set(t, "As discussed.");
        a.set("how_shared", std::vector<std::string>{"phone-now", "writing-same-day"});
        const Evaluation e = checklist().evaluate(a);
        CHECK(e.complete);
        CHECK(to_string(e.outcome) == expected);
    }
}

TEST_CASE("answers written when legal_duty took one answer still read", "[checklist]") {
    Problems problems;
    const Answers a = parse_answers(
        R"({"jurisdiction":"wales","answers":{"legal_duty":"wales-relevant-partner"}})",
        "/old.json", definition(), problems, AnswersCheck::draft);
    CHECK(problems.empty());
    CHECK(a.values.at("legal_duty") == std::vector<std::string>{"wales-relevant-partner"});
    // Only that step: another multiple-choice step still wants a list.
    const auto ps = answer_problems(R"({"jurisdiction":"wales","answers":{"at_risk":"child"}})");
    CHECK(has_problem(ps, "answers.at_risk", "takes a list of answers"));
}

TEST_CASE("a GMC paragraph shown to anyone but a doctor says it is the GMC's guidance for doctors",
          "[checklist][profession]") {
    const Guidance& g = library().guidance();
    const Citation gmc{"gmc-conf", "64", "", ""};
    const Citation nmc{"nmc-code", "", "raising-concerns", ""};
    CHECK(citation_label(g, gmc, "doctor") == g.label(gmc));
    for (const auto& p : {"nurse", "midwife", "health-visitor", "counsellor", "psychologist",
                          "paramedic", "pharmacist", ""})
        CHECK(citation_label(g, gmc, p).rfind("The GMC's guidance for doctors: ", 0) == 0);
    CHECK(citation_label(g, nmc, "nurse") == g.label(nmc));
    // Each profession's own code is given as a reason, before the step reasons.
    Answers a = england_neglect();
    for (const auto& [profession, ref] :
         std::vector<std::pair<std::string, std::string>>{{"nurse", "nmc-code"},
                                                          {"midwife", "nmc-code"},
                                                          {"psychologist", "hcpc-scpe"},
                                                          {"paramedic", "hcpc-scpe"},
                                                          {"counsellor", "bacp-ef"}}) {
        INFO(profession);
        a.profession = profession;
        const Evaluation e = evaluate(definition(), a);
        REQUIRE(e.reasons.size() > 1);
        CHECK(e.reasons[1].step == "note");
        CHECK(has_citation(e.reasons[1].citations, ref));
    }
    a.profession = "doctor";
    CHECK_FALSE(reason_cites(evaluate(definition(), a), "nmc-code"));
    // The label reaches the record and the --json output.
    a.profession = "nurse";
    const std::string text = checklist().text(checklist().record(a, "t"));
    CHECK(text.find("Profession: Nurse") != std::string::npos);
    CHECK(text.find("- The GMC's guidance for doctors: GMC, Protecting children") !=
          std::string::npos);
}

TEST_CASE("the FGM statute's label names its section once", "[checklist]") {
    CHECK(library().guidance().label({"fgm2003", "s5B", "", ""}) ==
          "UK statute, Female Genital Mutilation Act 2003, s5B inserted by the Serious Crime Act "
          "2015, s74");
}

TEST_CASE("the record can say: tell the young person, not the stepfather (F5)", "[checklist]") {
    Answers a = england_neglect();
    a.set("at_risk", std::vector<std::string>{"child", "patient"});
    a.set("tell_person", "child-not-parents");
    a.set("tell_reasons", "Her stepfather is the alleged abuser; she is told, he is not.");
    const Evaluation e = evaluate(definition(), a);
    CHECK(e.complete);
    CHECK_FALSE(warns(e, "not-told-when-safe"));
    const std::string text = checklist().text(checklist().record(a, "t"));
    CHECK(text.find("Yes, the child or young person, but not a parent or carer") !=
          std::string::npos);
    CHECK(text.find("she is told, he is not") != std::string::npos);
    // No reason speaks of "your patient is an adult" when the patient is a child.
    for (const auto& r : e.reasons)
        CHECK(r.text.find("is an adult") == std::string::npos);
}
