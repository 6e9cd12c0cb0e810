#include "case_hints.hpp"

#include "casebook/base.hpp"

namespace casebook::gui {

const Case* suggest_case(const Library& library, const CaseStatuses& statuses,
                         const std::string& profession, const std::string& jurisdiction) {
    const Case* best = nullptr;
    int best_score = -1;
    for (const Case& c : library.cases()) {
        if (status_of(statuses, c.id) != CaseStatus::fresh) continue;
        const bool own_profession = !profession.empty() && c.profession == profession;
        const bool own_nation =
            !jurisdiction.empty() && (c.jurisdiction == jurisdiction || c.jurisdiction == "uk");
        const int score = (own_profession ? 2 : 0) + (own_nation ? 1 : 0);
        if (score > best_score) {
            best = &c;
            best_score = score;
        }
    }
    return best;
}

std::string guidance_checked_line(const Case& c) {
    return c.guidance_checked ? "Guidance checked: " + std::to_string(*c.guidance_checked)
                              : std::string();
}

std::string meta_line(const Case& c) {
    return profession_label(c.profession) + "  ·  " + setting_label(c.setting) + "  ·  " +
           jurisdiction_label(c.jurisdiction) + "  ·  " + std::to_string(c.minutes) + " min";
}

} // namespace casebook::gui
