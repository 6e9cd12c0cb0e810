// The checklist engine: which steps apply, the outcome with its reasons and warnings, and the
// comparison with a case's checklist key. Pure functions of their inputs.
#include "checklist/engine.hpp"

#include "casebook/checklist.hpp"
#include "checklist/support.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace casebook {

namespace {

bool answered(const Step& s, const Answers& answers) {
    const auto* v = answers.find(s.id);
    if (!v) return false;
    if (s.type == AnswerType::text)
        return std::any_of(v->begin(), v->end(), [](auto& t) { return detail::has_text(t); });
    return true;
}

bool holds(const Condition& c, const Answers& effective) {
    const auto* v = effective.find(c.step);
    return v && std::any_of(v->begin(), v->end(), [&](auto& value) {
               return std::find(c.is.begin(), c.is.end(), value) != c.is.end();
           });
}

} // namespace

namespace detail {

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

} // namespace detail

using detail::walk;
using detail::Walk;

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

} // namespace casebook
