#pragma once
// What the checklist tests share: the bundled library and checklist, loaded once; answers and
// definitions to start from; and checks on problems, reasons, warnings and golden records.
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

namespace checklist_test {

using namespace casebook;

inline const Library& library() {
    static const Library lib = Library::load(test::assets_dir);
    return lib;
}

inline const std::filesystem::path checklist_path =
    test::assets_dir / "checklist" / "checklist.json";

inline const Checklist& checklist() {
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

inline const ChecklistDefinition& definition() {
    return checklist().definition();
}

inline std::string dump(const Problems& ps) {
    std::string out;
    for (const auto& p : ps)
        out += p.to_string() + "\n";
    return out;
}

inline bool has_problem(const Problems& ps, const std::string& field,
                        const std::string& reason_part) {
    return std::any_of(ps.begin(), ps.end(), [&](auto& p) {
        return p.field == field && p.reason.find(reason_part) != std::string::npos;
    });
}

// The bundled definition after `edit`, parsed against the bundled guidance.
inline Problems definition_problems(const std::function<void(rapidjson::Document&)>& edit) {
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

inline rapidjson::Value& step_json(rapidjson::Document& d, const char* id) {
    for (auto& s : d["steps"].GetArray())
        if (std::string(s["id"].GetString()) == id) return s;
    FAIL("no step " << id);
    return d;
}

// A realistic England concern: a health visitor finds two young children neglected; the mother
// refuses a referral, telling her is safe, advice was taken, and the concern is shared now.
inline Answers england_neglect() {
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

inline bool has_citation(const std::vector<Citation>& cs, const std::string& ref,
                         const std::string& para_or_topic = {}) {
    return std::any_of(cs.begin(), cs.end(), [&](auto& c) {
        return c.ref == ref &&
               (para_or_topic.empty() || c.para == para_or_topic || c.topic == para_or_topic);
    });
}

inline bool reason_cites(const Evaluation& e, const std::string& ref,
                         const std::string& point = {}) {
    return std::any_of(e.reasons.begin(), e.reasons.end(),
                       [&](auto& r) { return has_citation(r.citations, ref, point); });
}

inline bool warns(const Evaluation& e, const std::string& id) {
    return std::any_of(e.warnings.begin(), e.warnings.end(), [&](auto& w) { return w.id == id; });
}

inline std::vector<std::string> option_ids(const std::string& step,
                                           const std::string& jurisdiction) {
    std::vector<std::string> out;
    const auto s = definition().step(step, jurisdiction);
    for (const auto& o : s->options)
        out.push_back(o.id);
    return out;
}

inline Problems answer_problems(const std::string& json, const std::string& jurisdiction = {}) {
    Problems problems;
    parse_answers(json, "/answers.json", definition(), problems, AnswersCheck::complete,
                  jurisdiction);
    return problems;
}

// Compares with a golden file; CASEBOOK_UPDATE_GOLDEN=1 writes it instead.
inline void golden(const std::string& name, const std::string& actual) {
    const auto path = test::fixtures_dir / "checklist" / name;
    if (std::getenv("CASEBOOK_UPDATE_GOLDEN")) {
        std::filesystem::create_directories(path.parent_path());
        test::spit(path, actual);
    }
    INFO("golden file " << path.string());
    CHECK(test::slurp(path) == actual);
}

} // namespace checklist_test
