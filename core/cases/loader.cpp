#include "base/json_reader.hpp"
#include "casebook/cases.hpp"

namespace casebook {

namespace {

std::vector<Line> read_lines(const json::Reader& r, const rapidjson::Value& obj,
                             const std::string& path, const char* key, bool required) {
    std::vector<Line> lines;
    r.array(obj, path, key, required, [&](const rapidjson::Value& v, const std::string& at) {
        if (!r.is_object(v, at)) return;
        lines.push_back({r.string(v, at, "speaker"), r.string(v, at, "text")});
    });
    return lines;
}

} // namespace

Case parse_case(std::string_view text, const std::string& path, Problems& problems) {
    Case c;
    c.source_path = path;
    rapidjson::Document doc;
    if (!json::parse(doc, text, path, problems)) return c;
    json::Reader r(path, problems);
    const std::string root;

    if (r.integer(doc, root, "schema") != 1 && doc.HasMember("schema"))
        r.problem("schema", "must be 1 (this version of Casebook reads schema 1)");
    c.id = r.string(doc, root, "id");
    c.title = r.string(doc, root, "title");
    c.summary = r.string(doc, root, "summary");
    c.profession = r.string(doc, root, "profession");
    c.setting = r.string(doc, root, "setting");
    c.jurisdiction = r.string(doc, root, "jurisdiction");
    c.topics = r.strings(doc, root, "topics");
    c.minutes = r.integer(doc, root, "minutes");
    r.array(doc, root, "cast", true, [&](const rapidjson::Value& v, const std::string& at) {
        if (!r.is_object(v, at)) return;
        c.cast.push_back({r.string(v, at, "id"), r.string(v, at, "name"), r.string(v, at, "role"),
                          r.boolean(v, at, "clinician", false)});
    });
    c.story = r.strings(doc, root, "story");
    c.dialogue = read_lines(r, doc, root, "dialogue", true);
    r.array(doc, root, "decisions", true, [&](const rapidjson::Value& v, const std::string& at) {
        if (!r.is_object(v, at)) return;
        Decision d;
        d.id = r.string(v, at, "id");
        d.before = r.strings(v, at, "before", false);
        d.dialogue = read_lines(r, v, at, "dialogue", false);
        d.prompt = r.string(v, at, "prompt");
        r.array(v, at, "options", true, [&](const rapidjson::Value& o, const std::string& oat) {
            if (!r.is_object(o, oat)) return;
            Option opt;
            opt.key = r.string(o, oat, "key");
            opt.text = r.string(o, oat, "text");
            const std::string grade = r.string(o, oat, "grade");
            if (auto g = grade_from_string(grade))
                opt.grade = *g;
            else if (!grade.empty())
                r.problem(oat + ".grade", "'" + grade + "' is not best, acceptable or unsafe");
            opt.feedback = r.string(o, oat, "feedback");
            d.options.push_back(std::move(opt));
        });
        c.decisions.push_back(std::move(d));
    });
    c.what_happened = r.strings(doc, root, "what_happened");
    r.array(doc, root, "citations", true, [&](const rapidjson::Value& v, const std::string& at) {
        if (!r.is_object(v, at)) return;
        c.citations.push_back({r.string(v, at, "ref"), r.string(v, at, "para", false),
                               r.string(v, at, "topic", false), r.string(v, at, "applies")});
    });
    r.array(doc, root, "views", true, [&](const rapidjson::Value& v, const std::string& at) {
        if (!r.is_object(v, at)) return;
        c.views.push_back({r.string(v, at, "who"), r.string(v, at, "view"),
                           r.boolean(v, at, "supported"), r.string(v, at, "why")});
    });
    // A learning point is its text, or an object with its text and the prompt that asks for it
    // in revision: { "point": "...", "prompt": "..." }.
    r.array(doc, root, "learning_points", true,
            [&](const rapidjson::Value& v, const std::string& at) {
                if (v.IsString()) {
                    c.learning_points.emplace_back(v.GetString(), v.GetStringLength());
                    c.learning_prompts.emplace_back();
                } else if (v.IsObject()) {
                    c.learning_points.push_back(r.string(v, at, "point"));
                    c.learning_prompts.push_back(r.string(v, at, "prompt"));
                } else {
                    r.problem(at, "must be a string or an object with a point and a prompt");
                }
            });
    r.array(doc, root, "checklist_key", true,
            [&](const rapidjson::Value& v, const std::string& at) {
                if (!r.is_object(v, at)) return;
                KeyAnswer k;
                k.step = r.string(v, at, "step");
                if (const auto* a = r.member(v, at, "answer", true)) {
                    if (a->IsString())
                        k.answer.emplace_back(a->GetString(), a->GetStringLength());
                    else
                        k.answer = r.strings(v, at, "answer");
                }
                k.why = r.string(v, at, "why");
                c.checklist_key.push_back(std::move(k));
            });
    if (const auto* year = r.member(doc, root, "guidance_checked", false)) {
        if (year->IsInt())
            c.guidance_checked = year->GetInt();
        else
            r.problem("guidance_checked", "must be a whole number (a year, such as 2026)");
    }
    return c;
}

} // namespace casebook
