#include "casebook/cases.hpp"

#include <utility>

namespace casebook {

CaseRun::CaseRun(const Case& c, Store& store, std::string profile_id)
    : case_(&c), progress_(store), profile_id_(std::move(profile_id)),
      choices_(c.decisions.size()) {
    auto latest = progress_.latest_attempt(profile_id_, c.id);
    if (!latest) return;
    attempt_id_ = latest->id;
    finished_ = !latest->finished_at.empty();
    std::size_t answered = 0;
    for (const auto& choice : latest->choices)
        for (std::size_t i = 0; i < c.decisions.size(); ++i)
            if (c.decisions[i].id == choice.decision_id &&
                c.decisions[i].option(choice.option_key)) {
                choices_[i] = choice.option_key;
                answered = std::max(answered, i + 1);
            }
    revealed_ = finished_ ? c.decisions.size() : std::max<std::size_t>(1, answered);
}

std::optional<std::string> CaseRun::chosen(std::size_t decision) const {
    return decision < choices_.size() ? choices_[decision] : std::nullopt;
}

bool CaseRun::choose(std::size_t decision, const std::string& key) {
    if (decision >= revealed_ || choices_[decision] || finished_) return false;
    const Decision& d = case_->decisions[decision];
    if (!d.option(key)) return false;
    if (attempt_id_.empty()) attempt_id_ = progress_.start_attempt(profile_id_, case_->id).id;
    progress_.record_choice(profile_id_, attempt_id_, d.id, key);
    choices_[decision] = key;
    return true;
}

bool CaseRun::can_continue() const {
    return !finished_ && choices_[revealed_ - 1].has_value();
}

void CaseRun::next() {
    if (!can_continue()) return;
    if (revealed_ < case_->decisions.size()) {
        ++revealed_;
    } else {
        progress_.finish_attempt(profile_id_, attempt_id_);
        finished_ = true;
    }
}

void CaseRun::restart() {
    attempt_id_.clear();
    choices_.assign(case_->decisions.size(), std::nullopt);
    revealed_ = 1;
    finished_ = false;
}

std::string CaseRun::reflection() const {
    return progress_.reflection(profile_id_, case_->id);
}

void CaseRun::save_reflection(const std::string& text) {
    progress_.save_reflection(profile_id_, case_->id, text);
}

} // namespace casebook
