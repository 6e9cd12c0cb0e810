// The content rules of assets/cases/SCHEMA.md. Structure (types, presence) is checked while
// parsing; here every rule a well-formed file can still break.
#include "casebook/base.hpp"
#include "casebook/cases.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <regex>
#include <set>

namespace casebook {

namespace {

bool listed(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

struct KeyStep {
    const char* id;
    bool required;
    bool list;
    std::set<std::string> values;
};

// The answers a case key may give: the checklist's options (assets/checklist/SCHEMA.md), in
// every nation; `nation_only` below narrows those that belong to some nations only.
const std::array<KeyStep, 9> key_steps{{
    {"at_risk", true, true, {"child", "adult-at-risk", "others", "patient", "nobody"}},
    {"immediate_danger", true, false, {"yes", "no"}},
    {"concern",
     true,
     true,
     {"physical-abuse", "sexual-abuse", "emotional-abuse", "neglect", "domestic-abuse", "fgm",
      "financial-abuse", "serious-crime", "communicable-disease", "unsafe-driving",
      "threat-to-others", "self-harm", "position-of-trust", "other"}},
    {"legal_duty",
     true,
     true,
     {"none", "fgm-report", "wales-relevant-partner", "wales-adult-at-risk", "asp-report",
      "ni-report-offence", "court-order-or-statute", "request-no-order"}},
    {"consent",
     true,
     false,
     {"given", "not-asked-yet", "refused", "not-asked-unsafe", "not-asked-impracticable",
      "lacks-capacity", "not-needed"}},
    {"capacity", false, false, {"has-capacity", "lacks-capacity", "not-sure"}},
    {"share_with",
     false,
     true,
     {"childrens-services", "adult-social-care", "police", "dvla-dva", "partner-or-contact",
      "nspcc", "lado", "safeguarding-lead", "nobody"}},
    {"tell_person",
     false,
     false,
     {"yes", "child-not-parents", "no-unsafe", "already-agreed", "no-other"}},
    {"outcome",
     true,
     false,
     {"share-now", "share-after-seeking-consent", "seek-advice", "do-not-share-record-review",
      "call-emergency"}},
}};

// Answers that exist only in some nations: a Scottish case must not lean on an English or
// Welsh duty. A UK-wide case is answered as England, as the checklist does.
const std::map<std::string, std::set<std::string>> nation_only{
    {"fgm-report", {"england", "wales"}},        {"wales-relevant-partner", {"wales"}},
    {"wales-adult-at-risk", {"wales"}},          {"asp-report", {"scotland"}},
    {"ni-report-offence", {"northern-ireland"}}, {"lado", {"england", "wales"}},
};

// The statuses the references sheet uses; "withdrawn" points stay in the file only so that a
// citation to them is refused with the reason.
const std::set<std::string> sheet_statuses{"V", "V2", "T", "withdrawn"};

// A section, paragraph or standard number ("Section 5", "para 12", "17.2", "5 Respect ..."),
// but not a year in a title ("Criminal Law Act (Northern Ireland) 1967").
bool shows_number(const std::string& text) {
    static const std::regex numbered(
        "\\b(section|sections|para|paras|paragraph|paragraphs|standard|standards|principle|"
        "principles|clause|article|s)\\s*\\d|^\\s*\\d+(\\.\\d+)*\\s|\\b\\d+\\.\\d+\\b",
        std::regex::icase);
    return std::regex_search(text, numbered);
}

std::string escape_regex(const std::string& text) {
    static const std::string special = "\\^$.|?*+()[]{}";
    std::string out;
    for (char ch : text) {
        if (special.find(ch) != std::string::npos) out += '\\';
        out += ch;
    }
    return out;
}

int this_year() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return utc.tm_year + 1900;
}

class Checker {
  public:
    Checker(const Case& c, const Guidance& g)
        : c_(c), g_(g), code_publishers_(topic_only_publishers(g)) {}

    Problems run() {
        top_level();
        guidance_checked();
        speakers(c_.dialogue, "dialogue");
        decisions();
        learning_prompts();
        citations();
        own_code();
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
                          const std::vector<std::string>& ok) {
            if (!v.empty() && !listed(ok, v)) problem(field, "'" + v + "' is not an allowed value");
        };
        one_of("profession", c_.profession, case_professions());
        one_of("setting", c_.setting, case_settings());
        one_of("jurisdiction", c_.jurisdiction, case_jurisdictions());
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

    void guidance_checked() {
        if (!c_.guidance_checked) return;
        // The sheet's current editions are from 2018 on; a later year than now is a typing slip.
        const int year = *c_.guidance_checked, now = this_year();
        if (year < 2018 || year > now)
            problem("guidance_checked", std::to_string(year) +
                                            " is not a plausible year for checking the law and "
                                            "guidance; give a year from 2018 to " +
                                            std::to_string(now));
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

    // Revision asks each learning point's prompt and shows the point as its answer, so every
    // point needs one written for it (issue 15). A plain-string point parses, but has none.
    void learning_prompts() {
        for (std::size_t i = 0; i < c_.learning_points.size(); ++i) {
            const bool written =
                i < c_.learning_prompts.size() &&
                c_.learning_prompts[i].find_first_not_of(" \t\r\n") != std::string::npos;
            if (!written)
                problem("learning_points[" + std::to_string(i) + "].prompt",
                        "is missing or empty: write the point as { \"point\": \"...\", "
                        "\"prompt\": \"...\" }, the prompt a short question whose answer is "
                        "the point");
        }
    }

    void citations() {
        count("citations", c_.citations.size(), 2, 5, "citations");
        for (std::size_t i = 0; i < c_.citations.size(); ++i) {
            const std::string at = "citations[" + std::to_string(i) + "]";
            const Citation& cite = c_.citations[i];
            if (g_.check(cite, c_.source_path, at, out_))
                if (const GuidancePoint* p = g_.resolve(cite); p && p->status == "withdrawn")
                    problem(at, cite.ref + " " +
                                    (cite.para.empty() ? "topic " + cite.topic : cite.para) +
                                    " is withdrawn from the references sheet: " + p->gist);
            if (cite.applies.empty()) problem(at + ".applies", "is empty");
            framed_for_doctors(cite, at);
        }
    }

    // A GMC paragraph shown to a nurse, counsellor or psychologist must say whose guidance it is.
    void framed_for_doctors(const Citation& cite, const std::string& at) {
        if (c_.profession == "doctor" || c_.profession.empty()) return;
        const Source* s = g_.source(cite.ref);
        if (!s || s->publisher.rfind("GMC", 0) != 0) return;
        static const std::regex doctors("\\bdoctors?\\b", std::regex::icase);
        if (!std::regex_search(cite.applies, doctors))
            problem(at + ".applies", "cites the GMC's guidance in a case led by a " +
                                         profession_label(c_.profession) +
                                         " without saying it is the GMC's guidance for doctors");
    }

    void own_code() {
        if (c_.profession.empty() || !listed(case_professions(), c_.profession) ||
            !needs_own_code(c_.profession))
            return;
        const auto& codes = own_code_sources(c_.profession);
        if (codes.empty()) {
            problem("profession", "no code for a " + profession_label(c_.profession) +
                                      " is on the references sheet yet, so the case cannot cite "
                                      "its profession's own code; add the code to the sheet first");
            return;
        }
        const bool cited = std::any_of(c_.citations.begin(), c_.citations.end(), [&](auto& cite) {
            return std::find(codes.begin(), codes.end(), cite.ref) != codes.end();
        });
        if (!cited) {
            std::string names;
            for (const auto& id : codes)
                names += (names.empty() ? "" : " or ") + id;
            problem("citations", "a case led by a " + profession_label(c_.profession) +
                                     " must cite its own profession's code (" + names +
                                     ") at least once");
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
            const std::string nation = c_.jurisdiction == "uk" ? "england" : c_.jurisdiction;
            for (const auto& a : it->answer) {
                if (!step.values.count(a))
                    problem(at + ".answer",
                            "'" + a + "' is not an answer to step '" + step.id + "'");
                else if (auto only = nation_only.find(a); only != nation_only.end() &&
                                                          !nation.empty() &&
                                                          !only->second.count(nation))
                    problem(at + ".answer", "'" + a + "' is not an answer in " +
                                                jurisdiction_label(c_.jurisdiction));
            }
        }
        for (std::size_t i = 0; i < c_.checklist_key.size(); ++i) {
            const auto& k = c_.checklist_key[i];
            if (std::none_of(key_steps.begin(), key_steps.end(),
                             [&](auto& s) { return k.step == s.id; }))
                problem("checklist_key[" + std::to_string(i) + "].step",
                        "'" + k.step + "' is not a checklist step");
        }
    }

    // The publishers whose points the sheet vouches for only by heading (all "T"): a number put
    // on their code ("NMC Code 17.2", "standard 5 of the HCPC's standards") is a fault.
    static std::vector<std::string> topic_only_publishers(const Guidance& g) {
        std::set<std::string> publishers;
        for (const auto& s : g.sources()) {
            bool any = false, all_topic_only = true;
            for (const auto& p : g.points()) {
                if (p.ref != s.id || p.status == "withdrawn") continue;
                any = true;
                all_topic_only = all_topic_only && p.status == "T";
            }
            if (any && all_topic_only && !s.publisher.empty()) publishers.insert(s.publisher);
        }
        return {publishers.begin(), publishers.end()};
    }

    // The expression that finds such a number, built once for each set of publishers (std::regex
    // takes milliseconds to build one this size).
    static const std::regex& numbered_code(const std::vector<std::string>& publishers) {
        static std::mutex mutex;
        static std::map<std::vector<std::string>, std::regex> built;
        const std::lock_guard lock(mutex);
        auto it = built.find(publishers);
        if (it != built.end()) return it->second;
        std::string names;
        for (const auto& p : publishers)
            names += (names.empty() ? "" : "|") + escape_regex(p);
        const std::string number =
            "(section|standard|para|paragraph|principle|clause)s?\\s+\\d+(\\.\\d+)*";
        return built
            .emplace(publishers, std::regex("\\b(" + names + ")\\b[^.;:]{0,40}?(\\b" + number +
                                                "|\\b\\d+\\.\\d+\\b)|\\b" + number +
                                                "[.\\d]*\\s+of\\s+(the\\s+)?(" + names + ")\\b",
                                            std::regex::icase))
            .first->second;
    }

    // Words that mean the writing is not finished, matched as whole words, any case; and a
    // number shown for a point the sheet only vouches for by heading. std::regex is slow: each
    // expression runs only on a text that holds, in any case, a word every match of it needs
    // (an unfinished word; a publisher's name), which a plain search finds first.
    void scan(const std::string& field, const std::string& text) {
        static const std::regex unfinished_words("\\b(todo|tbd|fixme|lorem|placeholder)\\b",
                                                 std::regex::icase);
        static const std::array<std::string, 5> unfinished_stems{"todo", "tbd", "fixme", "lorem",
                                                                 "placeholder"};
        std::string lower(text);
        for (char& ch : lower)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        auto holds = [&](std::string needle) {
            for (char& ch : needle)
                ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            return lower.find(needle) != std::string::npos;
        };
        std::smatch m;
        if (std::any_of(unfinished_stems.begin(), unfinished_stems.end(), holds) &&
            std::regex_search(text, m, unfinished_words))
            problem(field, "contains unfinished text '" + m.str() + "'");
        if (std::any_of(code_publishers_.begin(), code_publishers_.end(), holds) &&
            std::regex_search(text, m, numbered_code(code_publishers_)))
            problem(field, "'" + m.str() +
                               "' puts a number on a code the references sheet vouches for only "
                               "by heading (T): name the heading instead");
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
    const std::vector<std::string> code_publishers_;
    Problems out_;
};

} // namespace

Problems check_guidance(const Guidance& guidance, const std::string& path) {
    Problems out;
    const auto& points = guidance.points();
    for (std::size_t i = 0; i < points.size(); ++i) {
        const GuidancePoint& p = points[i];
        const std::string at = "points[" + std::to_string(i) + "]";
        if (!sheet_statuses.count(p.status))
            out.push_back(
                {path, at + ".status",
                 "'" + p.status + "' is not a status the sheet uses (V, V2, T or withdrawn)"});
        if ((p.status == "T" || p.status == "withdrawn") && shows_number(p.section))
            out.push_back({path, at + ".section",
                           "'" + p.section +
                               "' shows a number; a point the sheet marks T is shown "
                               "by the heading the document uses (or its title), never a number"});
    }
    return out;
}

Problems check_case(const Case& c, const Guidance& guidance) {
    return Checker(c, guidance).run();
}

} // namespace casebook
