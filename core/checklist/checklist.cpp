// The Checklist façade: the definition with the guidance it cites, over the engine's functions.
#include "casebook/checklist.hpp"

#include "casebook/base.hpp"
#include "checklist/engine.hpp"

namespace casebook {

Checklist Checklist::load(const AssetSource& assets, const Guidance& guidance, Problems& problems) {
    std::string text;
    try {
        text = assets.read(asset_path);
    } catch (const FileError& e) {
        problems.push_back({assets.where(asset_path), "(file)", e.reason()});
        return Checklist({}, guidance);
    }
    return Checklist(ChecklistDefinition::parse(text, assets.where(asset_path), guidance, problems),
                     guidance);
}

Answers Checklist::parse_answers(std::string_view json, const std::string& path, Problems& problems,
                                 AnswersCheck check, const std::string& jurisdiction,
                                 const std::string& profession) const {
    return casebook::parse_answers(json, path, definition_, problems, check, jurisdiction,
                                   profession);
}

Evaluation Checklist::evaluate(const Answers& answers) const {
    return casebook::evaluate(definition_, answers);
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

DecisionRecord Checklist::record(const Answers& answers, const std::string& written_at) const {
    return make_record(definition_, guidance_, answers, written_at);
}

std::string Checklist::markdown(const DecisionRecord& record) const {
    return render_markdown(record, guidance_);
}

std::string Checklist::text(const DecisionRecord& record) const {
    return render_text(record, guidance_);
}

std::string Checklist::answers_json(const Answers& answers) const {
    return answers_to_json(answers, definition_);
}

} // namespace casebook
