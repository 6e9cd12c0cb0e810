// The checklist definition: reading and checking assets/checklist/checklist.json, and resolving
// a jurisdiction's variants.
#include "base/json_reader.hpp"
#include "casebook/base.hpp"
#include "casebook/checklist.hpp"
#include "checklist/support.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>

namespace casebook {

const std::vector<std::string>& checklist_jurisdictions() {
    return nations();
}

bool is_checklist_jurisdiction(const std::string& id) {
    const auto& all = checklist_jurisdictions();
    return std::find(all.begin(), all.end(), id) != all.end();
}

const std::array<Outcome, 5>& all_outcomes() {
    static const std::array<Outcome, 5> all{
        Outcome::share_now, Outcome::share_after_seeking_consent, Outcome::seek_advice,
        Outcome::do_not_share_record_review, Outcome::call_emergency};
    return all;
}

const char* to_string(Outcome outcome) {
    switch (outcome) {
    case Outcome::share_now:
        return "share-now";
    case Outcome::share_after_seeking_consent:
        return "share-after-seeking-consent";
    case Outcome::seek_advice:
        return "seek-advice";
    case Outcome::do_not_share_record_review:
        return "do-not-share-record-review";
    case Outcome::call_emergency:
        return "call-emergency";
    }
    return "seek-advice";
}

std::optional<Outcome> outcome_from_string(const std::string& text) {
    for (Outcome o : all_outcomes())
        if (text == to_string(o)) return o;
    return std::nullopt;
}

const char* to_string(AnswerType type) {
    switch (type) {
    case AnswerType::single:
        return "single";
    case AnswerType::multiple:
        return "multiple";
    case AnswerType::yes_no:
        return "yes-no";
    case AnswerType::text:
        return "text";
    }
    return "single";
}

std::optional<AnswerType> answer_type_from_string(const std::string& text) {
    if (text == "single") return AnswerType::single;
    if (text == "multiple") return AnswerType::multiple;
    if (text == "yes-no") return AnswerType::yes_no;
    if (text == "text") return AnswerType::text;
    return std::nullopt;
}

const StepOption* Step::option(const std::string& option_id) const {
    auto it =
        std::find_if(options.begin(), options.end(), [&](auto& o) { return o.id == option_id; });
    return it == options.end() ? nullptr : &*it;
}

namespace detail {

bool has_text(const std::string& text) {
    return std::any_of(text.begin(), text.end(),
                       [](char ch) { return !std::isspace(static_cast<unsigned char>(ch)); });
}

const std::vector<KeyStep>& key_steps() {
    static const std::vector<KeyStep> steps{{"at_risk", true},     {"immediate_danger", false},
                                            {"concern", true},     {"legal_duty", true},
                                            {"consent", false},    {"share_with", true},
                                            {"tell_person", false}};
    return steps;
}

} // namespace detail

namespace {

using Scope = std::vector<std::string>; // the jurisdictions a piece of text is shown in

std::string join_words(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

bool is_step_id(const std::string& id) {
    if (id.empty() || !std::islower(static_cast<unsigned char>(id[0]))) return false;
    return std::all_of(id.begin(), id.end(), [](char ch) {
        return std::islower(static_cast<unsigned char>(ch)) ||
               std::isdigit(static_cast<unsigned char>(ch)) || ch == '_';
    });
}

bool is_option_id(const std::string& id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char ch) {
        return std::islower(static_cast<unsigned char>(ch)) ||
               std::isdigit(static_cast<unsigned char>(ch)) || ch == '-';
    });
}

// Reads the checklist file and records everything wrong with it.
class Parser {
  public:
    Parser(const std::string& path, const Guidance& guidance, Problems& problems)
        : r_(path, problems), guidance_(guidance) {}

    // Unknown fields are reported: a misspelt "requried" or an unsupported condition would
    // otherwise change what the checklist does without a word.
    void only_fields(const rapidjson::Value& obj, const std::string& at,
                     std::initializer_list<const char*> allowed) const {
        for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
            const std::string name(it->name.GetString(), it->name.GetStringLength());
            if (std::none_of(allowed.begin(), allowed.end(),
                             [&](const char* a) { return name == a; }))
                r_.problem(json::Reader::join(at, name.c_str()), "is not a known field");
        }
    }

    void non_empty(const std::string& value, const std::string& at, const char* key) const {
        if (value.empty()) r_.problem(json::Reader::join(at, key), "is empty");
    }

    void source_jurisdictions(const rapidjson::Value& doc,
                              std::map<std::string, std::vector<std::string>>& out) {
        const auto* v = r_.member(doc, "", "source_jurisdictions", true);
        if (!v) return;
        if (!r_.is_object(*v, "source_jurisdictions")) return;
        for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
            const std::string source(it->name.GetString(), it->name.GetStringLength());
            const std::string at = "source_jurisdictions." + source;
            if (!guidance_.source(source))
                r_.problem(at, "'" + source + "' is not a source in references.json");
            if (!it->value.IsArray() || it->value.Empty()) {
                r_.problem(at, "must be a non-empty list of jurisdictions");
                continue;
            }
            for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
                const auto& j = it->value[i];
                std::string id =
                    j.IsString() ? std::string(j.GetString(), j.GetStringLength()) : std::string();
                if (!is_checklist_jurisdiction(id))
                    r_.problem(at + "[" + std::to_string(i) + "]",
                               "must be one of " + join_words(checklist_jurisdictions()));
                else
                    out[source].push_back(id);
            }
        }
        scoped_ = &out;
    }

    std::vector<Citation> citations(const rapidjson::Value& obj, const std::string& path,
                                    bool required, const Scope& scope) const {
        std::vector<Citation> out;
        r_.array(obj, path, "citations", required,
                 [&](const rapidjson::Value& v, const std::string& at) {
                     if (!r_.is_object(v, at)) return;
                     only_fields(v, at, {"ref", "para", "topic"});
                     Citation c{r_.string(v, at, "ref"),
                                r_.string(v, at, "para", false),
                                r_.string(v, at, "topic", false),
                                {}};
                     if (guidance_.check(c, r_.file(), at, r_.problems())) in_scope(c, at, scope);
                     out.push_back(std::move(c));
                 });
        if (required && out.empty() && obj.HasMember("citations"))
            r_.problem(json::Reader::join(path, "citations"), "needs at least one citation");
        return out;
    }

    std::vector<StepOption> options(const rapidjson::Value& obj, const std::string& path,
                                    AnswerType type, const Scope& scope) const {
        std::vector<StepOption> out;
        const bool listed = obj.HasMember("options");
        if (type == AnswerType::text) {
            if (listed) r_.problem(json::Reader::join(path, "options"), "a text step has none");
            return out;
        }
        if (type == AnswerType::yes_no && !listed)
            return {{"yes", "Yes", false, {}, {}}, {"no", "No", false, {}, {}}};
        r_.array(obj, path, "options", true, [&](const rapidjson::Value& v, const std::string& at) {
            if (!r_.is_object(v, at)) return;
            only_fields(v, at, {"id", "label", "exclusive", "reason", "citations"});
            StepOption o;
            o.id = r_.string(v, at, "id");
            o.label = r_.string(v, at, "label");
            o.exclusive = r_.boolean(v, at, "exclusive", false);
            o.reason = r_.string(v, at, "reason", false);
            o.citations = citations(v, at, false, scope);
            if (!is_option_id(o.id))
                r_.problem(at + ".id", "'" + o.id + "' must be lower-case letters, digits and -");
            non_empty(o.label, at, "label");
            if (o.exclusive && type != AnswerType::multiple)
                r_.problem(at + ".exclusive", "only a multiple-choice option can be exclusive");
            if (!o.citations.empty() && o.reason.empty())
                r_.problem(at + ".citations", "cite guidance only behind a reason");
            if (std::any_of(out.begin(), out.end(), [&](auto& p) { return p.id == o.id; }))
                r_.problem(at + ".id", "'" + o.id + "' is used twice in this step");
            out.push_back(std::move(o));
        });
        const std::string at = json::Reader::join(path, "options");
        if (type == AnswerType::yes_no) {
            if (out.size() != 2 || out[0].id != "yes" || out[1].id != "no")
                r_.problem(at, "a yes/no step's options are \"yes\" then \"no\"");
        } else if (out.size() < 2) {
            r_.problem(at, "a choice needs at least two options");
        }
        return out;
    }

    std::vector<Condition> when(const rapidjson::Value& obj, const std::string& path) const {
        std::vector<Condition> out;
        const auto* v = r_.member(obj, path, "when", false);
        if (!v) return out;
        const std::string here = json::Reader::join(path, "when");
        auto one = [&](const rapidjson::Value& c, const std::string& at) {
            if (!r_.is_object(c, at)) return;
            only_fields(c, at, {"step", "is"});
            Condition cond{r_.string(c, at, "step"), r_.strings(c, at, "is")};
            if (cond.is.empty() && c.HasMember("is")) r_.problem(at + ".is", "is empty");
            out.push_back(std::move(cond));
        };
        if (v->IsArray()) {
            for (rapidjson::SizeType i = 0; i < v->Size(); ++i)
                one((*v)[i], here + "[" + std::to_string(i) + "]");
            if (v->Empty()) r_.problem(here, "is empty (leave it out if the step always applies)");
        } else {
            one(*v, here);
        }
        return out;
    }

    Step step(const rapidjson::Value& v, const std::string& at) const {
        only_fields(v, at,
                    {"id", "title", "help", "type", "required", "options", "when", "reason",
                     "citations", "variants"});
        Step s;
        s.id = r_.string(v, at, "id");
        s.title = r_.string(v, at, "title");
        s.help = r_.string(v, at, "help");
        non_empty(s.title, at, "title");
        non_empty(s.help, at, "help");
        if (!is_step_id(s.id))
            r_.problem(at + ".id", "'" + s.id + "' must be lower-case letters, digits and _");
        const std::string type = r_.string(v, at, "type");
        if (auto t = answer_type_from_string(type))
            s.type = *t;
        else if (v.HasMember("type"))
            r_.problem(at + ".type", "'" + type + "' is not one of single, multiple, yes-no, text");
        s.required = r_.boolean(v, at, "required");
        s.options = options(v, at, s.type, checklist_jurisdictions());
        s.when = when(v, at);
        s.reason = r_.string(v, at, "reason", false);
        s.citations = citations(v, at, true, checklist_jurisdictions());
        if (const auto* vs = r_.member(v, at, "variants", false);
            vs && r_.is_object(*vs, at + ".variants")) {
            for (auto it = vs->MemberBegin(); it != vs->MemberEnd(); ++it) {
                const std::string j(it->name.GetString(), it->name.GetStringLength());
                const std::string vat = at + ".variants." + j;
                if (!is_checklist_jurisdiction(j)) {
                    r_.problem(vat, "'" + j + "' is not one of " +
                                        join_words(checklist_jurisdictions()));
                    continue;
                }
                if (!r_.is_object(it->value, vat)) continue;
                only_fields(it->value, vat, {"help", "options", "citations"});
                StepVariant var;
                if (it->value.HasMember("help")) {
                    var.help = r_.string(it->value, vat, "help");
                    non_empty(*var.help, vat, "help");
                }
                if (it->value.HasMember("options"))
                    var.options = options(it->value, vat, s.type, {j});
                var.citations = citations(it->value, vat, false, {j});
                if (!var.help && !var.options && var.citations.empty())
                    r_.problem(vat, "changes nothing");
                s.variants.emplace(j, std::move(var));
            }
        }
        s.jurisdiction_specific = !s.variants.empty();
        return s;
    }

    // Conditions may only look back, at values the step can take in some jurisdiction.
    void check_conditions(const std::vector<Step>& steps) const {
        for (std::size_t i = 0; i < steps.size(); ++i) {
            for (std::size_t k = 0; k < steps[i].when.size(); ++k) {
                const auto& c = steps[i].when[k];
                const std::string at =
                    "steps[" + std::to_string(i) + "].when" +
                    (steps[i].when.size() > 1 ? "[" + std::to_string(k) + "]" : std::string());
                auto earlier = std::find_if(steps.begin(), steps.begin() + static_cast<long>(i),
                                            [&](auto& s) { return s.id == c.step; });
                if (earlier == steps.begin() + static_cast<long>(i)) {
                    r_.problem(at + ".step", "'" + c.step + "' is not an earlier step");
                    continue;
                }
                if (earlier->type == AnswerType::text) {
                    r_.problem(at + ".step", "'" + c.step +
                                                 "' is a text step; conditions look "
                                                 "at choices");
                    continue;
                }
                for (const auto& value : c.is) {
                    bool known = earlier->option(value) != nullptr;
                    for (const auto& [j, var] : earlier->variants)
                        if (var.options)
                            known = known || std::any_of(var.options->begin(), var.options->end(),
                                                         [&](auto& o) { return o.id == value; });
                    if (!known)
                        r_.problem(at + ".is",
                                   "'" + value + "' is not an answer to step '" + c.step + "'");
                }
            }
        }
    }

    // The steps a case's checklist_key answers must be asked, with a matching answer type.
    void check_key_steps(const std::vector<Step>& steps) const {
        for (const auto& key : detail::key_steps()) {
            auto it =
                std::find_if(steps.begin(), steps.end(), [&](auto& s) { return s.id == key.id; });
            if (it == steps.end()) {
                r_.problem("steps", std::string("has no step '") + key.id +
                                        "' (a checklist_key step of the case schema)");
                continue;
            }
            const bool list = it->type == AnswerType::multiple;
            const bool choice = it->type != AnswerType::text;
            if (!choice || list != key.list)
                r_.problem("steps[" + std::to_string(it - steps.begin()) + "].type",
                           std::string("step '") + key.id + "' must be " +
                               (key.list ? "multiple" : "single or yes-no") +
                               ", as in the case schema's checklist_key");
        }
        for (std::size_t i = 0; i < steps.size(); ++i)
            if (steps[i].id == "outcome")
                r_.problem("steps[" + std::to_string(i) + "].id",
                           "the outcome is derived by the engine, never asked");
    }

    std::vector<OutcomeInfo> outcomes(const rapidjson::Value& doc) const {
        std::vector<OutcomeInfo> out;
        r_.array(doc, "", "outcomes", true, [&](const rapidjson::Value& v, const std::string& at) {
            if (!r_.is_object(v, at)) return;
            only_fields(v, at, {"id", "label", "summary", "citations"});
            const std::string id = r_.string(v, at, "id");
            OutcomeInfo info;
            info.label = r_.string(v, at, "label");
            info.summary = r_.string(v, at, "summary");
            info.citations = citations(v, at, true, checklist_jurisdictions());
            non_empty(info.label, at, "label");
            non_empty(info.summary, at, "summary");
            auto o = outcome_from_string(id);
            if (!o) {
                r_.problem(at + ".id", "'" + id + "' is not an outcome of the case schema");
                return;
            }
            info.outcome = *o;
            if (std::any_of(out.begin(), out.end(), [&](auto& p) { return p.outcome == *o; }))
                r_.problem(at + ".id", "'" + id + "' is given twice");
            else
                out.push_back(std::move(info));
        });
        for (Outcome o : all_outcomes())
            if (std::none_of(out.begin(), out.end(), [&](auto& p) { return p.outcome == o; })) {
                r_.problem("outcomes", std::string("has no '") + to_string(o) + "'");
                out.push_back({o, to_string(o), to_string(o), {}});
            }
        std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.outcome < b.outcome; });
        return out;
    }

    // Warnings and notes: texts whose conditions the engine decides. A note may be uncited.
    std::vector<WarningInfo> warnings(const rapidjson::Value& doc, const char* list = "warnings",
                                      bool cited = true) const {
        std::vector<WarningInfo> out;
        const bool notes = !cited;
        const auto& known = notes ? detail::engine_note_ids() : detail::engine_warning_ids();
        r_.array(doc, "", list, true, [&](const rapidjson::Value& v, const std::string& at) {
            if (!r_.is_object(v, at)) return;
            only_fields(v, at, {"id", "text", "citations", "jurisdictions"});
            WarningInfo w;
            w.id = r_.string(v, at, "id");
            w.text = r_.string(v, at, "text");
            w.jurisdictions = r_.strings(v, at, "jurisdictions", false);
            for (const auto& j : w.jurisdictions)
                if (!is_checklist_jurisdiction(j))
                    r_.problem(at + ".jurisdictions", "'" + j + "' is not one of " +
                                                          join_words(checklist_jurisdictions()));
            w.citations =
                citations(v, at, cited,
                          w.jurisdictions.empty() ? checklist_jurisdictions() : w.jurisdictions);
            non_empty(w.text, at, "text");
            if (std::find(known.begin(), known.end(), w.id) == known.end())
                r_.problem(at + ".id", "'" + w.id + "' is not a " + (notes ? "note" : "warning") +
                                           " the engine raises");
            if (std::any_of(out.begin(), out.end(), [&](auto& p) { return p.id == w.id; }))
                r_.problem(at + ".id", "'" + w.id + "' is given twice");
            out.push_back(std::move(w));
        });
        for (const auto& id : known)
            if (std::none_of(out.begin(), out.end(), [&](auto& w) { return w.id == id; }))
                r_.problem(list, std::string("has no text for the engine's ") +
                                     (notes ? "note" : "warning") + " '" + id + "'");
        return out;
    }

    std::vector<std::string> child_sources(const rapidjson::Value& doc) const {
        auto out = r_.strings(doc, "", "child_sources");
        for (std::size_t i = 0; i < out.size(); ++i)
            if (!guidance_.source(out[i]))
                r_.problem("child_sources[" + std::to_string(i) + "]",
                           "'" + out[i] + "' is not a source in references.json");
        return out;
    }

    const json::Reader& reader() const { return r_; }

  private:
    // A source bound to some jurisdictions may only be cited where it applies: Scotland never
    // sees English statute.
    void in_scope(const Citation& c, const std::string& at, const Scope& scope) const {
        if (!scoped_) return;
        auto it = scoped_->find(c.ref);
        if (it == scoped_->end()) return;
        for (const auto& j : scope)
            if (std::find(it->second.begin(), it->second.end(), j) == it->second.end()) {
                r_.problem(at, "cites " + c.ref + ", which applies only in " +
                                   join_words(it->second, " and ") +
                                   ": cite it in a variant for those jurisdictions");
                return;
            }
    }

    json::Reader r_;
    const Guidance& guidance_;
    const std::map<std::string, std::vector<std::string>>* scoped_ = nullptr;
};

} // namespace

ChecklistDefinition ChecklistDefinition::parse(std::string_view text, const std::string& path,
                                               const Guidance& guidance, Problems& problems) {
    ChecklistDefinition d;
    rapidjson::Document doc;
    if (!json::parse(doc, text, path, problems)) return d;
    Parser p(path, guidance, problems);
    const auto& r = p.reader();
    p.only_fields(doc, "",
                  {"schema", "about", "source_jurisdictions", "child_sources", "outcomes",
                   "warnings", "notes", "steps"});
    if (r.integer(doc, "", "schema") != 1 && doc.HasMember("schema"))
        r.problem("schema", "must be 1 (this version of Casebook reads schema 1)");
    p.source_jurisdictions(doc, d.source_jurisdictions_);
    d.outcomes_ = p.outcomes(doc);
    d.warnings_ = p.warnings(doc);
    d.notes_ = p.warnings(doc, "notes", false);
    d.child_sources_ = p.child_sources(doc);
    std::set<std::string> ids;
    r.array(doc, "", "steps", true, [&](const rapidjson::Value& v, const std::string& at) {
        if (!r.is_object(v, at)) return;
        Step s = p.step(v, at);
        if (!ids.insert(s.id).second) r.problem(at + ".id", "'" + s.id + "' is used twice");
        d.steps_.push_back(std::move(s));
    });
    p.check_conditions(d.steps_);
    p.check_key_steps(d.steps_);
    return d;
}

std::vector<Step> ChecklistDefinition::steps(const std::string& jurisdiction) const {
    std::vector<Step> out;
    out.reserve(steps_.size());
    for (const auto& s : steps_)
        out.push_back(*step(s.id, jurisdiction));
    return out;
}

const Step* ChecklistDefinition::step(const std::string& id) const {
    auto it = std::find_if(steps_.begin(), steps_.end(), [&](auto& s) { return s.id == id; });
    return it == steps_.end() ? nullptr : &*it;
}

std::optional<Step> ChecklistDefinition::step(const std::string& id,
                                              const std::string& jurisdiction) const {
    const Step* base = step(id);
    if (!base) return std::nullopt;
    Step out = *base;
    out.variants.clear();
    if (auto it = base->variants.find(jurisdiction); it != base->variants.end()) {
        const StepVariant& var = it->second;
        if (var.help) out.help = *var.help;
        if (var.options) out.options = *var.options;
        out.citations.insert(out.citations.end(), var.citations.begin(), var.citations.end());
    }
    return out;
}

const OutcomeInfo& ChecklistDefinition::outcome(Outcome which) const {
    auto it = std::find_if(outcomes_.begin(), outcomes_.end(),
                           [&](auto& o) { return o.outcome == which; });
    if (it != outcomes_.end()) return *it;
    // Only a definition that failed to parse lacks an outcome; give its id rather than crash.
    static const std::array<OutcomeInfo, 5> bare{{
        {Outcome::share_now, "share-now", "share-now", {}},
        {Outcome::share_after_seeking_consent,
         "share-after-seeking-consent",
         "share-after-seeking-consent",
         {}},
        {Outcome::seek_advice, "seek-advice", "seek-advice", {}},
        {Outcome::do_not_share_record_review,
         "do-not-share-record-review",
         "do-not-share-record-review",
         {}},
        {Outcome::call_emergency, "call-emergency", "call-emergency", {}},
    }};
    return bare[static_cast<std::size_t>(which)];
}

const WarningInfo* ChecklistDefinition::warning(const std::string& id) const {
    auto it = std::find_if(warnings_.begin(), warnings_.end(), [&](auto& w) { return w.id == id; });
    return it == warnings_.end() ? nullptr : &*it;
}

const NoteInfo* ChecklistDefinition::note(const std::string& id) const {
    auto it = std::find_if(notes_.begin(), notes_.end(), [&](auto& n) { return n.id == id; });
    return it == notes_.end() ? nullptr : &*it;
}

bool is_doctor(const std::string& profession) {
    return profession == "doctor";
}

std::string citation_label(const Guidance& guidance, const Citation& citation,
                           const std::string& profession) {
    if (citation.ref.rfind("gmc-", 0) == 0 && !is_doctor(profession))
        return "The GMC's guidance for doctors: " + guidance.label(citation);
    return guidance.label(citation);
}

} // namespace casebook
