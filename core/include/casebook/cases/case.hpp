#pragma once
#include <optional>
#include <string>
#include <vector>

namespace casebook {

enum class Grade { best, acceptable, unsafe };

// Where a reader is with a case: never opened, started, or finished at least once.
enum class CaseStatus { fresh, in_progress, done };
const char* to_string(CaseStatus status);
std::optional<CaseStatus> case_status_from_string(const std::string& text);

const char* to_string(Grade grade);
std::optional<Grade> grade_from_string(const std::string& text);

struct CastMember {
    std::string id;
    std::string name;
    std::string role;
    bool clinician = false;
    bool operator==(const CastMember&) const = default;
};

struct Line {
    std::string speaker; // a CastMember id
    std::string text;
    bool operator==(const Line&) const = default;
};

struct Option {
    std::string key; // "A", "B", ...
    std::string text;
    Grade grade = Grade::unsafe;
    std::string feedback;
    bool operator==(const Option&) const = default;
};

struct Decision {
    std::string id;
    std::vector<std::string> before; // how the story moved on, shown before the prompt
    std::vector<Line> dialogue;
    std::string prompt;
    std::vector<Option> options;

    const Option* option(const std::string& key) const;
    bool operator==(const Decision&) const = default;
};

// A citation names either a numbered paragraph or, for points the sheet marks T, a topic.
struct Citation {
    std::string ref;
    std::string para;
    std::string topic;
    std::string applies;
    bool operator==(const Citation&) const = default;
};

struct View {
    std::string who;
    std::string view;
    bool supported = false;
    std::string why;
    bool operator==(const View&) const = default;
};

struct KeyAnswer {
    std::string step;
    std::vector<std::string> answer;
    std::string why;
    bool operator==(const KeyAnswer&) const = default;
};

struct Case {
    std::string id;
    std::string title;
    std::string summary;
    std::string profession;
    std::string setting;
    std::string jurisdiction;
    std::vector<std::string> topics;
    int minutes = 0;
    std::vector<CastMember> cast;
    std::vector<std::string> story;
    std::vector<Line> dialogue;
    std::vector<Decision> decisions;
    std::vector<std::string> what_happened;
    std::vector<Citation> citations;
    std::vector<View> views;
    std::vector<std::string> learning_points;
    // The prompt written for each learning point (same order), or empty where the file has none.
    std::vector<std::string> learning_prompts;
    std::vector<KeyAnswer> checklist_key;
    // The year the case's law and guidance were last checked against the references sheet
    // ("guidance_checked" in the file); absent in older cases.
    std::optional<int> guidance_checked;

    std::string source_path; // where it was loaded from, for messages

    const CastMember* member(const std::string& id) const;
    const Decision* decision(const std::string& id) const;
    bool operator==(const Case&) const = default;
};

// Human labels for the enumerations used in case files.
std::string profession_label(const std::string& profession);
std::string setting_label(const std::string& setting);
std::string jurisdiction_label(const std::string& jurisdiction);
std::string topic_label(const std::string& topic);

// The references-sheet source ids of a profession's own code of conduct: the regulator's code
// (or, for counsellors, the professional body's framework). Empty for doctors, whose GMC guidance
// is cited throughout, and for roles with no code on the sheet.
const std::vector<std::string>& own_code_sources(const std::string& profession);
// Whether a profession's own code must be cited at least once in a case it leads.
bool needs_own_code(const std::string& profession);

} // namespace casebook
