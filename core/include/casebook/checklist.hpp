#pragma once
// The disclosure checklist: its definition (assets/checklist/checklist.json, documented in
// assets/checklist/SCHEMA.md), a user's answers, the engine that derives the outcome, the
// comparison with a case's checklist key, and the decision record. Everything here is a pure
// function of its inputs: no clock, no files except through AssetSource, no global state.
#include "casebook/base/assets.hpp"
#include "casebook/base/problem.hpp"
#include "casebook/cases/case.hpp"
#include "casebook/cases/guidance.hpp"
#include "casebook/checklist/decision_records.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace casebook {

// The four jurisdictions the checklist knows, in this order: england, wales, scotland,
// northern-ireland. (A case may say "uk"; the checklist needs one of these four.)
const std::vector<std::string>& checklist_jurisdictions();
bool is_checklist_jurisdiction(const std::string& id);
// The professions of assets/cases/SCHEMA.md, which decide the guidance a user is shown.
const std::vector<std::string>& checklist_professions();
bool is_checklist_profession(const std::string& id);

// The five outcomes, with the ids of assets/cases/SCHEMA.md's `outcome` values.
enum class Outcome {
    share_now,
    share_after_seeking_consent,
    seek_advice,
    do_not_share_record_review,
    call_emergency
};
const std::array<Outcome, 5>& all_outcomes();
const char* to_string(Outcome outcome); // "share-now", ...
std::optional<Outcome> outcome_from_string(const std::string& text);

enum class AnswerType { single, multiple, yes_no, text };
const char* to_string(AnswerType type); // "single", "multiple", "yes-no", "text"
std::optional<AnswerType> answer_type_from_string(const std::string& text);

struct StepOption {
    std::string id;
    std::string label;
    bool exclusive = false;          // in a multiple choice, chosen only on its own ("nobody")
    std::string reason;              // given as a reason when chosen; may be empty
    std::vector<Citation> citations; // behind the reason
};

// Holds when `step` applies, is answered, and one of its values is in `is`.
struct Condition {
    std::string step;
    std::vector<std::string> is;
};

// What differs in one jurisdiction: help and options replace the step's own, citations are
// added after the step's own.
struct StepVariant {
    std::optional<std::string> help;
    std::optional<std::vector<StepOption>> options;
    std::vector<Citation> citations;
};

struct Step {
    std::string id;
    std::string title; // a plain-English question
    std::string help;
    AnswerType type = AnswerType::single;
    std::vector<StepOption> options; // yes/no steps always have "yes" and "no"; text has none
    std::vector<Condition> when;     // all must hold; empty = always applies
    bool required = false;
    std::string reason; // given as a reason when the step is answered; may be empty
    std::vector<Citation> citations;
    std::map<std::string, StepVariant> variants; // by jurisdiction; empty once resolved
    bool jurisdiction_specific = false;          // has variants (kept after resolving)

    const StepOption* option(const std::string& option_id) const;
};

struct OutcomeInfo {
    Outcome outcome = Outcome::seek_advice;
    std::string label;   // "Share now"
    std::string summary; // what to do, in a sentence or two
    std::vector<Citation> citations;
};

struct WarningInfo {
    std::string id;
    std::string text;
    std::vector<Citation> citations;
    std::vector<std::string> jurisdictions; // empty = everywhere
};

// A note is a reason the engine adds under its own conditions (the user's own professional
// code, the nation's guidance, safety planning); the definition gives its words. Same shape as
// a warning, but its citations may be empty (our own words, uncited).
using NoteInfo = WarningInfo;

// The professions of assets/cases/SCHEMA.md; a GMC paragraph shown to anyone but a doctor is
// labelled as the GMC's guidance for doctors.
bool is_doctor(const std::string& profession);
// "The GMC's guidance for doctors: GMC, ..." for a GMC citation shown to anyone but a doctor
// (an unknown profession included); otherwise the guidance's own label.
std::string citation_label(const Guidance& guidance, const Citation& citation,
                           const std::string& profession);

class ChecklistDefinition {
  public:
    // Parses and checks checklist.json: structure, conditions, the checklist_key step ids and
    // answer types, every citation against the guidance, and that jurisdiction-bound sources
    // are cited only in variants of their jurisdictions. Problems name the file and field.
    static ChecklistDefinition parse(std::string_view json, const std::string& path,
                                     const Guidance& guidance, Problems& problems);

    // The steps as written (variants unresolved), in order.
    const std::vector<Step>& steps() const { return steps_; }
    // The steps with the jurisdiction's variant applied (help and options replaced, citations
    // added), in order. An unknown jurisdiction gives the steps without any variant.
    std::vector<Step> steps(const std::string& jurisdiction) const;
    const Step* step(const std::string& id) const;
    std::optional<Step> step(const std::string& id, const std::string& jurisdiction) const;

    const OutcomeInfo& outcome(Outcome which) const;
    const std::vector<WarningInfo>& warnings() const { return warnings_; }
    const WarningInfo* warning(const std::string& id) const;
    const std::vector<NoteInfo>& notes() const { return notes_; }
    const NoteInfo* note(const std::string& id) const;
    // Sources that speak only about children: dropped from the reasons when no child is at risk.
    const std::vector<std::string>& child_sources() const { return child_sources_; }
    // Sources that belong to some jurisdictions only ("fgm2003" -> england, wales).
    const std::map<std::string, std::vector<std::string>>& source_jurisdictions() const {
        return source_jurisdictions_;
    }

  private:
    std::vector<Step> steps_;
    std::vector<OutcomeInfo> outcomes_;
    std::vector<WarningInfo> warnings_;
    std::vector<NoteInfo> notes_;
    std::vector<std::string> child_sources_;
    std::map<std::string, std::vector<std::string>> source_jurisdictions_;
};

// A user's answers: step id -> chosen option ids (one for single and yes/no steps, one or more
// for multiple choice), or the typed text as a single value.
struct Answers {
    std::string jurisdiction;
    std::string profession; // as in case files ("nurse"); empty = not stated
    std::map<std::string, std::vector<std::string>> values;

    // The values of a step with an answer, or nullptr.
    const std::vector<std::string>* find(const std::string& step) const;
    // The first value, or empty.
    std::string first(const std::string& step) const;
    bool has(const std::string& step, const std::string& value) const;
    void set(const std::string& step, std::vector<std::string> chosen) {
        values[step] = std::move(chosen);
    }
    void set(const std::string& step, const std::string& value) { values[step] = {value}; }
    void clear(const std::string& step) { values.erase(step); }
};

// `complete` also reports every required step that applies and has no answer; `draft` does not
// (for a record still being filled in).
enum class AnswersCheck { complete, draft };

// One step of a walk through the checklist.
struct AppliedStep {
    std::string id;
    bool required = false;
    bool answered = false;
    bool afterwards = false; // after an immediate danger: what to record once 999 is called
};

struct Reason {
    std::string step; // the step whose answer gives it, "outcome", or "note"
    std::string text;
    std::vector<Citation> citations;
    std::string note; // the note's id, for a note ("respected-refusal")
};

struct Warning {
    std::string id;
    std::string text;
    std::vector<Citation> citations;
};

// A statutory duty the user chose, with the body the law names. It applies when the person it
// protects is among those at risk (a girl for FGM, an adult at risk for the adult duties); it is
// met when its recipient is among those the user will tell. A court order names its own.
struct Duty {
    std::string id;        // the legal_duty option, "fgm-report"
    std::string label;     // the option's label in the jurisdiction
    std::string recipient; // a share_with option id ("police"); empty for a court order
    std::string recipient_label;
    bool applies = false;
    bool met = false;
    std::vector<Citation> citations;
};

struct Evaluation {
    std::string jurisdiction;
    std::string profession;
    // Exactly one outcome. Until `complete` it is provisional: what the answers so far give.
    Outcome outcome = Outcome::seek_advice;
    bool emergency = false;                       // immediate danger: call 999 first
    bool complete = false;                        // no required step open
    std::vector<AppliedStep> steps;               // the steps that apply, in order
    std::vector<Reason> reasons;                  // the outcome's first, then by step
    std::vector<std::string> open_required_steps; // in order
    std::vector<Duty> duties;                     // the legal duties chosen, in option order
    std::vector<Warning> warnings;                // where the answers go against the guidance
    std::vector<std::string> ignored_steps;       // answered, but not applying to these answers
};

// One row of the practice comparison with a case's checklist key.
struct KeyComparison {
    std::string step;
    std::vector<std::string> expected;
    std::vector<std::string> given;   // empty when not answered
    std::vector<std::string> missing; // expected but not given
    std::vector<std::string> extra;   // given but not expected
    bool match = false;               // same values, in any order
    std::string why;                  // the case's explanation
};

// A decision record: only what the user chose and typed (as labels and text), the date and
// time given by the caller, the jurisdiction, the outcome and the citations behind it.
struct RecordEntry {
    std::string step;
    std::string question;
    std::vector<std::string> answers; // option labels, or the typed text
    bool free_text = false;
};

struct RecordAddendum {
    std::string written_at;
    std::string text;
};

struct DecisionRecord {
    std::string written_at; // as given, e.g. "2025-03-04 14:30"
    std::string jurisdiction;
    std::string profession; // decides how GMC citations are labelled
    Outcome outcome = Outcome::seek_advice;
    std::string outcome_label;
    std::vector<RecordEntry> entries; // the answered steps that apply, in order
    std::vector<Citation> citations;  // behind the outcome and the reasons, in references order
    std::vector<RecordAddendum> addenda;
};

// The façade a screen or command holds: the definition with the guidance it cites. It is the one
// way the front ends parse answers, evaluate them and make records (the functions behind it are
// internal to the core, in core/checklist/engine.hpp).
class Checklist {
  public:
    static constexpr const char* asset_path = "checklist/checklist.json";

    // Reads and checks checklist/checklist.json from the assets; problems if it cannot.
    static Checklist load(const AssetSource& assets, const Guidance& guidance, Problems& problems);
    Checklist() = default;
    Checklist(ChecklistDefinition definition, Guidance guidance)
        : definition_(std::move(definition)), guidance_(std::move(guidance)) {}

    const ChecklistDefinition& definition() const { return definition_; }
    const Guidance& guidance() const { return guidance_; }

    std::vector<Step> steps(const std::string& jurisdiction) const {
        return definition_.steps(jurisdiction);
    }
    // Reads an answers file ({"jurisdiction": ..., "profession": ..., "answers": {...}}, see
    // SCHEMA.md). Problems name the step: field "answers.<step>" for an unknown step, a wrong
    // answer type, an unknown option or a missing required step. A non-empty `jurisdiction`
    // overrides the file's. Blank text counts as no answer.
    Answers parse_answers(std::string_view json, const std::string& path, Problems& problems,
                          AnswersCheck check = AnswersCheck::complete,
                          const std::string& jurisdiction = {},
                          const std::string& profession = {}) const;
    // The outcome of the answers, with its reasons, duties and warnings. Pure and deterministic;
    // answers are assumed checked (unknown values are ignored).
    Evaluation evaluate(const Answers& answers) const;
    // Compares the answers that apply, and the derived outcome, with the case's key.
    std::vector<KeyComparison> compare_with_key(const Answers& answers, const Case& c) const;
    // The decision record: what the user chose and typed, at `written_at`, with the citations
    // behind the outcome listed once each, in the order of references.json.
    DecisionRecord record(const Answers& answers, const std::string& written_at) const;
    // Plain headings and lists, no decoration, fit for pasting into patient notes.
    std::string markdown(const DecisionRecord& record) const;
    std::string text(const DecisionRecord& record) const;
    // The answers file format: a multiple-choice step as a list, any other as a string, in the
    // definition's step order (steps it does not know last, as lists).
    std::string answers_json(const Answers& answers) const;
    // A chosen value as its label in that jurisdiction ("childrens-services" -> "Children's
    // social care (the local authority)"); the value itself if the step or option is unknown.
    std::string answer_label(const std::string& step, const std::string& value,
                             const std::string& jurisdiction) const;

  private:
    ChecklistDefinition definition_;
    Guidance guidance_;
};

} // namespace casebook
