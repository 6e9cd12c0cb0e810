#pragma once
#include "casebook/cases/case.hpp"
#include "casebook/cases/progress.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casebook {

// One reader working through one case: which decisions are showing, what was chosen, whether
// the outcome is revealed. Every choice is stored as it is made; opening a case resumes the
// latest attempt. Everything is read and written for one profile (empty: use without a profile).
class CaseRun {
  public:
    CaseRun(const Case& c, Store& store, std::string profile_id);

    const Case& current_case() const { return *case_; }
    // How many decisions are on screen (at least 1).
    std::size_t revealed() const { return revealed_; }
    std::optional<std::string> chosen(std::size_t decision) const;
    // Records the choice; false if that decision is not showing or already answered.
    bool choose(std::size_t decision, const std::string& key);
    // True when the last decision showing is answered and there is more to see.
    bool can_continue() const;
    // Shows the next decision, or the outcome after the last one (finishing the attempt).
    void next();
    bool finished() const { return finished_; }
    // Starts a fresh attempt at the same case.
    void restart();

    std::string reflection() const;
    void save_reflection(const std::string& text);

  private:
    const Case* case_;
    Progress progress_;
    std::string profile_id_;
    std::string attempt_id_;
    std::vector<std::optional<std::string>> choices_;
    std::size_t revealed_ = 1;
    bool finished_ = false;
};

} // namespace casebook
