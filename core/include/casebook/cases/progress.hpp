#pragma once
// A person's progress through the cases: attempts with their choices, and reflections.
#include "casebook/cases/case.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace casebook {

class Store;

struct Choice {
    std::string decision_id;
    std::string option_key;
    std::string chosen_at; // ISO 8601, UTC
};

// One play-through of a case: the option chosen at each decision and when.
struct Attempt {
    std::string id; // random 128-bit, hex
    std::string case_id;
    std::string started_at;
    std::string finished_at; // empty while in progress
    std::vector<Choice> choices;
};

// The progress tables (attempt, choice, reflection) of a Store's database. Progress and
// reflections belong to a profile: every call names the profile it acts for, and one profile
// never sees or changes another's. An empty profile_id is the device's use without a profile.
// Failures throw StoreError.
class Progress {
  public:
    explicit Progress(Store& store) : store_(&store) {}

    Attempt start_attempt(const std::string& profile_id, const std::string& case_id);
    // Records (or replaces) the choice at one decision of an attempt.
    void record_choice(const std::string& profile_id, const std::string& attempt_id,
                       const std::string& decision_id, const std::string& option_key);
    void finish_attempt(const std::string& profile_id, const std::string& attempt_id);
    std::optional<Attempt> latest_attempt(const std::string& profile_id,
                                          const std::string& case_id) const;
    std::vector<Attempt> attempts(const std::string& profile_id, const std::string& case_id) const;

    CaseStatus status(const std::string& profile_id, const std::string& case_id) const;
    std::map<std::string, CaseStatus> statuses(const std::string& profile_id) const;

    void save_reflection(const std::string& profile_id, const std::string& case_id,
                         const std::string& text);
    std::string reflection(const std::string& profile_id, const std::string& case_id) const;

  private:
    Store* store_;
};

} // namespace casebook
