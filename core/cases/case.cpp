#include "casebook/base.hpp"
#include "casebook/cases.hpp"

#include <algorithm>
#include <map>

namespace casebook {

std::string Problem::to_string() const {
    return file + ": " + field + ": " + reason;
}

const char* to_string(Grade grade) {
    switch (grade) {
    case Grade::best:
        return "best";
    case Grade::acceptable:
        return "acceptable";
    case Grade::unsafe:
        return "unsafe";
    }
    return "unsafe";
}

std::optional<Grade> grade_from_string(const std::string& text) {
    if (text == "best") return Grade::best;
    if (text == "acceptable") return Grade::acceptable;
    if (text == "unsafe") return Grade::unsafe;
    return std::nullopt;
}

const char* to_string(CaseStatus status) {
    switch (status) {
    case CaseStatus::fresh:
        return "new";
    case CaseStatus::in_progress:
        return "in-progress";
    case CaseStatus::done:
        return "done";
    }
    return "new";
}

std::optional<CaseStatus> case_status_from_string(const std::string& text) {
    if (text == "new") return CaseStatus::fresh;
    if (text == "in-progress") return CaseStatus::in_progress;
    if (text == "done") return CaseStatus::done;
    return std::nullopt;
}

const Option* Decision::option(const std::string& key) const {
    auto it = std::find_if(options.begin(), options.end(), [&](auto& o) { return o.key == key; });
    return it == options.end() ? nullptr : &*it;
}

const CastMember* Case::member(const std::string& member_id) const {
    auto it = std::find_if(cast.begin(), cast.end(), [&](auto& m) { return m.id == member_id; });
    return it == cast.end() ? nullptr : &*it;
}

const Decision* Case::decision(const std::string& decision_id) const {
    auto it = std::find_if(decisions.begin(), decisions.end(),
                           [&](auto& d) { return d.id == decision_id; });
    return it == decisions.end() ? nullptr : &*it;
}

namespace {
std::string lookup(const std::map<std::string, std::string>& labels, const std::string& key) {
    auto it = labels.find(key);
    if (it != labels.end()) return it->second;
    // Unknown slugs read as words: "young-people" -> "Young people".
    std::string out = key;
    std::replace(out.begin(), out.end(), '-', ' ');
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
    return out;
}
} // namespace

std::string profession_label(const std::string& profession) {
    static const std::map<std::string, std::string> labels{{"health-visitor", "Health visitor"}};
    return lookup(labels, profession);
}

std::string setting_label(const std::string& setting) {
    static const std::map<std::string, std::string> labels{
        {"gp-surgery", "GP surgery"},
        {"emergency-department", "Emergency department"},
        {"home-visit", "Home visit"},
        {"therapy-room", "Therapy room"}};
    return lookup(labels, setting);
}

std::string jurisdiction_label(const std::string& jurisdiction) {
    static const std::map<std::string, std::string> labels{{"england", "England"},
                                                           {"wales", "Wales"},
                                                           {"scotland", "Scotland"},
                                                           {"northern-ireland", "Northern Ireland"},
                                                           {"uk", "UK-wide"}};
    return lookup(labels, jurisdiction);
}

std::string topic_label(const std::string& topic) {
    static const std::map<std::string, std::string> labels{
        {"fgm", "FGM"}, {"hiv", "HIV"}, {"dvla", "DVLA"}};
    return lookup(labels, topic);
}

const std::vector<std::string>& own_code_sources(const std::string& profession) {
    // Health visitors are registered nurses or midwives; psychologists and paramedics are
    // regulated by the HCPC (the BPS is a membership body, not their regulator).
    static const std::map<std::string, std::vector<std::string>> codes{
        {"nurse", {"nmc-code"}},
        {"midwife", {"nmc-code"}},
        {"health-visitor", {"nmc-code"}},
        {"counsellor", {"bacp-ef"}},
        {"psychologist", {"hcpc-scpe"}},
        {"paramedic", {"hcpc-scpe"}},
        {"pharmacist", {"gphc-standards"}},
        {"dentist", {"gdc-standards"}}};
    static const std::vector<std::string> none;
    auto it = codes.find(profession);
    return it == codes.end() ? none : it->second;
}

bool needs_own_code(const std::string& profession) {
    // Doctors cite the GMC throughout; healthcare assistants have no statutory regulator.
    return profession != "doctor" && profession != "healthcare-assistant";
}

} // namespace casebook
