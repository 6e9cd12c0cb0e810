#pragma once
// The checklist's functions behind the Checklist façade (casebook/checklist.hpp): front ends go
// through the façade; the core and the white-box tests call these directly.
#include "casebook/checklist.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace casebook {

// Parses an answers file ({"jurisdiction": ..., "profession": ..., "answers": {...}}, see
// SCHEMA.md). Problems name the step: field "answers.<step>" for an unknown step, a wrong
// answer type, an unknown option or a missing required step. A non-empty `jurisdiction`
// overrides the file's. Blank text counts as no answer.
Answers parse_answers(std::string_view json, const std::string& path,
                      const ChecklistDefinition& definition, Problems& problems,
                      AnswersCheck check = AnswersCheck::complete,
                      const std::string& jurisdiction = {}, const std::string& profession = {});
// The same checks on answers built in memory (by a screen).
Problems check_answers(const Answers& answers, const std::string& path,
                       const ChecklistDefinition& definition,
                       AnswersCheck check = AnswersCheck::complete);
// The answers file format: a multiple-choice step as a list, any other as a string, in the
// definition's step order (steps it does not know last, as lists).
std::string answers_to_json(const Answers& answers, const ChecklistDefinition& definition);

// The steps that apply to these answers, in order. A step applies when its conditions hold on
// the answers of earlier steps that themselves apply.
std::vector<std::string> applicable_steps(const ChecklistDefinition& definition,
                                          const Answers& answers);
// The answers of the steps that apply (drops answers left over from a changed earlier answer).
Answers applicable_answers(const ChecklistDefinition& definition, const Answers& answers);
// The engine. Pure and deterministic; answers are assumed checked (unknown values are ignored).
Evaluation evaluate(const ChecklistDefinition& definition, const Answers& answers);

// Each checklist_key entry of the case, in the case's order. The "outcome" row compares with
// the evaluation's outcome when one is given, and is unanswered otherwise.
std::vector<KeyComparison> compare_with_key(const Answers& answers, const Case& c);
std::vector<KeyComparison> compare_with_key(const Answers& answers, const Case& c,
                                            const Evaluation& evaluation);

// Citations are listed once each, by document in the order of references.json, paragraphs in
// number order, then sections cited by topic.
DecisionRecord make_record(const ChecklistDefinition& definition, const Guidance& guidance,
                           const Answers& answers, const std::string& written_at);
// Plain headings and lists, no decoration, fit for pasting into patient notes.
std::string render_markdown(const DecisionRecord& record, const Guidance& guidance);
std::string render_text(const DecisionRecord& record, const Guidance& guidance);

} // namespace casebook
