// The content rules of assets/cases/SCHEMA.md. Structure (types, presence) is checked while
// parsing; here every rule a well-formed file can still break.
#include "casebook/library.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>

namespace casebook {

namespace {

const std::set<std::string> professions{"doctor",     "nurse",      "health-visitor",
                                        "midwife",    "counsellor", "psychologist",
                                        "pharmacist", "paramedic"};
const std::set<std::string> settings{"gp-surgery", "ward",       "emergency-department",
                                     "clinic",     "home-visit", "therapy-room",
                                     "pharmacy",   "community"};
const std::set<std::string> jurisdictions{"england", "wales", "scotland", "northern-ireland", "uk"};

struct KeyStep {
    const char* id;
    bool required;
    bool list;
    std::set<std::string> values;
};

const std::array<KeyStep, 8> key_steps{{
    {"at_risk", true, true, {"child", "adult-at-risk", "others", "patient"}},
    {"immediate_danger", true, false, {"yes", "no"}},
    {"concern",
     true,
     true,
     {"physical-abuse", "sexual-abuse", "emotional-abuse", "neglect", "domestic-abuse", "fgm",
      "financial-abuse", "serious-crime", "communicable-disease", "unsafe-driving",
      "threat-to-others", "self-harm", "other"}},
    {"legal_duty",
     true,
     false,
     {"none", "fgm-report", "wales-relevant-partner", "ni-report-offence",
      "court-order-or-statute"}},
    {"consent",
     true,
     false,
     {"given", "refused", "not-asked-unsafe", "not-asked-impracticable", "lacks-capacity",
      "not-needed"}},
    {"share_with",
     false,
     true,
     {"childrens-services", "adult-social-care", "police", "dvla-dva", "partner-or-contact",
      "nspcc", "safeguarding-lead", "nobody"}},
    {"tell_person", false, false, {"yes", "no-unsafe", "already-agreed"}},
    {"outcome",
     true,
     false,
     {"share-now", "share-after-seeking-consent", "seek-advice", "do-not-share-record-review",
      "call-emergency"}},
}};

class Checker {
  public:
    Checker(const Case& c, const Guidance& g) : c_(c), g_(g) {}

    Problems run() {
        top_level();
        speakers(c_.dialogue, "dialogue");
        decisions();
        citations();
        views();
        checklist_key();
        unfinished();
        return std::move(out_);
    }

  private:
    void problem(const std::string& field, const std::string& reason) {
        out_.push_back({c_.source_path, field, reason});
    }

    void count(const std::string& field, std::size_t n, std::size_t lo, std::size_t hi,
               const char* what) {
        if (n < lo || n > hi) {
            std::string range =
                lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
            if (hi > 100) range = "at least " + std::to_string(lo);
            problem(field, "has " + std::to_string(n) + " " + what + "; needs " + range);
        }
    }

    void top_level() {
        static const std::regex id_shape("[a-z0-9]+(-[a-z0-9]+)*");
        if (!c_.id.empty() && !std::regex_match(c_.id, id_shape))
            problem("id", "'" + c_.id + "' must be lower-case letters, digits and hyphens");
        const auto stem = std::filesystem::path(c_.source_path).stem().string();
        if (!c_.id.empty() && !c_.source_path.empty() && stem != c_.id)
            problem("id", "'" + c_.id + "' does not match the file name '" + stem + ".json'");
        auto one_of = [&](const char* field, const std::string& v,
                          const std::set<std::string>& ok) {
            if (!v.empty() && !ok.count(v)) problem(field, "'" + v + "' is not an allowed value");
        };
        one_of("profession", c_.profession, professions);
        one_of("setting", c_.setting, settings);
        one_of("jurisdiction", c_.jurisdiction, jurisdictions);
        for (const char* field : {"title", "summary"}) {
            const std::string& v = std::string(field) == "title" ? c_.title : c_.summary;
            if (v.empty()) problem(field, "is empty");
        }
        count("topics", c_.topics.size(), 1, 6, "topics");
        if (c_.minutes < 3 || c_.minutes > 30)
            problem("minutes", std::to_string(c_.minutes) + " is outside 3 to 30");
        std::set<std::string> ids;
        for (std::size_t i = 0; i < c_.cast.size(); ++i)
            if (!ids.insert(c_.cast[i].id).second)
                problem("cast[" + std::to_string(i) + "].id", "'" + c_.cast[i].id + "' repeats");
        if (std::none_of(c_.cast.begin(), c_.cast.end(), [](auto& m) { return m.clinician; }))
            problem("cast", "no member is marked \"clinician\": true");
        count("story", c_.story.size(), 2, 5, "paragraphs");
        count("dialogue", c_.dialogue.size(), 4, 1000, "lines");
        count("decisions", c_.decisions.size(), 1, 2, "decisions");
        count("what_happened", c_.what_happened.size(), 3, 1000, "steps");
        count("learning_points", c_.learning_points.size(), 3, 5, "learning points");
    }

    void speakers(const std::vector<Line>& lines, const std::string& field) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const std::string at = field + "[" + std::to_string(i) + "]";
            if (!c_.member(lines[i].speaker))
                problem(at + ".speaker", "'" + lines[i].speaker + "' is not in the cast");
            if (lines[i].text.empty()) problem(at + ".text", "is empty");
        }
    }

    void decisions() {
        std::set<std::string> ids;
        for (std::size_t i = 0; i < c_.decisions.size(); ++i) {
            const Decision& d = c_.decisions[i];
            const std::string at = "decisions[" + std::to_string(i) + "]";
            if (!ids.insert(d.id).second) problem(at + ".id", "'" + d.id + "' repeats");
            if (d.prompt.empty()) problem(at + ".prompt", "is empty");
            speakers(d.dialogue, at + ".dialogue");
            count(at + ".options", d.options.size(), 3, 4, "options");
            int best = 0;
            for (std::size_t k = 0; k < d.options.size(); ++k) {
                const Option& o = d.options[k];
                const std::string oat = at + ".options[" + std::to_string(k) + "]";
                const std::string expected(1, static_cast<char>('A' + k));
                if (o.key != expected)
                    problem(oat + ".key",
                            "is '" + o.key + "'; options are keyed A, B, C, D in order");
                if (o.text.empty()) problem(oat + ".text", "is empty");
                if (o.feedback.empty()) problem(oat + ".feedback", "is empty");
                if (o.grade == Grade::best) ++best;
            }
            if (best != 1)
                problem(at + ".options",
                        "has " + std::to_string(best) + " options graded best; needs exactly one");
        }
    }

    void citations() {
        count("citations", c_.citations.size(), 2, 5, "citations");
        for (std::size_t i = 0; i < c_.citations.size(); ++i) {
            const std::string at = "citations[" + std::to_string(i) + "]";
            if (auto why = g_.check(c_.citations[i]); !why.empty()) problem(at, why);
            if (c_.citations[i].applies.empty()) problem(at + ".applies", "is empty");
        }
    }

    void views() {
        count("views", c_.views.size(), 2, 3, "colleagues' views");
        if (!c_.views.empty() &&
            std::all_of(c_.views.begin(), c_.views.end(), [](auto& v) { return v.supported; }))
            problem("views", "every view is supported; at least one must be a view the guidance "
                             "does not support");
        for (std::size_t i = 0; i < c_.views.size(); ++i)
            if (c_.views[i].why.empty())
                problem("views[" + std::to_string(i) + "].why", "is empty");
    }

    void checklist_key() {
        if (c_.checklist_key.empty()) {
            problem("checklist_key", "is missing or empty");
            return;
        }
        for (const KeyStep& step : key_steps) {
            auto it = std::find_if(c_.checklist_key.begin(), c_.checklist_key.end(),
                                   [&](auto& k) { return k.step == step.id; });
            if (it == c_.checklist_key.end()) {
                if (step.required)
                    problem("checklist_key",
                            std::string("has no answer for step '") + step.id + "'");
                continue;
            }
            const std::string at =
                "checklist_key[" + std::to_string(it - c_.checklist_key.begin()) + "]";
            if (it->answer.empty()) problem(at + ".answer", "is empty");
            if (!step.list && it->answer.size() > 1)
                problem(at + ".answer", std::string("step '") + step.id + "' takes one answer");
            for (const auto& a : it->answer)
                if (!step.values.count(a))
                    problem(at + ".answer",
                            "'" + a + "' is not an answer to step '" + step.id + "'");
        }
        for (std::size_t i = 0; i < c_.checklist_key.size(); ++i) {
            const auto& k = c_.checklist_key[i];
            if (std::none_of(key_steps.begin(), key_steps.end(),
                             [&](auto& s) { return k.step == s.id; }))
                problem("checklist_key[" + std::to_string(i) + "].step",
                        "'" + k.step + "' is not a checklist step");
        }
    }

    // Words that mean the writing is not finished, matched as whole words, any case.
    void scan(const std::string& field, const std::string& text) {
        static const std::regex unfinished("\\b(todo|tbd|fixme|lorem|placeholder)\\b",
                                           std::regex::icase);
        std::smatch m;
        if (std::regex_search(text, m, unfinished))
            problem(field, "contains unfinished text '" + m.str() + "'");
    }

    void scan_all(const std::string& field, const std::vector<std::string>& texts) {
        for (std::size_t i = 0; i < texts.size(); ++i)
            scan(field + "[" + std::to_string(i) + "]", texts[i]);
    }

    void scan_lines(const std::string& field, const std::vector<Line>& lines) {
        for (std::size_t i = 0; i < lines.size(); ++i)
            scan(field + "[" + std::to_string(i) + "].text", lines[i].text);
    }

    void unfinished() {
        scan("title", c_.title);
        scan("summary", c_.summary);
        scan_all("story", c_.story);
        scan_lines("dialogue", c_.dialogue);
        for (std::size_t i = 0; i < c_.decisions.size(); ++i) {
            const auto& d = c_.decisions[i];
            const std::string at = "decisions[" + std::to_string(i) + "]";
            scan_all(at + ".before", d.before);
            scan_lines(at + ".dialogue", d.dialogue);
            scan(at + ".prompt", d.prompt);
            for (std::size_t k = 0; k < d.options.size(); ++k) {
                const std::string oat = at + ".options[" + std::to_string(k) + "]";
                scan(oat + ".text", d.options[k].text);
                scan(oat + ".feedback", d.options[k].feedback);
            }
        }
        scan_all("what_happened", c_.what_happened);
        for (std::size_t i = 0; i < c_.citations.size(); ++i)
            scan("citations[" + std::to_string(i) + "].applies", c_.citations[i].applies);
        for (std::size_t i = 0; i < c_.views.size(); ++i) {
            scan("views[" + std::to_string(i) + "].view", c_.views[i].view);
            scan("views[" + std::to_string(i) + "].why", c_.views[i].why);
        }
        scan_all("learning_points", c_.learning_points);
        for (std::size_t i = 0; i < c_.learning_prompts.size(); ++i)
            if (!c_.learning_prompts[i].empty())
                scan("learning_points[" + std::to_string(i) + "].prompt", c_.learning_prompts[i]);
        for (std::size_t i = 0; i < c_.checklist_key.size(); ++i)
            scan("checklist_key[" + std::to_string(i) + "].why", c_.checklist_key[i].why);
    }

    const Case& c_;
    const Guidance& g_;
    Problems out_;
};

} // namespace

Problems check_case(const Case& c, const Guidance& guidance) {
    return Checker(c, guidance).run();
}

} // namespace casebook
