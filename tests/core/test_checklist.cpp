// The disclosure checklist: the bundled definition checks out against the references, each kind
// of broken definition is reported with its field, and the engine gives every outcome in every
// jurisdiction with its reasons and warnings. Answers files, decision records and case keys are
// in test_checklist_records.cpp.
#include "checklist_support.hpp"

using namespace casebook;
using namespace checklist_test;

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
