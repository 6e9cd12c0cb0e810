// The disclosure checklist's answers and records: an answers file with mistakes is reported by
// step, decision records match their golden files, and answers compare with a real case's
// checklist key.
#include "checklist_support.hpp"

using namespace casebook;
using namespace checklist_test;

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
