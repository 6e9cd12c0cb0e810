// Property tests of the checklist engine (rapidcheck): random answer sets walked the way a user
// walks the checklist, in every jurisdiction.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "checklist/engine.hpp"
#include "json_views.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <rapidcheck.h>

using namespace casebook;

namespace {

struct Bundled {
    Library library = Library::load(test::assets_dir);
    ChecklistDefinition definition;
    Problems problems;

    Bundled() {
        const auto path = test::assets_dir / "checklist" / "checklist.json";
        definition = ChecklistDefinition::parse(test::slurp(path), path.string(),
                                                library.guidance(), problems);
    }
};

const Bundled& bundled() {
    static const Bundled b;
    return b;
}

const ChecklistDefinition& definition() {
    return bundled().definition;
}

bool applies(const std::string& step, const Answers& answers) {
    const auto ids = applicable_steps(definition(), answers);
    return std::find(ids.begin(), ids.end(), step) != ids.end();
}

// One step's answer, as a user could give it in that jurisdiction.
std::vector<std::string> any_answer(const Step& s) {
    static const std::vector<std::string> texts{"Seen today.", "Discussed with the lead.",
                                                "Two lines\nof notes.", "é, ü and ’ quotes"};
    std::vector<std::string> ids, plain, exclusive;
    for (const auto& o : s.options) {
        ids.push_back(o.id);
        (o.exclusive ? exclusive : plain).push_back(o.id);
    }
    switch (s.type) {
    case AnswerType::single:
    case AnswerType::yes_no:
        return {*rc::gen::elementOf(ids)};
    case AnswerType::text:
        return {*rc::gen::elementOf(texts)};
    case AnswerType::multiple: {
        if (!exclusive.empty() && *rc::gen::inRange(0, 4) == 0)
            return {*rc::gen::elementOf(exclusive)};
        std::vector<std::string> chosen;
        for (const auto& id : plain)
            if (*rc::gen::arbitrary<bool>()) chosen.push_back(id);
        if (chosen.empty()) chosen.push_back(*rc::gen::elementOf(plain));
        return chosen;
    }
    }
    return {};
}

// A complete answer set: every step that applies and is required is answered, optional ones
// sometimes, walking in order so each answer can change what applies next.
rc::Gen<Answers> complete_answers(const std::string& jurisdiction) {
    return rc::gen::exec([jurisdiction] {
        Answers a;
        a.jurisdiction = jurisdiction;
        for (const Step& s : definition().steps(jurisdiction)) {
            if (!applies(s.id, a)) continue;
            if (!s.required && !*rc::gen::arbitrary<bool>()) continue;
            a.set(s.id, any_answer(s));
        }
        return a;
    });
}

rc::Gen<std::string> any_jurisdiction() {
    return rc::gen::elementOf(checklist_jurisdictions());
}

// The --json views stand in for "everything the user can see" of a step or an evaluation.
std::string json_of(const Step& s) {
    return cli::json::step(s, bundled().library.guidance());
}

std::string json_of(const Evaluation& e) {
    return cli::json::evaluation(e, definition(), bundled().library.guidance());
}

} // namespace

TEST_CASE("property: every complete answer set yields exactly one outcome and no open step",
          "[checklist][property]") {
    REQUIRE(bundled().problems.empty());
    REQUIRE(rc::check("complete answers give one outcome", [] {
        const std::string j = *any_jurisdiction();
        const Answers a = *complete_answers(j);
        const Evaluation e = evaluate(definition(), a);
        RC_ASSERT(e.complete);
        RC_ASSERT(e.open_required_steps.empty());
        RC_ASSERT(std::count(all_outcomes().begin(), all_outcomes().end(), e.outcome) == 1);
        RC_ASSERT(outcome_from_string(to_string(e.outcome)) == e.outcome);
        // The outcome leads the reasons, and immediate danger always means calling 999.
        RC_ASSERT(!e.reasons.empty());
        RC_ASSERT(e.reasons.front().step == std::string("outcome"));
        RC_ASSERT(e.emergency == a.has("immediate_danger", "yes"));
        RC_ASSERT((e.outcome == Outcome::call_emergency) == a.has("immediate_danger", "yes"));
        // Such a set is also a valid answers file, and reads back the same.
        Problems problems;
        const Answers back =
            parse_answers(answers_to_json(a, definition()), "(generated)", definition(), problems);
        RC_ASSERT(problems.empty());
        RC_ASSERT(back.values == a.values);
        // The record is rendered from it without losing the outcome.
        const DecisionRecord r =
            make_record(definition(), bundled().library.guidance(), a, "2025-01-01 00:00");
        RC_ASSERT(r.outcome == e.outcome);
        RC_ASSERT(r.entries.size() == a.values.size());
    }));
}

TEST_CASE("property: changing only the jurisdiction changes only jurisdiction-specific steps",
          "[checklist][property]") {
    REQUIRE(bundled().problems.empty());
    REQUIRE(rc::check("steps differ only where the definition has variants", [] {
        const std::string j1 = *any_jurisdiction();
        const std::string j2 = *any_jurisdiction();
        const auto s1 = definition().steps(j1);
        const auto s2 = definition().steps(j2);
        RC_ASSERT(s1.size() == s2.size());
        for (std::size_t i = 0; i < s1.size(); ++i) {
            RC_ASSERT(s1[i].id == s2[i].id);
            RC_ASSERT(s1[i].jurisdiction_specific == s2[i].jurisdiction_specific);
            if (!s1[i].jurisdiction_specific) RC_ASSERT(json_of(s1[i]) == json_of(s2[i]));
        }
    }));
    REQUIRE(rc::check("the same answers in another jurisdiction decide the same way", [] {
        const std::string j1 = *any_jurisdiction();
        const std::string j2 = *any_jurisdiction();
        const Answers a1 = *complete_answers(j1);
        Answers a2 = a1;
        a2.jurisdiction = j2;
        // Only answers that exist in both jurisdictions (the FGM duty has no Scottish answer).
        RC_PRE(check_answers(a2, "(generated)", definition()).empty());
        const Evaluation e1 = evaluate(definition(), a1);
        const Evaluation e2 = evaluate(definition(), a2);
        RC_ASSERT(e1.outcome == e2.outcome);
        RC_ASSERT(e1.complete && e2.complete);
        RC_ASSERT(applicable_steps(definition(), a1) == applicable_steps(definition(), a2));
        // Reasons from steps without variants are word for word and citation for citation the
        // same; only jurisdiction-specific steps may give different ones.
        auto general = [](const Evaluation& e) {
            std::vector<std::string> out;
            for (const auto& r : e.reasons) {
                const Step* s = definition().step(r.step);
                if (s && s->jurisdiction_specific) continue;
                if (r.step == "note") continue; // the nation's own guidance, by design
                std::string line = r.step + ": " + r.text;
                for (const auto& c : r.citations)
                    line += " [" + c.ref + " " + c.para + c.topic + "]";
                out.push_back(line);
            }
            return out;
        };
        RC_ASSERT(general(e1) == general(e2));
    }));
}

TEST_CASE("property: the engine is deterministic and ignores the order of choices",
          "[checklist][property]") {
    REQUIRE(rc::check("same answers, same evaluation", [] {
        const Answers a = *complete_answers(*any_jurisdiction());
        Answers shuffled = a;
        for (auto& [step, values] : shuffled.values)
            std::reverse(values.begin(), values.end());
        const std::string once = json_of(evaluate(definition(), a));
        RC_ASSERT(once == json_of(evaluate(definition(), a)));
        RC_ASSERT(once == json_of(evaluate(definition(), shuffled)));
        RC_ASSERT(
            render_markdown(make_record(definition(), bundled().library.guidance(), a, "t"),
                            bundled().library.guidance()) ==
            render_markdown(make_record(definition(), bundled().library.guidance(), shuffled, "t"),
                            bundled().library.guidance()));
    }));
}

TEST_CASE("property: removing a required answer opens exactly that step", "[checklist][property]") {
    REQUIRE(rc::check("an unanswered required step is reported open", [] {
        Answers a = *complete_answers(*any_jurisdiction());
        const Evaluation before = evaluate(definition(), a);
        std::vector<std::string> required;
        for (const auto& s : before.steps)
            if (s.required) required.push_back(s.id);
        RC_PRE(!required.empty());
        const std::string gone = *rc::gen::elementOf(required);
        a.clear(gone);
        const Evaluation after = evaluate(definition(), a);
        RC_ASSERT(!after.complete);
        RC_ASSERT(after.open_required_steps.front() == gone);
        // The answers file names that step.
        Problems problems;
        parse_answers(answers_to_json(a, definition()), "(generated)", definition(), problems);
        RC_ASSERT(std::any_of(problems.begin(), problems.end(), [&](auto& p) {
            return p.field == "answers." + gone && p.reason.find(gone) != std::string::npos;
        }));
    }));
}

namespace {

rc::Gen<std::string> any_profession() {
    return rc::gen::elementOf(checklist_professions());
}

// The duties a jurisdiction offers, with the person each protects (empty = anyone).
std::vector<std::pair<std::string, std::string>> duties_in(const std::string& jurisdiction) {
    static const std::map<std::string, std::string> protects{
        {"fgm-report", "child"},
        {"wales-relevant-partner", "child"},
        {"wales-adult-at-risk", "adult-at-risk"},
        {"asp-report", "adult-at-risk"},
        {"ni-report-offence", ""},
        {"court-order-or-statute", ""}};
    std::vector<std::pair<std::string, std::string>> out;
    const auto step = definition().step("legal_duty", jurisdiction); // kept alive for the loop
    for (const auto& o : step->options)
        if (auto it = protects.find(o.id); it != protects.end()) out.emplace_back(*it);
    return out;
}

} // namespace

TEST_CASE("property: an applicable statutory duty never gives 'do not share' or 'seek advice'",
          "[checklist][property][duty]") {
    REQUIRE(rc::check("a duty is met whatever the user's own weighing", [] {
        const std::string j = *any_jurisdiction();
        Answers a = *complete_answers(j);
        a.profession = *any_profession();
        // Choose one or more of the nation's duties, for the person each protects.
        const auto offered = duties_in(j);
        std::vector<std::string> chosen;
        for (const auto& d : offered)
            if (*rc::gen::arbitrary<bool>()) chosen.push_back(d.first);
        if (chosen.empty()) chosen.push_back((*rc::gen::elementOf(offered)).first);
        a.set("legal_duty", chosen);
        std::vector<std::string> at_risk;
        if (const auto* v = a.find("at_risk"))
            for (const auto& x : *v)
                if (x != "nobody") at_risk.push_back(x);
        for (const auto& [id, who] : offered)
            if (!who.empty() && std::find(chosen.begin(), chosen.end(), id) != chosen.end() &&
                std::find(at_risk.begin(), at_risk.end(), who) == at_risk.end())
                at_risk.push_back(who);
        if (at_risk.empty()) at_risk.push_back("others");
        a.set("at_risk", at_risk);
        const Evaluation e = evaluate(definition(), a);
        RC_ASSERT(e.outcome != Outcome::do_not_share_record_review);
        RC_ASSERT(e.outcome != Outcome::seek_advice);
        RC_ASSERT(e.duties.size() == chosen.size());
        const auto warned = [&](const std::string& id) {
            return std::any_of(e.warnings.begin(), e.warnings.end(),
                               [&](auto& w) { return w.id == id; });
        };
        const bool nobody = a.has("share_with", "nobody");
        RC_ASSERT(nobody == warned("legal-duty-not-shared"));
        for (const auto& d : e.duties) {
            RC_ASSERT(d.applies);
            RC_ASSERT(!d.citations.empty());
            // A duty whose body is not told, while others are, says so.
            if (!d.recipient.empty() && !nobody)
                RC_ASSERT(d.met == a.has("share_with", d.recipient));
        }
        RC_ASSERT(!warned("sharing-without-concern"));
        RC_ASSERT(!warned("sharing-against-weighing"));
    }));
}

TEST_CASE("property: equivalent facts entered two ways give the same outcome",
          "[checklist][property][equivalence]") {
    REQUIRE(rc::check("an extra tick on 'serious crime' changes nothing", [] {
        const Answers a = *complete_answers(*any_jurisdiction());
        Answers b = a;
        std::vector<std::string> concern = *a.find("concern");
        auto it = std::find(concern.begin(), concern.end(), "serious-crime");
        if (it == concern.end())
            concern.push_back("serious-crime");
        else
            concern.erase(it);
        RC_PRE(!concern.empty());
        b.set("concern", concern);
        RC_ASSERT(evaluate(definition(), a).outcome == evaluate(definition(), b).outcome);
    }));
    REQUIRE(rc::check("a refusal, 'not needed', 'unsafe' or 'impracticable' decide alike", [] {
        const std::vector<std::string> alike{"refused", "not-needed", "not-asked-unsafe",
                                             "not-asked-impracticable"};
        Answers a = *complete_answers(*any_jurisdiction());
        RC_PRE(std::find(alike.begin(), alike.end(), a.first("consent")) != alike.end());
        Answers b = a;
        b.set("consent", *rc::gen::elementOf(alike));
        b.set("consent_reasons", "Asked today; reasons recorded.");
        RC_ASSERT(evaluate(definition(), a).outcome == evaluate(definition(), b).outcome);
    }));
    REQUIRE(rc::check("lacking capacity said at consent or at the capacity step decide alike", [] {
        Answers a = *complete_answers(*any_jurisdiction());
        a.set("at_risk", *rc::gen::elementOf(
                             std::vector<std::vector<std::string>>{{"adult-at-risk"},
                                                                   {"patient"},
                                                                   {"patient", "others"},
                                                                   {"adult-at-risk", "child"}}));
        a.set("consent", "lacks-capacity");
        a.clear("capacity");
        Answers b = a;
        b.set("consent", "refused");
        b.set("consent_reasons", "She said no, but cannot weigh what sharing means today.");
        b.set("capacity", "lacks-capacity");
        b.set("public_interest", *rc::gen::elementOf(std::vector<std::string>{
                                     "outweighs", "does-not-outweigh", "not-sure"}));
        RC_ASSERT(evaluate(definition(), a).outcome == evaluate(definition(), b).outcome);
    }));
}

TEST_CASE("property: every citation in every record resolves to a current sheet entry",
          "[checklist][property][citations]") {
    const Guidance& g = bundled().library.guidance();
    REQUIRE(rc::check("records cite only current points, in scope for the nation", [&] {
        const std::string j = *any_jurisdiction();
        Answers a = *complete_answers(j);
        if (*rc::gen::arbitrary<bool>()) a.profession = *any_profession();
        const Evaluation e = evaluate(definition(), a);
        const DecisionRecord r = make_record(definition(), g, a, "2026-11-30 09:00");
        std::vector<Citation> all = r.citations;
        for (const auto& w : e.warnings)
            all.insert(all.end(), w.citations.begin(), w.citations.end());
        for (const auto& d : e.duties)
            all.insert(all.end(), d.citations.begin(), d.citations.end());
        const auto& bound = definition().source_jurisdictions();
        const auto& child = definition().child_sources();
        const bool child_at_risk = a.has("at_risk", "child");
        for (const auto& c : all) {
            Problems problems;
            RC_ASSERT(g.check(c, "(record)", "citations", problems));
            const GuidancePoint* p = g.resolve(c);
            RC_ASSERT(p != nullptr);
            RC_ASSERT(p->status == "V" || p->status == "V2" || p->status == "T");
            // The withdrawn 2007 numbers of 0-18 years are never cited.
            RC_ASSERT(!(c.ref == "gmc-018" && (c.para == "60" || c.para == "61")));
            if (auto it = bound.find(c.ref); it != bound.end())
                RC_ASSERT(std::find(it->second.begin(), it->second.end(), j) != it->second.end());
            // Adult-only decisions cite no child guidance.
            if (!child_at_risk)
                RC_ASSERT(std::find(child.begin(), child.end(), c.ref) == child.end());
            // A GMC paragraph shown to anyone but a doctor says whose guidance it is.
            if (c.ref.rfind("gmc-", 0) == 0)
                RC_ASSERT((citation_label(g, c, a.profession).find("guidance for doctors") !=
                           std::string::npos) == !is_doctor(a.profession));
        }
    }));
}
