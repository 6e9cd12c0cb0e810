// Property tests of the checklist engine (rapidcheck): random answer sets walked the way a user
// walks the checklist, in every jurisdiction.
#include "casebook/checklist.hpp"
#include "casebook/library.hpp"
#include "support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
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

std::string json_of(const Step& s) {
    JsonWriter w;
    to_json(w, s, bundled().library.guidance());
    return w.str();
}

std::string json_of(const Evaluation& e) {
    JsonWriter w;
    to_json(w, e, definition(), bundled().library.guidance());
    return w.str();
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
