// The disclosure checklist on a null ImGui context: a real concern walked page by page on a
// portrait tablet to a final decision record, the emergency path, and practice after a case.
#include "casebook/checklist.hpp"
#include "gui_support.hpp"

#include <map>

using namespace casebook;
using namespace gui_test;

namespace {

struct ChecklistFixture : Fixture {
    Problems problems;
    Checklist checklist;
    explicit ChecklistFixture(float w = 800, float h = 1280) : Fixture(w, h) {
        FolderAssets assets(test::assets_dir);
        checklist = Checklist::load(assets, library.guidance(), problems);
        REQUIRE(problems.empty());
        app.set_checklist(&checklist);
        app.set_export_folder(data / "exports");
    }
};

// The answers a nurse would give for a neglected child whose mother agreed to a referral.
const std::map<std::string, std::vector<std::string>> neglect_answers{
    {"immediate_danger", {"no"}},
    {"at_risk", {"child"}},
    {"concern", {"neglect"}},
    {"threshold", {"reasonable-concern"}},
    {"legal_duty", {"none"}},
    {"consent", {"given"}},
    {"share_with", {"childrens-services"}},
    {"advice", {"safeguarding-lead"}},
    {"tell_person", {"yes"}},
    {"how_shared", {"phone-now", "writing-same-day"}},
};
const std::map<std::string, std::string> neglect_texts{
    {"minimum_shared", "The boy's name, school, and the missed days."},
    {"record_concerns", "Five-year-old missing school; mother struggling."},
    {"record_reasons", "A reasonable concern; mother agreed."},
    {"follow_up_what", "Check the referral was received."},
    {"follow_up_who", "Me"},
    {"follow_up_when", "Tomorrow"},
};

// Answers whatever question is on this page; returns its step, or empty if none we know.
std::string answer_page(gui::GuiApp& app) {
    for (const auto& [step, values] : neglect_answers)
        if (app.target("answer-" + step + "-" + values[0])) {
            for (const auto& v : values)
                tap(app, "answer-" + step + "-" + v);
            return step;
        }
    for (const auto& [step, text] : neglect_texts)
        if (app.target("##text-" + step)) {
            tap(app, "##text-" + step);
            type(app, text);
            return step;
        }
    return {};
}

} // namespace

TEST_CASE("a real concern asks about immediate danger first, and yes means call 999",
          "[gui][checklist]") {
    ChecklistFixture f;
    f.app.start_real_concern();
    frame(f.app);
    CHECK(f.app.target("answer-immediate_danger-yes")); // the first page
    CHECK(f.app.target("jurisdiction-wales"));
    tap(f.app, "answer-immediate_danger-yes");
    auto records = DecisionRecords(f.store).records("");
    REQUIRE(records.size() == 1); // a draft from the first answer on
    CHECK_FALSE(records[0].final());
    CHECK(records[0].outcome == "call-emergency");
}

TEST_CASE("a real concern walked page by page ends in a final record with addenda",
          "[gui][checklist]") {
    ChecklistFixture f;
    f.app.start_real_concern();
    frame(f.app);
    f.app.tick(1.0);
    for (int page = 0; page < 40 && !f.app.target("finalise-record"); ++page) {
        answer_page(f.app); // the optional questions are left blank
        f.app.tick(2.0 + page);
        if (!f.app.target("checklist-next")) break;
        tap(f.app, "checklist-next");
    }
    std::string shown;
    for (const auto& t : f.app.targets())
        shown += t.label + " ";
    INFO("on screen: " << shown);
    INFO("answers: " << (DecisionRecords(f.store).records("").empty()
                             ? ""
                             : DecisionRecords(f.store).records("")[0].answers_json));
    REQUIRE(f.app.target("finalise-record")); // every required question answered
    tap(f.app, "copy-record");
    CHECK(std::string(ImGui::GetClipboardText()).find("Five-year-old missing school") !=
          std::string::npos);
    tap(f.app, "save-record");
    CHECK_FALSE(std::filesystem::is_empty(f.data / "exports"));
    // Finalising is asked once more, and "Not yet" leaves the record a draft.
    const float finalise_y = f.app.target("finalise-record")->min.y;
    tap(f.app, "finalise-record");
    REQUIRE(f.app.target("finalise-confirm"));
    // Not where the first tap landed: a double tap does not finalise.
    CHECK(f.app.target("finalise-confirm")->min.y > finalise_y + 1);
    tap(f.app, "finalise-cancel");
    frame(f.app);
    CHECK_FALSE(DecisionRecords(f.store).records("")[0].final());
    REQUIRE(f.app.target("finalise-record"));
    tap(f.app, "finalise-record");
    tap(f.app, "finalise-confirm");
    auto records = DecisionRecords(f.store).records("");
    REQUIRE(records.size() == 1);
    CHECK(records[0].final());
    CHECK(records[0].outcome == "share-after-seeking-consent");
    CHECK(f.app.screen() == gui::Screen::record);
    tap(f.app, "##record-addendum");
    type(f.app, "Social worker rang back.");
    tap(f.app, "add-record-addendum");
    CHECK(DecisionRecords(f.store).record("", records[0].id)->addenda.size() == 1);
}

TEST_CASE("practice after a case compares each answer with the case's key", "[gui][checklist]") {
    test::TempDir data;
    Library library = Library::load(test::assets_dir);
    Store store(data / "casebook.sqlite3");
    NullImGui imgui(1440, 900);
    gui::GuiApp app(library, store);
    app.set_ui({18.0f, 1.0f}, imgui.fonts);
    Problems problems;
    Checklist checklist =
        Checklist::load(FolderAssets(test::assets_dir), library.guidance(), problems);
    REQUIRE(problems.empty());
    app.set_checklist(&checklist);
    const Case* c = library.find("wales-health-board-nurse-child-risk");
    REQUIRE(c);
    app.start_practice(c->id);
    frame(app);
    CHECK(app.target("jurisdiction-wales")); // the case's nation is chosen
    tap(app, "answer-at_risk-child");
    tap(app, "answer-immediate_danger-no");
    tap(app, "checklist-review");
    // One row per key entry: at_risk and immediate_danger match; the rest are unanswered.
    CHECK(app.target("practice-done"));
    const auto rows = checklist.compare_with_key(
        [&] {
            Answers a;
            a.jurisdiction = "wales";
            a.set("at_risk", "child");
            a.set("immediate_danger", "no");
            return a;
        }(),
        *c);
    REQUIRE_FALSE(rows.empty());
    tap(app, "practice-done");
    auto records = DecisionRecords(store).records("");
    REQUIRE(records.size() == 1);
    CHECK(records[0].mode == "practice");
    CHECK(records[0].case_id == c->id);
    CHECK(records[0].jurisdiction == "wales");
}

// One decision record, printed by the app (Copy) and by `casebook checklist evaluate --text`,
// carries its time written the same way: local time with the zone's name, from one function.
// The zone is neither UTC nor likely the machine's, so a front end writing UTC would show.
TEST_CASE("the app and the CLI write a decision record's time the same way",
          "[gui][checklist][cli]") {
    const char* old_tz = std::getenv("TZ");
    const std::string saved_tz = old_tz ? old_tz : "";
    setenv("TZ", "America/New_York", 1);
    tzset();
    ChecklistFixture f;
    f.app.start_real_concern();
    frame(f.app);
    for (int page = 0; page < 40 && !f.app.target("copy-record"); ++page) {
        answer_page(f.app);
        if (!f.app.target("checklist-next")) break;
        tap(f.app, "checklist-next");
    }
    REQUIRE(f.app.target("copy-record"));
    tap(f.app, "copy-record");
    const std::string gui_text = ImGui::GetClipboardText();
    const auto records = DecisionRecords(f.store).records("");
    REQUIRE(records.size() == 1);
    const auto answers = f.data / "answers.json";
    test::spit(answers, records[0].answers_json);

    const std::string before = now_iso8601();
    const auto cli = test::run_casebook(f.data / "cli",
                                        "checklist evaluate " + test::quote(answers) + " --text");
    const std::string after = now_iso8601();
    INFO(cli.err);
    REQUIRE(cli.exit_code == 0);

    const auto time_line = [](const std::string& text) {
        const std::string label = "Date and time: ";
        const auto at = text.find(label);
        if (at == std::string::npos) return std::string();
        const auto from = at + label.size();
        return text.substr(from, text.find('\n', from) - from);
    };
    const std::string gui_time = time_line(gui_text);
    const std::string cli_time = time_line(cli.out);
    INFO("app: " << gui_time << "; CLI: " << cli_time);
    CHECK(gui_time == record_time(records[0].created_at));
    CHECK((cli_time == record_time(before) || cli_time == record_time(after)));
    CHECK((cli_time.ends_with(" EST") || cli_time.ends_with(" EDT")));
    // Made in the same minute, the two front ends print the very same string.
    if (record_time(records[0].created_at) == record_time(after)) CHECK(gui_time == cli_time);

    if (old_tz)
        setenv("TZ", saved_tz.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
}
