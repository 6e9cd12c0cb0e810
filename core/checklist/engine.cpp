// The checklist engine: answers files, which steps apply, the outcome with its reasons and
// warnings, and the comparison with a case's checklist key. Pure functions of their inputs.
#include "base/json_reader.hpp"
#include "casebook/checklist.hpp"
#include "casebook/text_check.hpp"
#include "checklist/support.hpp"

#include <algorithm>
#include <array>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <set>

namespace casebook {

// ---- Answers ------------------------------------------------------------------------------

const std::vector<std::string>* Answers::find(const std::string& step) const {
    auto it = values.find(step);
    return it == values.end() || it->second.empty() ? nullptr : &it->second;
}

std::string Answers::first(const std::string& step) const {
    const auto* v = find(step);
    return v ? v->front() : std::string();
}

bool Answers::has(const std::string& step, const std::string& value) const {
    const auto* v = find(step);
    return v && std::find(v->begin(), v->end(), value) != v->end();
}

const std::vector<std::string>& checklist_professions() {
    static const std::vector<std::string> all{"doctor",     "nurse",      "health-visitor",
                                              "midwife",    "counsellor", "psychologist",
                                              "pharmacist", "paramedic"};
    return all;
}

bool is_checklist_profession(const std::string& id) {
    const auto& all = checklist_professions();
    return std::find(all.begin(), all.end(), id) != all.end();
}

namespace {

std::string profession_list() {
    std::string out;
    for (const auto& p : checklist_professions())
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::string field(const std::string& step) {
    return "answers." + step;
}

std::string option_ids(const Step& s) {
    std::string out;
    for (const auto& o : s.options)
        out += (out.empty() ? "" : ", ") + o.id;
    return out;
}

bool answered(const Step& s, const Answers& answers) {
    const auto* v = answers.find(s.id);
    if (!v) return false;
    if (s.type == AnswerType::text)
        return std::any_of(v->begin(), v->end(), [](auto& t) { return detail::has_text(t); });
    return true;
}

// Which steps apply, and the answers of those that do. A condition looks only at earlier steps
// that apply, so an answer left behind by a changed earlier answer has no effect.
struct Walk {
    std::vector<Step> steps; // resolved for the jurisdiction
    std::vector<AppliedStep> applied;
    std::vector<const Step*> applied_steps;
    Answers effective;
};

bool holds(const Condition& c, const Answers& effective) {
    const auto* v = effective.find(c.step);
    return v && std::any_of(v->begin(), v->end(), [&](auto& value) {
               return std::find(c.is.begin(), c.is.end(), value) != c.is.end();
           });
}

Walk walk(const ChecklistDefinition& definition, const Answers& answers) {
    Walk w;
    w.steps = definition.steps(answers.jurisdiction);
    w.effective.jurisdiction = answers.jurisdiction;
    bool emergency = false;
    for (const Step& s : w.steps) {
        if (!std::all_of(s.when.begin(), s.when.end(),
                         [&](auto& c) { return holds(c, w.effective); }))
            continue;
        AppliedStep a{s.id, s.required, answered(s, answers), emergency};
        if (a.answered) w.effective.values[s.id] = answers.values.at(s.id);
        w.applied.push_back(a);
        w.applied_steps.push_back(&s);
        if (s.id == "immediate_danger" && w.effective.has(s.id, "yes")) emergency = true;
    }
    return w;
}

// The checks shared by answers files and answers built in memory.
void check_values(const Answers& answers, const ChecklistDefinition& definition,
                  const json::Reader& r, AnswersCheck check,
                  const std::set<std::string>& already_reported) {
    const std::string in = is_checklist_jurisdiction(answers.jurisdiction)
                               ? " in " + jurisdiction_label(answers.jurisdiction)
                               : std::string();
    for (const auto& [id, values] : answers.values) {
        const auto s = definition.step(id, answers.jurisdiction);
        if (!s) {
            r.problem(field(id), "'" + id + "' is not a checklist step");
            continue;
        }
        const std::string name = "step '" + id + "'";
        if (s->type == AnswerType::text) {
            if (values.size() > 1) r.problem(field(id), name + " takes one text");
            continue;
        }
        if (s->type != AnswerType::multiple && values.size() > 1) {
            r.problem(field(id), name + " takes one answer, not " + std::to_string(values.size()));
            continue;
        }
        if (s->type == AnswerType::multiple && values.empty()) {
            r.problem(field(id), name + " needs at least one answer");
            continue;
        }
        std::set<std::string> seen;
        for (const auto& v : values) {
            const StepOption* o = s->option(v);
            if (!o) {
                r.problem(field(id), "'" + v + "' is not an answer to " + name + in +
                                         " (choose from " + option_ids(*s) + ")");
                continue;
            }
            if (!seen.insert(v).second)
                r.problem(field(id), "'" + v + "' is chosen twice for " + name);
            if (o->exclusive && values.size() > 1)
                r.problem(field(id), "'" + v + "' cannot be chosen with other answers to " + name);
        }
    }
    if (check == AnswersCheck::draft) return;
    const Walk w = walk(definition, answers);
    for (std::size_t i = 0; i < w.applied.size(); ++i) {
        const auto& a = w.applied[i];
        if (a.required && !a.answered && !already_reported.count(a.id))
            r.problem(field(a.id), "required step '" + a.id + "' is not answered (\"" +
                                       w.applied_steps[i]->title + "\")");
    }
}

} // namespace

Answers parse_answers(std::string_view text, const std::string& path,
                      const ChecklistDefinition& definition, Problems& problems, AnswersCheck check,
                      const std::string& jurisdiction, const std::string& profession) {
    Answers a;
    rapidjson::Document doc;
    if (!json::parse(doc, text, path, problems)) return a;
    json::Reader r(path, problems);
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
        const std::string name(it->name.GetString(), it->name.GetStringLength());
        if (name != "jurisdiction" && name != "profession" && name != "answers")
            r.problem(name, "is not a known field (an answers file has jurisdiction, profession "
                            "and answers)");
    }
    a.jurisdiction = jurisdiction.empty() ? r.string(doc, "", "jurisdiction") : jurisdiction;
    a.profession = profession.empty() ? r.string(doc, "", "profession", false) : profession;
    if (!a.profession.empty() && !is_checklist_profession(a.profession))
        r.problem("profession", "'" + a.profession + "' is not one of " + profession_list());
    if (!a.jurisdiction.empty() && !is_checklist_jurisdiction(a.jurisdiction)) {
        std::string all;
        for (const auto& j : checklist_jurisdictions())
            all += (all.empty() ? "" : ", ") + j;
        r.problem("jurisdiction", "'" + a.jurisdiction + "' is not one of " + all);
    }
    std::set<std::string> reported; // steps whose answer could not be read at all
    const auto* v = r.member(doc, "", "answers", true);
    if (v && r.is_object(*v, "answers")) {
        for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
            const std::string id(it->name.GetString(), it->name.GetStringLength());
            const Step* s = definition.step(id);
            if (!s) {
                r.problem(field(id), "'" + id + "' is not a checklist step");
                reported.insert(id);
                continue;
            }
            const auto& value = it->value;
            std::vector<std::string> values;
            // legal_duty took one answer before duties became a set: records and files written
            // then still read, as a list of one.
            if (s->type == AnswerType::multiple && value.IsString() && id == "legal_duty") {
                values.emplace_back(value.GetString(), value.GetStringLength());
            } else if (s->type == AnswerType::multiple) {
                if (!value.IsArray()) {
                    r.problem(field(id), "step '" + id + "' takes a list of answers, such as [\"" +
                                             (s->options.empty() ? "..." : s->options[0].id) +
                                             "\"]");
                    reported.insert(id);
                    continue;
                }
                bool ok = true;
                for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
                    if (value[i].IsString())
                        values.emplace_back(value[i].GetString(), value[i].GetStringLength());
                    else
                        ok = false;
                }
                if (!ok) {
                    r.problem(field(id), "step '" + id + "' takes a list of strings");
                    reported.insert(id);
                    continue;
                }
            } else {
                if (!value.IsString()) {
                    r.problem(field(id), "step '" + id + "' takes " +
                                             (s->type == AnswerType::text
                                                  ? std::string("text, as a string")
                                                  : "one answer, as a string such as \"" +
                                                        (s->options.empty() ? std::string("...")
                                                                            : s->options[0].id) +
                                                        "\""));
                    reported.insert(id);
                    continue;
                }
                std::string one(value.GetString(), value.GetStringLength());
                if (s->type == AnswerType::text && !detail::has_text(one)) continue;
                values.push_back(std::move(one));
            }
            a.values[id] = std::move(values);
        }
    } else {
        return a;
    }
    check_values(a, definition, r, check, reported);
    return a;
}

Problems check_answers(const Answers& answers, const std::string& path,
                       const ChecklistDefinition& definition, AnswersCheck check) {
    Problems problems;
    json::Reader r(path, problems);
    if (!is_checklist_jurisdiction(answers.jurisdiction))
        r.problem("jurisdiction", "'" + answers.jurisdiction +
                                      "' is not one of england, wales, scotland, northern-ireland");
    if (!answers.profession.empty() && !is_checklist_profession(answers.profession))
        r.problem("profession", "'" + answers.profession + "' is not one of " + profession_list());
    check_values(answers, definition, r, check, {});
    return problems;
}

std::string answers_to_json(const Answers& answers, const ChecklistDefinition& definition) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    // Free text may hold bytes that are not UTF-8 (pasted from elsewhere): they are written as
    // U+FFFD, so the file always reads back.
    auto text = [&](std::string_view raw) {
        const std::string t = valid_utf8(raw);
        w.String(t.data(), static_cast<rapidjson::SizeType>(t.size()));
    };
    auto list = [&](const std::vector<std::string>& values) {
        w.StartArray();
        for (const auto& v : values)
            text(v);
        w.EndArray();
    };
    w.StartObject();
    w.Key("jurisdiction");
    text(answers.jurisdiction);
    if (!answers.profession.empty()) {
        w.Key("profession");
        text(answers.profession);
    }
    w.Key("answers");
    w.StartObject();
    for (const auto& s : definition.steps()) {
        const auto* v = answers.find(s.id);
        if (!v) continue;
        text(s.id);
        if (s.type == AnswerType::multiple)
            list(*v);
        else
            text(v->front());
    }
    for (const auto& [id, values] : answers.values)
        if (!definition.step(id) && !values.empty()) {
            text(id);
            list(values);
        }
    w.EndObject();
    w.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

// ---- The engine ---------------------------------------------------------------------------

std::vector<std::string> applicable_steps(const ChecklistDefinition& definition,
                                          const Answers& answers) {
    std::vector<std::string> out;
    for (const auto& a : walk(definition, answers).applied)
        out.push_back(a.id);
    return out;
}

Answers applicable_answers(const ChecklistDefinition& definition, const Answers& answers) {
    return walk(definition, answers).effective;
}

namespace detail {

const std::vector<std::string>& engine_warning_ids() {
    static const std::vector<std::string> ids{
        "child-not-shared-without-advice",
        "child-sexual-abuse-not-shared",
        "position-of-trust-lado",
        "adult-lacking-capacity-not-shared",
        "legal-duty-not-shared",
        "duty-without-its-person",
        "fgm-report-not-to-police",
        "wales-child-duty-not-to-local-authority",
        "wales-adult-duty-not-to-local-authority",
        "asp-duty-not-to-council",
        "ni-offence-not-to-police",
        "request-is-not-a-duty",
        "sharing-without-concern",
        "sharing-against-weighing",
        "not-told-when-safe",
        "no-record-of-reasons",
        "phone-not-confirmed-in-writing",
        "factors-not-all-weighed",
        "fgm-duty-check",
        "wales-relevant-partner-check",
        "wales-adult-duty-check",
        "asp-duty-check",
        "ni-offence-check",
    };
    return ids;
}

const std::vector<std::string>& engine_note_ids() {
    static const std::vector<std::string> ids{
        "code-nmc",
        "code-hcpc",
        "code-bacp",
        "child-guidance-england",
        "child-guidance-wales",
        "child-guidance-scotland",
        "child-guidance-northern-ireland",
        "adult-guidance-england",
        "adult-guidance-wales",
        "adult-guidance-scotland",
        "advice-about-a-child",
        "respected-refusal",
    };
    return ids;
}

} // namespace detail

namespace {

bool only(const Answers& a, const std::string& step, const std::string& value) {
    const auto* v = a.find(step);
    return v && v->size() == 1 && v->front() == value;
}

bool has_any(const Answers& a, const std::string& step, std::initializer_list<const char*> values) {
    return std::any_of(values.begin(), values.end(), [&](const char* v) { return a.has(step, v); });
}

// Someone other than "nobody" is chosen to share with.
bool shares_with_someone(const Answers& a) {
    const auto* v = a.find("share_with");
    return v && std::any_of(v->begin(), v->end(), [](auto& x) { return x != "nobody"; });
}

// The statutory duties: whom each protects (an at_risk value; empty = anyone) and the body the
// law names (a share_with value; empty = whoever the order names). A request without a court
// order is not here: it is not a duty.
struct DutyRule {
    const char* id;
    const char* protects;
    const char* recipient;
    const char* recipient_warning;
};

const std::array<DutyRule, 6> duty_rules{{
    {"fgm-report", "child", "police", "fgm-report-not-to-police"},
    {"wales-relevant-partner", "child", "childrens-services",
     "wales-child-duty-not-to-local-authority"},
    {"wales-adult-at-risk", "adult-at-risk", "adult-social-care",
     "wales-adult-duty-not-to-local-authority"},
    {"asp-report", "adult-at-risk", "adult-social-care", "asp-duty-not-to-council"},
    {"ni-report-offence", "", "police", "ni-offence-not-to-police"},
    {"court-order-or-statute", "", "", ""},
}};

const DutyRule* duty_rule(const std::string& id) {
    for (const auto& d : duty_rules)
        if (id == d.id) return &d;
    return nullptr;
}

bool duty_applies(const DutyRule& d, const Answers& a) {
    return *d.protects == '\0' || a.has("at_risk", d.protects);
}

// The chosen duties that apply to the people at risk.
bool any_applicable_duty(const Answers& a) {
    const auto* v = a.find("legal_duty");
    if (!v) return false;
    return std::any_of(v->begin(), v->end(), [&](auto& id) {
        const DutyRule* d = duty_rule(id);
        return d && duty_applies(*d, a);
    });
}

// Capacity for this decision, now: said either at consent or at the capacity step, which must
// not give different outcomes.
bool lacks_capacity(const Answers& a) {
    return a.has("consent", "lacks-capacity") || a.has("capacity", "lacks-capacity");
}

bool adult_concerned(const Answers& a) {
    return has_any(a, "at_risk", {"adult-at-risk", "patient"});
}

// A capable adult refused, and nobody but the patient (or the adult at risk) is at risk.
bool capable_adult_refused_alone(const Answers& a) {
    const auto* at_risk = a.find("at_risk");
    if (!at_risk || !a.has("consent", "refused") || lacks_capacity(a)) return false;
    return std::all_of(at_risk->begin(), at_risk->end(),
                       [](auto& v) { return v == "patient" || v == "adult-at-risk"; });
}

// The outcome, from the answers of the steps that apply, by the first rule that matches. The
// order is the guidance's: danger first; then the law, whatever one's own weighing; then doubt
// is resolved by advice; then a decision not to share; then capacity, the public interest and
// consent. SCHEMA.md lists the same rules.
Outcome derive(const Answers& a) {
    if (a.has("immediate_danger", "yes")) return Outcome::call_emergency;
    if (any_applicable_duty(a)) return Outcome::share_now;
    if (a.has("threshold", "not-sure") || a.has("capacity", "not-sure"))
        return Outcome::seek_advice;
    if (only(a, "share_with", "nobody") || a.has("threshold", "no-concern"))
        return Outcome::do_not_share_record_review;
    // Someone who cannot make this decision is protected through the appropriate authority; the
    // public-interest weighing is not the test for them.
    if (lacks_capacity(a)) return Outcome::share_now;
    if (a.has("public_interest", "not-sure")) return Outcome::seek_advice;
    if (a.has("public_interest", "does-not-outweigh")) return Outcome::do_not_share_record_review;
    const std::string consent = a.first("consent");
    if (consent == "given" || consent == "not-asked-yet")
        return Outcome::share_after_seeking_consent;
    // Consent already refused (the weighing having favoured sharing), or rightly not sought:
    // share now, telling the person unless that is unsafe. Waiting adds nothing.
    if (consent == "refused" || consent == "not-asked-unsafe" ||
        consent == "not-asked-impracticable" || consent == "not-needed")
        return Outcome::share_now;
    return Outcome::seek_advice; // not enough answered to decide yet
}

std::vector<Duty> duties(const Answers& a, const Walk& w) {
    std::vector<Duty> out;
    auto step =
        std::find_if(w.steps.begin(), w.steps.end(), [](auto& s) { return s.id == "legal_duty"; });
    auto share =
        std::find_if(w.steps.begin(), w.steps.end(), [](auto& s) { return s.id == "share_with"; });
    if (step == w.steps.end()) return out;
    for (const auto& o : step->options) {
        const DutyRule* d = duty_rule(o.id);
        if (!d || !a.has("legal_duty", o.id)) continue;
        Duty duty{o.id, o.label, d->recipient, {}, duty_applies(*d, a), false, o.citations};
        if (share != w.steps.end())
            if (const auto* r = share->option(duty.recipient)) duty.recipient_label = r->label;
        duty.met =
            duty.recipient.empty() ? shares_with_someone(a) : a.has("share_with", duty.recipient);
        out.push_back(std::move(duty));
    }
    return out;
}

std::set<std::string> raised_warnings(const Answers& a, const Walk& w, Outcome outcome,
                                      const std::vector<Duty>& chosen) {
    std::set<std::string> out;
    const bool sharing =
        outcome == Outcome::share_now || outcome == Outcome::share_after_seeking_consent;
    const bool not_sharing = outcome == Outcome::do_not_share_record_review;
    const bool duty_answered = a.find("legal_duty") != nullptr;
    const bool share_answered = a.find("share_with") != nullptr;
    const bool applicable_duty = any_applicable_duty(a);
    const std::string consent = a.first("consent");
    const std::string tell = a.first("tell_person");
    const bool child = a.has("at_risk", "child");

    if (not_sharing && child && (!a.find("advice") || a.has("advice", "none")))
        out.insert("child-not-shared-without-advice");
    // Abusive sexual activity must be shared: advice taken does not excuse not sharing it.
    if (not_sharing && child && a.has("concern", "sexual-abuse"))
        out.insert("child-sexual-abuse-not-shared");
    if (a.has("concern", "position-of-trust") && share_answered && !a.has("share_with", "lado"))
        out.insert("position-of-trust-lado");
    if (not_sharing && lacks_capacity(a) && adult_concerned(a))
        out.insert("adult-lacking-capacity-not-shared");
    if (applicable_duty && only(a, "share_with", "nobody")) out.insert("legal-duty-not-shared");
    for (const auto& d : chosen) {
        if (!d.applies && a.find("at_risk")) out.insert("duty-without-its-person");
        const DutyRule* rule = duty_rule(d.id);
        if (d.applies && !d.met && share_answered && shares_with_someone(a) &&
            *rule->recipient_warning)
            out.insert(rule->recipient_warning);
    }
    if (a.has("legal_duty", "request-no-order")) out.insert("request-is-not-a-duty");
    if (!applicable_duty && a.has("threshold", "no-concern") && shares_with_someone(a))
        out.insert("sharing-without-concern");
    if (!applicable_duty && !lacks_capacity(a) && a.has("public_interest", "does-not-outweigh") &&
        shares_with_someone(a))
        out.insert("sharing-against-weighing");
    if (sharing && (tell == "no-other" || (tell == "no-unsafe" && consent == "given")))
        out.insert("not-told-when-safe");
    if (a.has("how_shared", "phone-now") && !a.has("how_shared", "writing-same-day") &&
        !a.has("how_shared", "letter-or-email"))
        out.insert("phone-not-confirmed-in-writing");
    // Raised once the user has reached the record: no required step before it is open.
    for (const auto& s : w.applied) {
        if (s.id == "record_reasons") {
            if (!s.answered) out.insert("no-record-of-reasons");
            break;
        }
        if (s.required && !s.answered) break;
    }
    if (const auto* factors = a.find("public_interest_factors")) {
        auto it = std::find_if(w.steps.begin(), w.steps.end(),
                               [](auto& s) { return s.id == "public_interest_factors"; });
        if (it != w.steps.end() && factors->size() < it->options.size())
            out.insert("factors-not-all-weighed");
    }
    // Duties the user may have missed; the definition says where each applies.
    if (duty_answered && a.has("concern", "fgm") && child && !a.has("legal_duty", "fgm-report"))
        out.insert("fgm-duty-check");
    if (duty_answered && child && !a.has("legal_duty", "wales-relevant-partner") &&
        (outcome == Outcome::call_emergency || a.has("threshold", "reasonable-concern")) &&
        !a.has("share_with", "childrens-services"))
        out.insert("wales-relevant-partner-check");
    if (duty_answered && a.has("at_risk", "adult-at-risk") &&
        !a.has("legal_duty", "wales-adult-at-risk") && !a.has("share_with", "adult-social-care"))
        out.insert("wales-adult-duty-check");
    if (duty_answered && a.has("at_risk", "adult-at-risk") && !a.has("legal_duty", "asp-report") &&
        !a.has("share_with", "adult-social-care"))
        out.insert("asp-duty-check");
    if (duty_answered && !a.has("legal_duty", "ni-report-offence") &&
        has_any(a, "concern", {"sexual-abuse", "physical-abuse", "serious-crime", "fgm"}) &&
        !a.has("share_with", "police"))
        out.insert("ni-offence-check");
    return out;
}

// The notes the engine adds to the reasons, in the order they are given.
std::vector<std::string> raised_notes(const Answers& a, Outcome outcome) {
    std::vector<std::string> out;
    const std::string& p = a.profession;
    if (p == "nurse" || p == "midwife" || p == "health-visitor") out.push_back("code-nmc");
    if (p == "psychologist" || p == "paramedic") out.push_back("code-hcpc");
    if (p == "counsellor") out.push_back("code-bacp");
    if (a.has("at_risk", "child")) out.push_back("child-guidance-" + a.jurisdiction);
    if (a.has("at_risk", "adult-at-risk")) out.push_back("adult-guidance-" + a.jurisdiction);
    if (outcome == Outcome::seek_advice && a.has("at_risk", "child"))
        out.push_back("advice-about-a-child");
    if (outcome == Outcome::do_not_share_record_review && capable_adult_refused_alone(a))
        out.push_back("respected-refusal");
    return out;
}

bool shown_in(const WarningInfo& info, const std::string& jurisdiction) {
    const auto& js = info.jurisdictions;
    return js.empty() || std::find(js.begin(), js.end(), jurisdiction) != js.end();
}

void add_reason(std::vector<Reason>& reasons, Reason r) {
    if (std::none_of(reasons.begin(), reasons.end(), [&](auto& x) { return x.text == r.text; }))
        reasons.push_back(std::move(r));
}

// With no child at risk, guidance about children is not what the decision rests on.
void drop_child_sources(std::vector<Citation>& citations, const ChecklistDefinition& definition) {
    const auto& child = definition.child_sources();
    citations.erase(std::remove_if(citations.begin(), citations.end(),
                                   [&](auto& c) {
                                       return std::find(child.begin(), child.end(), c.ref) !=
                                              child.end();
                                   }),
                    citations.end());
}

} // namespace

Evaluation evaluate(const ChecklistDefinition& definition, const Answers& answers) {
    Evaluation e;
    e.jurisdiction = answers.jurisdiction;
    e.profession = answers.profession;
    const Walk w = walk(definition, answers);
    Answers a = w.effective;
    a.profession = answers.profession;
    e.steps = w.applied;
    for (const auto& s : w.applied)
        if (s.required && !s.answered) e.open_required_steps.push_back(s.id);
    e.complete = e.open_required_steps.empty();
    e.outcome = derive(a);
    e.emergency = e.outcome == Outcome::call_emergency;
    e.duties = duties(a, w);

    const OutcomeInfo& info = definition.outcome(e.outcome);
    e.reasons.push_back({"outcome", info.summary, info.citations, {}});
    for (const auto& id : raised_notes(a, e.outcome))
        if (const NoteInfo* note = definition.note(id); note && shown_in(*note, a.jurisdiction))
            add_reason(e.reasons, {"note", note->text, note->citations, note->id});
    for (std::size_t i = 0; i < w.applied.size(); ++i) {
        if (!w.applied[i].answered) continue;
        const Step& s = *w.applied_steps[i];
        for (const auto& o : s.options) // in the definition's order, whatever the answer's
            if (a.has(s.id, o.id) && !o.reason.empty())
                add_reason(e.reasons,
                           {s.id, o.reason, o.citations.empty() ? s.citations : o.citations, {}});
        if (!s.reason.empty()) add_reason(e.reasons, {s.id, s.reason, s.citations, {}});
    }

    const auto raised = raised_warnings(a, w, e.outcome, e.duties);
    for (const auto& info_w : definition.warnings())
        if (raised.count(info_w.id) && shown_in(info_w, answers.jurisdiction))
            e.warnings.push_back({info_w.id, info_w.text, info_w.citations});

    if (a.find("at_risk") && !a.has("at_risk", "child")) {
        for (auto& r : e.reasons)
            drop_child_sources(r.citations, definition);
        for (auto& x : e.warnings)
            drop_child_sources(x.citations, definition);
    }

    for (const auto& s : definition.steps())
        if (answers.find(s.id) && !a.find(s.id)) e.ignored_steps.push_back(s.id);
    for (const auto& [id, values] : answers.values)
        if (!values.empty() && !definition.step(id)) e.ignored_steps.push_back(id);
    return e;
}

// ---- Practice: the case's checklist key ---------------------------------------------------

namespace {

KeyComparison compare_row(const KeyAnswer& k, std::vector<std::string> given) {
    KeyComparison row;
    row.step = k.step;
    row.expected = k.answer;
    row.given = std::move(given);
    row.why = k.why;
    for (const auto& v : row.expected)
        if (std::find(row.given.begin(), row.given.end(), v) == row.given.end())
            row.missing.push_back(v);
    for (const auto& v : row.given)
        if (std::find(row.expected.begin(), row.expected.end(), v) == row.expected.end())
            row.extra.push_back(v);
    row.match = !row.given.empty() && row.missing.empty() && row.extra.empty();
    return row;
}

std::vector<KeyComparison> compare(const Answers& answers, const Case& c,
                                   const Evaluation* evaluation) {
    std::vector<KeyComparison> out;
    for (const auto& k : c.checklist_key) {
        std::vector<std::string> given;
        if (k.step == "outcome") {
            if (evaluation) given.push_back(to_string(evaluation->outcome));
        } else if (const auto* v = answers.find(k.step)) {
            given = *v;
        }
        out.push_back(compare_row(k, std::move(given)));
    }
    return out;
}

} // namespace

std::vector<KeyComparison> compare_with_key(const Answers& answers, const Case& c) {
    return compare(answers, c, nullptr);
}

std::vector<KeyComparison> compare_with_key(const Answers& answers, const Case& c,
                                            const Evaluation& evaluation) {
    return compare(answers, c, &evaluation);
}

std::vector<KeyComparison> Checklist::compare_with_key(const Answers& answers,
                                                       const Case& c) const {
    const Evaluation e = casebook::evaluate(definition_, answers);
    return casebook::compare_with_key(applicable_answers(definition_, answers), c, e);
}

std::string Checklist::answer_label(const std::string& step, const std::string& value,
                                    const std::string& jurisdiction) const {
    if (step == "outcome")
        if (auto o = outcome_from_string(value)) return definition_.outcome(*o).label;
    if (auto s = definition_.step(step, jurisdiction))
        if (const auto* o = s->option(value)) return o->label;
    return value;
}

} // namespace casebook
