#pragma once
// Shared by the checklist's source files; not part of the public interface.
#include "casebook/checklist.hpp"

#include <string>
#include <vector>

namespace casebook::detail {

// Which steps apply, and the answers of those that do. A condition looks only at earlier steps
// that apply, so an answer left behind by a changed earlier answer has no effect.
struct Walk {
    std::vector<Step> steps; // resolved for the jurisdiction
    std::vector<AppliedStep> applied;
    std::vector<const Step*> applied_steps;
    Answers effective;
};
Walk walk(const ChecklistDefinition& definition, const Answers& answers);

// Every warning id the engine can raise; the definition must give each its text.
const std::vector<std::string>& engine_warning_ids();
// Every note id the engine can add to the reasons; the definition must give each its text.
const std::vector<std::string>& engine_note_ids();

// True if the text has something other than white space.
bool has_text(const std::string& text);

// The steps of assets/cases/SCHEMA.md's checklist_key that the checklist asks (outcome is
// derived, never asked), and whether each takes a list.
struct KeyStep {
    const char* id;
    bool list;
};
const std::vector<KeyStep>& key_steps();

} // namespace casebook::detail
