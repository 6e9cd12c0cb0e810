#include "casebook/base.hpp"

namespace casebook {

const std::vector<std::string>& case_professions() {
    static const std::vector<std::string> all{
        "doctor",     "nurse",         "health-visitor",      "midwife",
        "counsellor", "psychologist",  "pharmacist",          "paramedic",
        "dentist",    "social-worker", "healthcare-assistant"};
    return all;
}

const std::vector<std::string>& case_settings() {
    static const std::vector<std::string> all{"gp-surgery", "ward",       "emergency-department",
                                              "clinic",     "home-visit", "therapy-room",
                                              "pharmacy",   "community"};
    return all;
}

const std::vector<std::string>& nations() {
    static const std::vector<std::string> all{"england", "wales", "scotland", "northern-ireland"};
    return all;
}

const std::vector<std::string>& case_jurisdictions() {
    static const std::vector<std::string> all = [] {
        auto out = nations();
        out.push_back("uk");
        return out;
    }();
    return all;
}

const char* nation_short_label(const std::string& nation) {
    if (nation == "northern-ireland") return "N. Ireland";
    if (nation == "wales") return "Wales";
    if (nation == "scotland") return "Scotland";
    return "England";
}

} // namespace casebook
