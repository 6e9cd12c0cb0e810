// The review's personas walked on the 800x1280 tablet as a finger would: tap, type, wait for
// the autosave, type again, lock, unlock, sync, resolve; the database is checked after each
// step, and the controls being reached for must not move when a message or a check appears.
#include "casebook/checklist.hpp"
#include "gui_support.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <thread>

using namespace casebook;
using namespace gui_test;

namespace {

const std::string nhs_number = "943 476 5919"; // a valid check digit: the guard flags it

struct TabletFixture : Fixture {
    Problems problems;
    Checklist checklist =
        Checklist::load(FolderAssets(test::assets_dir), library.guidance(), problems);
    TabletFixture() {
        REQUIRE(problems.empty());
        app.set_checklist(&checklist);
        app.set_export_folder(data / "exports");
    }
};

ImVec2 where(gui::GuiApp& app, const std::string& label) {
    const gui::HitTarget* t = app.target(label);
    INFO(label);
    REQUIRE(t);
    return t->min;
}

bool same_place(ImVec2 a, ImVec2 b) {
    return std::abs(a.x - b.x) < 0.5f && std::abs(a.y - b.y) < 0.5f;
}

// The first target whose label starts with `prefix`, if any is on screen.
std::string first_target(gui::GuiApp& app, const std::string& prefix) {
    for (const auto& t : app.targets())
        if (t.label.rfind(prefix, 0) == 0) return t.label;
    return {};
}

} // namespace

// Persona 2: a ward nurse at 3 a.m., profiles on the tablet, nobody signed in (F4, F3, F6, F11).
TEST_CASE("walkthrough: the nurse at 3 a.m. starts from the lock screen and leaves nothing behind",
          "[gui][walkthrough]") {
    TabletFixture f;
    const Profile ana = f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    f.app.journal().set_pin(ana.id, "2468", KdfCost::minimum);
    gui::GuiApp app(f.library, f.store); // a device with profiles opens locked
    app.set_ui({18.0f, 1.0f}, f.imgui.fonts);
    app.set_checklist(&f.checklist);
    frame(app);
    REQUIRE(app.locked());
    // The emergency path and the numbers are on the lock screen itself (F4).
    REQUIRE(app.target("lock-worried"));
    REQUIRE(app.target("contacts"));
    tap(app, "contacts");
    tap(app, "lock-worried");
    REQUIRE(app.screen() == gui::Screen::checklist);
    CHECK_FALSE(app.profile());

    double now = 10.0;
    int text_pages = 0;
    for (int page = 0; page < 40 && app.target("checklist-next"); ++page) {
        frame(app);
        const ImVec2 next_before = where(app, "checklist-next");
        const std::string option = first_target(app, "answer-");
        const std::string field = first_target(app, "##text-");
        if (!option.empty()) {
            INFO("answered " << option);
            tap(app, option);
            // Answering moves nothing a finger goes to next (F11).
            CHECK(same_place(where(app, "checklist-next"), next_before));
        } else if (!field.empty() && text_pages < 3) {
            // Typed, saved, typed again, saved again: all of it is in the draft (F6).
            tap(app, field);
            type(app, "Said her stepfather hits her; no marks seen today.");
            now += 5;
            app.tick(now);
            type(app, " Zoë asked me not to tell her mum yet.");
            now += 5;
            app.tick(now);
            ++text_pages;
            const auto records = DecisionRecords(f.store).records("");
            REQUIRE(records.size() == 1);
            CHECK(records[0].answers_json.find("no marks seen today. Zo") != std::string::npos);
        }
        tap(app, "checklist-next");
        if (app.target("copy-record")) break;
    }
    CHECK(text_pages >= 1);
    REQUIRE(app.target("copy-record"));
    tap(app, "copy-record");
    const auto records = DecisionRecords(f.store).records("");
    REQUIRE(records.size() == 1);
    const std::string id = records[0].id;

    // She can come back to it while she is still here...
    app.open_records();
    frame(app);
    CHECK(app.target("record-" + id));
    // ...but once the tablet locks (nobody signed in still locks when a record was made), the
    // next person who uses it without a profile cannot read it (F3).
    REQUIRE(app.next_lock_at());
    app.tick(*app.next_lock_at() + 1);
    REQUIRE(app.locked());
    frame(app);
    tap(app, "no-profile");
    app.open_records();
    frame(app);
    CHECK_FALSE(app.target("record-" + id));
    CHECK_FALSE(app.open_record(id));
}

// Persona 3: supervisor and trainee at one tablet (F11, F12, F13, F9, F6).
TEST_CASE("walkthrough: supervisor and trainee share the tablet from PIN to both signatures",
          "[gui][walkthrough]") {
    TabletFixture f;
    const Profile sarah =
        f.app.journal().add_profile({"Dr Sarah Okafor", Role::supervisor, "doctor", "england"});
    const Profile jamie =
        f.app.journal().add_profile({"Jamie Patel", Role::trainee, "nurse", "england"});
    f.app.journal().set_pin(sarah.id, "1357", KdfCost::minimum);
    f.app.journal().set_pin(jamie.id, "2468", KdfCost::minimum);
    f.app.start_case_index(); // as the platform does at start
    f.app.lock();
    frame(f.app);

    // A wrong PIN says so below the keypad: no key moves (F11).
    tap(f.app, "profile-Jamie Patel");
    const ImVec2 key_before = where(f.app, "pin-1");
    const ImVec2 ok_before = where(f.app, "pin-OK");
    for (const char* key : {"pin-1", "pin-1", "pin-1", "pin-1", "pin-OK"})
        tap(f.app, key);
    REQUIRE(f.app.locked());
    CHECK(same_place(where(f.app, "pin-1"), key_before));
    CHECK(same_place(where(f.app, "pin-OK"), ok_before));
    CHECK(f.app.lock_notice().rfind("That is not Jamie Patel's PIN.", 0) == 0);
    for (const char* key : {"pin-2", "pin-4", "pin-6", "pin-8", "pin-OK"})
        tap(f.app, key);
    REQUIRE(f.app.profile());
    CHECK(f.app.profile()->id == jamie.id);

    // A note typed twice with a save between; an identifier appearing does not move Done.
    f.app.open_notes();
    frame(f.app);
    tap(f.app, "new-note");
    double now = 100.0;
    f.app.tick(now);
    tap(f.app, "##note-title");
    type(f.app, "Handover worry");
    tap(f.app, "##note-body");
    type(f.app, "A long first line about the handover that goes on well past the width of the "
                "field, so that it has to wrap while it is typed.");
    frame(f.app);
    const ImVec2 done_before = where(f.app, "note-done");
    f.app.tick(now += 5);
    auto notes = f.app.journal().notes(jamie.id);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].body.find('\n') == std::string::npos); // no wrap break was stored
    type(f.app, " Mum gave NHS number " + nhs_number + ".");
    frame(f.app);
    REQUIRE(f.app.target("redact-0"));
    CHECK(same_place(where(f.app, "note-done"), done_before));
    f.app.tick(now += 5);
    notes = f.app.journal().notes(jamie.id);
    CHECK(notes[0].body.find(nhs_number) != std::string::npos);
    tap(f.app, "redact-0");
    f.app.tick(now += 5);
    CHECK(f.app.journal().notes(jamie.id)[0].body.find(nhs_number) == std::string::npos);
    tap(f.app, "note-done");

    // Search finds case text in the app, not only after the command line ran (F9).
    for (int i = 0; i < 3000 && !f.app.case_index_ready(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(f.app.case_index_ready());
    tap(f.app, "##notes-search");
    type(f.app, "paragraph");
    frame(f.app);
    CHECK(f.app.target("hit-good-case"));

    // The session: discussion typed twice, an action whose row does not jump (F11, F12).
    f.app.open_supervisions();
    frame(f.app);
    tap(f.app, "start-with-Dr Sarah Okafor");
    REQUIRE(f.app.screen() == gui::Screen::supervision);
    tap(f.app, "##discussion");
    type(f.app, "We went through the bruising case.");
    f.app.tick(now += 5);
    type(f.app, " Café de Flore example: naïve assumptions.");
    f.app.tick(now += 5);
    auto sessions = f.app.journal().supervisions(jamie.id);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].discussion ==
          "We went through the bruising case. Café de Flore example: naïve assumptions.");
    tap(f.app, "add-action");
    f.app.tick(now += 5); // an empty action is not an error: nothing appears above the row
    frame(f.app);
    const ImVec2 due_before = where(f.app, "due-0");
    tap(f.app, "action-0");
    type(f.app, "Read the local safeguarding policy");
    f.app.tick(now += 5);
    CHECK(same_place(where(f.app, "due-0"), due_before));
    tap(f.app, "due-0");
    type(f.app, "2026-12-31");
    f.app.tick(now += 5);
    sessions = f.app.journal().supervisions(jamie.id);
    REQUIRE(sessions[0].actions.size() == 1);
    CHECK(sessions[0].actions[0].text == "Read the local safeguarding policy");
    CHECK(sessions[0].actions[0].due_on == "2026-12-31");
    // Remove and the due field are wide enough to read (F12).
    const gui::HitTarget* remove = f.app.target("remove-action");
    REQUIRE(remove);
    CHECK(remove->max.x - remove->min.x >= ImGui::CalcTextSize("Remove").x);
    const gui::HitTarget* due = f.app.target("due-0");
    REQUIRE(due);
    CHECK(due->max.x - due->min.x >= ImGui::CalcTextSize("Due (YYYY-MM-DD)").x);
    tap(f.app, "##trainee-reflection");
    type(f.app, "I will ask sooner.");
    f.app.tick(now += 5);
    type(f.app, " And write it down.");
    f.app.tick(now += 5);
    CHECK(f.app.journal().supervisions(jamie.id)[0].trainee_reflection ==
          "I will ask sooner. And write it down.");

    // Signing: while Jamie's pad is open, Sarah's button waits, so the pad is plainly Jamie's
    // (F13).
    tap(f.app, "sign-Jamie Patel");
    frame(f.app);
    CHECK(f.app.target("pin-OK"));
    CHECK_FALSE(f.app.target("sign-Dr Sarah Okafor"));
    for (const char* key : {"pin-2", "pin-4", "pin-6", "pin-8", "pin-OK"})
        tap(f.app, key);
    tap(f.app, "sign-Dr Sarah Okafor");
    for (const char* key : {"pin-1", "pin-3", "pin-5", "pin-7", "pin-OK"})
        tap(f.app, key);
    sessions = f.app.journal().supervisions(jamie.id);
    CHECK(sessions[0].signed_off());
    frame(f.app);
    CHECK_FALSE(f.app.target("##discussion"));
    tap(f.app, "##addendum");
    type(f.app, "Policy read.");
    tap(f.app, "add-addendum");
    CHECK(f.app.journal().supervision(jamie.id, sessions[0].id)->addenda.size() == 1);
}

// Persona 4: a conflict after a sync is shown to its profile only (F2), and the worker wakes the
// event loop when it is done (F10).
TEST_CASE("walkthrough: sync wakes the loop when done; conflicts need their profile",
          "[gui][walkthrough][sync]") {
    test::TempDir other_device;
    Fixture f(800, 1280);
    std::atomic<int> wakes{0};
    f.app.set_wake([&] { ++wakes; });
    const std::string pass = "a long enough passphrase";
    const auto shared = f.data / "shared";
    const Profile ana = f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    const Note note = f.app.journal().add_note(ana.id, {"Shift", "First text", {}, "none", ""});
    {
        Sync(f.store).init(shared, pass);
        Sync(f.store).join_profile(ana.id); // Ana agrees that her notes take part
        Sync(f.store).run(shared, pass);
        Store other(other_device / "casebook.sqlite3");
        Sync(other).join(shared, pass);
        Sync(other).run(shared, pass);
        Journal(other).save_note(ana.id, note.id, {"Shift", "Private laptop text", {}, "none", ""});
        Sync(other).run(shared, pass);
    }
    f.app.journal().save_note(ana.id, note.id, {"Shift", "Private tablet text", {}, "none", ""});

    // Nobody signed in: sync runs, but no one's conflict is shown.
    start_sync_from_screen(f.app, shared, pass);
    for (int i = 0; i < 3000 && !f.app.target("sync-now"); ++i) {
        const int before = wakes;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        // Without a touch, only a wake would tell the platform to draw: count them.
        if (wakes > before) frame(f.app);
        f.app.tick(200.0 + i);
    }
    frame(f.app);
    REQUIRE(f.app.target("sync-now")); // drawn after the worker's last wake
    CHECK(wakes >= 2);                 // when it started, and when it finished
    CHECK(Sync(f.store).conflicts(ana.id).size() == 1);
    CHECK_FALSE(f.app.target("keep-0"));
    CHECK_FALSE(f.app.target("merge-0"));

    f.app.open_profile(ana);
    f.app.open_sync();
    frame(f.app);
    CHECK(f.app.target("keep-0"));
}

// F15: times are the device's local time, and a record's time is when it was made (the same
// in the list, the clipboard and the file); a practice record says it is practice everywhere.
TEST_CASE("record times are local and stable; practice is marked as practice", "[gui][records]") {
    const char* old_tz = std::getenv("TZ");
    const std::string saved = old_tz ? old_tz : "";
    setenv("TZ", "Europe/London", 1);
    tzset();
    CHECK(casebook::readable_time("2026-07-01T12:05:00.000Z") == "1 Jul 2026, 13:05"); // BST
    CHECK(casebook::zoned_time("2026-07-01T12:05:00.000Z") == "1 Jul 2026, 13:05 BST");
    CHECK(casebook::readable_time("2026-12-02T08:51:58.123Z") == "2 Dec 2026, 08:51"); // GMT
    CHECK(casebook::readable_time("not a time") == "not a time");

    TabletFixture f;
    f.app.start_practice("good-case");
    frame(f.app);
    const std::string option = first_target(f.app, "answer-");
    REQUIRE_FALSE(option.empty());
    tap(f.app, option);
    const auto records = DecisionRecords(f.store).records("");
    REQUIRE(records.size() == 1);
    const std::string made = casebook::zoned_time(records[0].created_at);
    for (int page = 0; page < 40 && !f.app.target("copy-record"); ++page)
        tap(f.app, "checklist-next");
    REQUIRE(f.app.target("copy-record"));
    tap(f.app, "copy-record");
    const std::string first = ImGui::GetClipboardText();
    CHECK(first.rfind("PRACTICE", 0) == 0);
    CHECK(first.find(made) != std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    tap(f.app, "copy-record");
    CHECK(std::string(ImGui::GetClipboardText()) == first); // not the time of viewing
    tap(f.app, "save-record");
    bool saved_file = false;
    for (const auto& e : std::filesystem::directory_iterator(f.data / "exports")) {
        const std::string md = test::slurp(e.path());
        CHECK(md.rfind("PRACTICE", 0) == 0);
        CHECK(md.find(made) != std::string::npos);
        saved_file = true;
    }
    CHECK(saved_file);
    if (old_tz)
        setenv("TZ", saved.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
}

// Persona 3, step 3.7: after three wrong PINs the wait is counted down where the keys are not,
// so nobody types the right PIN only to have it refused.
TEST_CASE("walkthrough: the wait after wrong PINs is counted down on the lock screen",
          "[gui][walkthrough]") {
    TabletFixture f;
    const Profile jamie =
        f.app.journal().add_profile({"Jamie Patel", Role::trainee, "nurse", "england"});
    f.app.journal().set_pin(jamie.id, "2468", KdfCost::minimum);
    f.app.lock();
    double now = 1000.0;
    f.app.tick(now);
    frame(f.app);
    tap(f.app, "profile-Jamie Patel");
    CHECK(f.app.lock_notice().empty());
    for (int i = 0; i < 3; ++i)
        for (const char* key : {"pin-1", "pin-1", "pin-1", "pin-1", "pin-OK"})
            tap(f.app, key);
    const std::string waiting = f.app.lock_notice();
    INFO(waiting);
    CHECK(waiting.rfind("That is not Jamie Patel's PIN. Wait 30 s before the next try.", 0) == 0);
    REQUIRE(f.app.next_frame_at()); // frames keep coming while it counts down
    f.app.tick(now += 12.5);
    CHECK(f.app.lock_notice().find("Wait 18 s") != std::string::npos);
    // The right PIN during the wait is refused by the core, and the notice says why.
    for (const char* key : {"pin-2", "pin-4", "pin-6", "pin-8", "pin-OK"})
        tap(f.app, key);
    CHECK(f.app.locked());
    CHECK(f.app.lock_notice().rfind("Too many wrong PINs for Jamie Patel.", 0) == 0);
    f.app.tick(now += 60);
    CHECK(f.app.lock_notice().find("Try again now.") != std::string::npos);
    CHECK_FALSE(f.app.next_frame_at());
}
