// The checklist's answers: reading and checking an answers file, the same checks on answers
// built in memory, and writing answers back in the file's format.
#include "base/json_reader.hpp"
#include "casebook/base.hpp"
#include "casebook/checklist.hpp"
#include "checklist/engine.hpp"
#include "checklist/support.hpp"

#include <algorithm>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <set>

namespace casebook {

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
    const detail::Walk w = detail::walk(definition, answers);
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

} // namespace casebook
