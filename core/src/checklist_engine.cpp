// The checklist engine: answers files, which steps apply, the outcome with its reasons and
// warnings, and the comparison with a case's checklist key. Pure functions of their inputs.
#include "casebook/checklist.hpp"
#include "checklist_support.hpp"
#include "json_reader.hpp"

#include <algorithm>
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

namespace {

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
                      const std::string& jurisdiction) {
    Answers a;
    rapidjson::Document doc;
    if (!json::parse(doc, text, path, problems)) return a;
    json::Reader r(path, problems);
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
        const std::string name(it->name.GetString(), it->name.GetStringLength());
        if (name != "jurisdiction" && name != "answers")
            r.problem(name, "is not a known field (an answers file has jurisdiction and answers)");
    }
    a.jurisdiction = jurisdiction.empty() ? r.string(doc, "", "jurisdiction") : jurisdiction;
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
            if (s->type == AnswerType::multiple) {
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
    check_values(answers, definition, r, check, {});
    return problems;
}

std::string answers_to_json(const Answers& answers, const ChecklistDefinition& definition) {
    JsonWriter w;
    w.begin_object().key("jurisdiction").value(answers.jurisdiction).key("answers").begin_object();
    for (const auto& s : definition.steps()) {
        const auto* v = answers.find(s.id);
        if (!v) continue;
        w.key(s.id);
        if (s.type == AnswerType::multiple)
            w.strings(*v);
        else
            w.value(v->front());
    }
    for (const auto& [id, values] : answers.values)
        if (!definition.step(id) && !values.empty()) w.key(id).strings(values);
    w.end_object().end_object();
    return w.str();
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
        "adult-lacking-capacity-not-shared",
        "legal-duty-not-shared",
        "sharing-without-concern",
        "sharing-against-weighing",
        "not-told-when-safe",
        "no-record-of-reasons",
        "phone-not-confirmed-in-writing",
        "factors-not-all-weighed",
        "fgm-duty-check",
        "wales-relevant-partner-check",
        "ni-offence-check",
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

// The outcome, from the answers of the steps that apply. The order of the rules is the order
// of the guidance: danger first; then doubt is resolved by advice; then a decision not to share;
// then the law; then consent and the public interest.
Outcome derive(const Answers& a) {
    if (a.has("immediate_danger", "yes")) return Outcome::call_emergency;
    if (a.has("threshold", "not-sure") || a.has("public_interest", "not-sure"))
        return Outcome::seek_advice;
    if (only(a, "share_with", "nobody") || a.has("threshold", "no-concern") ||
        a.has("public_interest", "does-not-outweigh"))
        return Outcome::do_not_share_record_review;
    const std::string duty = a.first("legal_duty");
    if (!duty.empty() && duty != "none") return Outcome::share_now;
    const std::string consent = a.first("consent");
    if (consent == "given" || consent == "not-asked-yet")
        return Outcome::share_after_seeking_consent;
    // After a refusal (and a weighing that favours sharing), a threat to others or a serious
    // crime is shared now: waiting exposes others to the harm. Otherwise share having told them.
    if (consent == "refused")
        return has_any(a, "concern", {"threat-to-others", "serious-crime"})
                   ? Outcome::share_now
                   : Outcome::share_after_seeking_consent;
    if (consent == "not-asked-unsafe" || consent == "not-asked-impracticable" ||
        consent == "not-needed" || consent == "lacks-capacity")
        return Outcome::share_now;
    return Outcome::seek_advice; // not enough answered to decide yet
}

std::set<std::string> raised_warnings(const Answers& a, const Walk& w, Outcome outcome) {
    std::set<std::string> out;
    const bool sharing =
        outcome == Outcome::share_now || outcome == Outcome::share_after_seeking_consent;
    const bool not_sharing = outcome == Outcome::do_not_share_record_review;
    const std::string duty = a.first("legal_duty");
    const bool legal_duty = !duty.empty() && duty != "none";
    const std::string consent = a.first("consent");
    const std::string tell = a.first("tell_person");

    if (not_sharing && a.has("at_risk", "child") && (!a.find("advice") || a.has("advice", "none")))
        out.insert("child-not-shared-without-advice");
    if (not_sharing && consent == "lacks-capacity" &&
        has_any(a, "at_risk", {"adult-at-risk", "patient"}))
        out.insert("adult-lacking-capacity-not-shared");
    if (legal_duty && only(a, "share_with", "nobody")) out.insert("legal-duty-not-shared");
    if (a.has("threshold", "no-concern") && shares_with_someone(a))
        out.insert("sharing-without-concern");
    if (a.has("public_interest", "does-not-outweigh") && shares_with_someone(a))
        out.insert("sharing-against-weighing");
    if (sharing && (tell == "no-other" || (tell == "no-unsafe" && consent == "given")))
        out.insert("not-told-when-safe");
    if (a.has("how_shared", "phone-now") && !a.has("how_shared", "writing-same-day"))
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
    // Jurisdiction-bound duties; the definition says where each applies.
    if (a.has("concern", "fgm") && a.has("at_risk", "child") && !duty.empty() &&
        duty != "fgm-report")
        out.insert("fgm-duty-check");
    if (a.has("at_risk", "child") && duty == "none" &&
        (outcome == Outcome::call_emergency || a.has("threshold", "reasonable-concern")) &&
        !a.has("share_with", "childrens-services"))
        out.insert("wales-relevant-partner-check");
    if (duty == "none" &&
        has_any(a, "concern", {"sexual-abuse", "physical-abuse", "serious-crime", "fgm"}) &&
        !a.has("share_with", "police"))
        out.insert("ni-offence-check");
    return out;
}

void add_reason(std::vector<Reason>& reasons, Reason r) {
    if (std::none_of(reasons.begin(), reasons.end(), [&](auto& x) { return x.text == r.text; }))
        reasons.push_back(std::move(r));
}

} // namespace

Evaluation evaluate(const ChecklistDefinition& definition, const Answers& answers) {
    Evaluation e;
    e.jurisdiction = answers.jurisdiction;
    const Walk w = walk(definition, answers);
    const Answers& a = w.effective;
    e.steps = w.applied;
    for (const auto& s : w.applied)
        if (s.required && !s.answered) e.open_required_steps.push_back(s.id);
    e.complete = e.open_required_steps.empty();
    e.outcome = derive(a);
    e.emergency = e.outcome == Outcome::call_emergency;

    const OutcomeInfo& info = definition.outcome(e.outcome);
    e.reasons.push_back({"outcome", info.summary, info.citations});
    for (std::size_t i = 0; i < w.applied.size(); ++i) {
        if (!w.applied[i].answered) continue;
        const Step& s = *w.applied_steps[i];
        for (const auto& o : s.options) // in the definition's order, whatever the answer's
            if (a.has(s.id, o.id) && !o.reason.empty())
                add_reason(e.reasons,
                           {s.id, o.reason, o.citations.empty() ? s.citations : o.citations});
        if (!s.reason.empty()) add_reason(e.reasons, {s.id, s.reason, s.citations});
    }

    const auto raised = raised_warnings(a, w, e.outcome);
    for (const auto& info_w : definition.warnings()) {
        if (!raised.count(info_w.id)) continue;
        const auto& js = info_w.jurisdictions;
        if (!js.empty() && std::find(js.begin(), js.end(), answers.jurisdiction) == js.end())
            continue;
        e.warnings.push_back({info_w.id, info_w.text, info_w.citations});
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
