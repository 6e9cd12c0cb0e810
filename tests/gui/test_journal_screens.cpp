// The shared-tablet screens on a null ImGui context: the lock, profiles, notes with the
// identifier check and versions, and a supervision session signed by both people.
#include "casebook/checklist.hpp"
#include "gui_support.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <signal.h>
#include <thread>

using namespace casebook;
using namespace gui_test;

namespace {

// A valid NHS number (the check digit works out) to trip the identifier guard.
const std::string nhs_number = "943 476 5919";

} // namespace

TEST_CASE("the lock screen shows names only and asks for a PIN where there is one", "[gui][lock]") {
    Fixture f;
    const Profile ana = f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    f.app.journal().set_pin(ana.id, "2468", KdfCost::minimum);
    f.app.journal().add_profile({"Ben", Role::supervisor, "doctor", "england"});
    f.app.lock();
    frame(f.app);
    CHECK(f.app.locked());
    CHECK(f.app.target("profile-Ana"));
    CHECK(f.app.target("profile-Ben"));
    CHECK_FALSE(f.app.target("nav-home")); // nothing to go to while locked

    tap(f.app, "profile-Ana");
    CHECK(f.app.locked());
    for (const char* key : {"pin-1", "pin-1", "pin-1", "pin-1"})
        tap(f.app, key);
    tap(f.app, "pin-OK");
    CHECK(f.app.locked()); // wrong PIN
    for (const char* key : {"pin-2", "pin-4", "pin-6", "pin-8"})
        tap(f.app, key);
    tap(f.app, "pin-OK");
    REQUIRE_FALSE(f.app.locked());
    REQUIRE(f.app.profile());
    CHECK(f.app.profile()->name == "Ana");
}

TEST_CASE("a note: typed, flagged, redacted with one tap, saved, versioned, private",
          "[gui][notes]") {
    Fixture f;
    const Profile ana = f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    const Profile ben = f.app.journal().add_profile({"Ben", Role::supervisor, "doctor", "england"});
    f.app.open_profile(ana);
    f.app.open_notes();
    frame(f.app);
    tap(f.app, "new-note");
    REQUIRE(f.app.screen() == gui::Screen::note);
    f.app.tick(1.0);
    tap(f.app, "##note-title");
    type(f.app, "Handover worry");
    tap(f.app, "##note-body");
    type(f.app, "Mum gave her NHS number " + nhs_number + " at the desk.");
    frame(f.app);
    REQUIRE(f.app.target("redact-0")); // the number is marked, with a way to remove it
    tap(f.app, "redact-0");
    frame(f.app);
    CHECK_FALSE(f.app.target("redact-0"));
    f.app.tick(5.0); // typing stopped: saved
    auto notes = f.app.journal().notes(ana.id);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].title == "Handover worry");
    CHECK(notes[0].body.find(nhs_number) == std::string::npos);
    CHECK(notes[0].body.find("[NHS number removed]") != std::string::npos);

    // Reopened later and edited: the earlier text is a version that can be restored.
    f.app.open_notes();
    frame(f.app);
    tap(f.app, "note-" + notes[0].id);
    tap(f.app, "##note-body");
    type(f.app, " Called the safeguarding lead.");
    f.app.tick(10.0);
    CHECK(f.app.journal().note_versions(ana.id, notes[0].id).size() == 2);

    // Ben sees none of it.
    f.app.lock();
    f.app.open_profile(ben);
    f.app.open_notes();
    frame(f.app);
    CHECK(f.app.journal().notes(ben.id).empty());
    CHECK_FALSE(f.app.target("note-" + notes[0].id));
}

TEST_CASE("a supervision session is signed by both and then only takes addenda",
          "[gui][supervision]") {
    Fixture f;
    const Profile sam = f.app.journal().add_profile({"Sam", Role::supervisor, "nurse", "england"});
    const Profile tia = f.app.journal().add_profile({"Tia", Role::trainee, "nurse", "england"});
    f.app.open_profile(sam);
    f.app.open_supervisions();
    frame(f.app);
    tap(f.app, "start-with-Tia");
    REQUIRE(f.app.screen() == gui::Screen::supervision);
    f.app.tick(1.0);
    tap(f.app, "##discussion");
    type(f.app, "We went through the infant bruising case.");
    f.app.tick(3.0);
    tap(f.app, "sign-Sam");
    tap(f.app, "confirm-sign");
    tap(f.app, "sign-Tia");
    tap(f.app, "confirm-sign");
    auto sessions = f.app.journal().supervisions(sam.id);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].signed_off());
    CHECK(sessions[0].discussion == "We went through the infant bruising case.");
    CHECK(sessions[0].trainee_profile_id == tia.id);
    frame(f.app);
    CHECK_FALSE(f.app.target("##discussion")); // read-only now
    tap(f.app, "##addendum");
    type(f.app, "Tia booked the training. Follow-up at LS6 2QT.");
    tap(f.app, "add-addendum");
    REQUIRE(f.app.journal().supervision(sam.id, sessions[0].id)->addenda.size() == 1);

#ifdef CASEBOOK_HAS_PDF
    // Save as PDF for the e-portfolio: the postcode is pointed out first; the second tap saves.
    // (The PDF writer is loaded as the app loads it; this test program does not sit beside it.)
    setenv("CASEBOOK_PDF_MODULE", CASEBOOK_PDF_MODULE_PATH, 1);
    f.app.set_export_folder(f.data / "Documents");
    frame(f.app);
    tap(f.app, "pdf-supervision");
    const bool nothing_yet = !std::filesystem::exists(f.data / "Documents") ||
                             std::filesystem::is_empty(f.data / "Documents");
    CHECK(nothing_yet);
    tap(f.app, "pdf-supervision");
    std::vector<std::filesystem::path> pdfs;
    for (const auto& e : std::filesystem::directory_iterator(f.data / "Documents"))
        pdfs.push_back(e.path());
    REQUIRE(pdfs.size() == 1);
    CHECK(pdfs[0].extension() == ".pdf");
    CHECK(test::slurp(pdfs[0]).rfind("%PDF-", 0) == 0);
#endif
}

TEST_CASE("the app locks after the idle time and when asked", "[gui][lock]") {
    Fixture f;
    const Profile ana = f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    f.app.open_profile(ana);
    f.app.note_activity(100.0);
    REQUIRE(f.app.next_lock_at());
    f.app.tick(100.0 + 60.0);
    CHECK_FALSE(f.app.locked());
    f.app.tick(*f.app.next_lock_at());
    CHECK(f.app.locked());
    CHECK_FALSE(f.app.profile());
}

TEST_CASE("typing is in the database within a second, even if the app is then killed",
          "[gui][autosave]") {
    test::TempDir data;
    const std::string text = "Handover: ask about the cot";
    const std::string cmd = test::quote(AUTOSAVE_CHILD) + " " + test::quote(test::assets_dir) +
                            " " + test::quote(data.path()) + " '" + text + "'";
    FILE* child = popen(("exec " + cmd).c_str(), "r");
    REQUIRE(child);
    char line[64] = {};
    REQUIRE(std::fgets(line, sizeof line, child));
    int pid = 0;
    REQUIRE(std::sscanf(line, "typed %d", &pid) == 1);
    // One second after the last keystroke, no clean shutdown: SIGKILL.
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    REQUIRE(kill(pid, SIGKILL) == 0);
    pclose(child);
    Store store(data / "casebook.sqlite3");
    Journal journal(store);
    auto profiles = journal.profiles();
    REQUIRE(profiles.size() == 1);
    auto notes = journal.notes(profiles[0].id);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].body == text);
}

// A long history must still draw: ImGui's 16-bit indices allow 65,536 vertices a window, and a
// list of every note of a busy year went past that (found by the frame benchmark, 10,000 notes).
TEST_CASE("a profile with thousands of notes, many sessions and records still draws its lists",
          "[gui][journal]") {
    Fixture f;
    const Profile ana = f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    const Profile ben = f.app.journal().add_profile({"Ben", Role::supervisor, "doctor", "england"});
    for (int i = 0; i < 1500; ++i)
        f.app.journal().add_note(ana.id, {"Night shift " + std::to_string(i),
                                          "We talked about consent and capacity at length.",
                                          {"ward"},
                                          "none",
                                          ""});
    for (int i = 0; i < 120; ++i)
        f.app.journal().start_supervision(ben.id, ana.id);
    for (int i = 0; i < 250; ++i)
        DecisionRecords(f.store).create_record(ana.id, "real", "", "england");
    f.app.open_profile(ana);
    f.app.open_notes();
    frame(f.app);
    CHECK(f.app.target("note-" + f.app.journal().notes(ana.id, {"", "", "", 1})[0].id));
    CHECK(f.app.target("more-notes"));
    tap(f.app, "more-notes");
    frame(f.app);
    f.app.open_supervisions();
    frame(f.app);
    f.app.open_records();
    frame(f.app);
    frame(f.app);
}

// Issue #14: a long list lays out only the cards near the view (the rest keep their height
// from when they were last drawn), and scrolling brings every one of them in, tappable.
TEST_CASE("a long list draws only the cards near the view, and scrolling reaches the last",
          "[gui][journal]") {
    ChecklistLoaded f(1440, 900); // a record opens only with the checklist it was made with
    const Profile ana = f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    std::string oldest;
    for (int i = 0; i < 200; ++i) {
        const auto r = DecisionRecords(f.store).create_record(ana.id, "real", "", "england");
        if (oldest.empty()) oldest = r.id;
    }
    f.app.open_profile(ana);
    f.app.open_records();
    for (int i = 0; i < 3; ++i)
        frame(f.app);
    auto cards = [&] {
        return std::count_if(
            f.app.targets().begin(), f.app.targets().end(),
            [](const gui::HitTarget& t) { return t.label.rfind("record-", 0) == 0; });
    };
    CHECK(cards() > 3);
    CHECK(cards() < 40); // a screen and a half of the 200, not all of them
    CHECK_FALSE(f.app.target("record-" + oldest)); // the oldest is at the very bottom

    // The wheel, as a person scrolls: the list keeps its length, so the bottom is reached.
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 400 && !f.app.target("record-" + oldest); ++i) {
        io.MousePos = {io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f};
        io.MouseWheel = -5.0f;
        frame(f.app);
        io.MouseWheel = 0;
        frame(f.app);
    }
    REQUIRE(f.app.target("record-" + oldest));
    CHECK(cards() < 40);
    tap(f.app, "record-" + oldest);
    CHECK(f.app.screen() == gui::Screen::checklist); // a draft opens where it was left
}

// Review step 3.3: two different PINs are refused, the complaint does not push "Create profile"
// away, and correcting the PIN takes it away; then the profile is made, PIN-locked.
TEST_CASE("a new profile with two different PINs is refused without moving the buttons",
          "[gui][lock]") {
    Fixture f;
    f.app.lock();
    frame(f.app);
    tap(f.app, "add-profile");
    tap(f.app, "##profile-name");
    type(f.app, "Jamie Patel");
    tap(f.app, "##pin");
    type(f.app, "2468");
    tap(f.app, "##pin-again");
    type(f.app, "246");
    frame(f.app);
    const float create_y = f.app.target("create-profile")->min.y;
    const float cancel_y = f.app.target("cancel-profile")->min.y;
    tap(f.app, "create-profile");
    frame(f.app);
    CHECK(f.app.journal().profiles().empty());
    CHECK(f.app.target("create-profile")->min.y == create_y);
    CHECK(f.app.target("cancel-profile")->min.y == cancel_y);
    tap(f.app, "##pin-again");
    type(f.app, "8");
    tap(f.app, "create-profile");
    const auto profiles = f.app.journal().profiles();
    REQUIRE(profiles.size() == 1);
    CHECK(profiles[0].name == "Jamie Patel");
    CHECK(profiles[0].has_pin);
}
