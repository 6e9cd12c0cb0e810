// No database work inside a frame (issue #14): every SQL statement the UI thread runs is traced
// with sqlite3_trace_v2, and each screen, over a database with some history, is drawn for a few
// frames once it has settled. A frame may read a handful of small rows; it never writes, and
// never opens a connection.
#include "casebook/checklist.hpp"
#include "gui_support.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <sqlite3.h>
#include <thread>

using namespace casebook;
using namespace gui_test;

namespace {

// The test's view of SQLite. Every connection opened in this process gets the trace through
// sqlite3_auto_extension (no seam in the app's API is needed); only statements run on the
// UI thread while `counting` is on are counted, so the case index and sync workers are not.
struct SqlCount {
    std::atomic<bool> counting{false};
    std::thread::id ui;
    int reads = 0, writes = 0, opens = 0;
    std::vector<std::string> seen;
};
SqlCount count;

bool on_ui() {
    return count.counting && std::this_thread::get_id() == count.ui;
}

int trace(unsigned type, void*, void* p, void* x) {
    if (type != SQLITE_TRACE_STMT || !on_ui()) return 0;
    const std::string sql = static_cast<const char*>(x);
    if (sql.rfind("--", 0) == 0) return 0; // a trigger's own statements, part of their statement
    auto* stmt = static_cast<sqlite3_stmt*>(p);
    // BEGIN IMMEDIATE is "read-only" to SQLite but takes the write lock.
    const bool write = !sqlite3_stmt_readonly(stmt) || sql.rfind("BEGIN IMMEDIATE", 0) == 0 ||
                       sql.rfind("BEGIN EXCLUSIVE", 0) == 0;
    (write ? count.writes : count.reads)++;
    count.seen.push_back((write ? "write: " : "read: ") + sql.substr(0, 120));
    return 0;
}

int on_open(sqlite3* db, const char**, const void*) {
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, trace, nullptr);
    if (on_ui()) ++count.opens;
    return SQLITE_OK;
}

struct Traced {
    Traced() {
        count.ui = std::this_thread::get_id();
        // void(*)(void) is SQLite's declared type for an extension entry point.
        sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(on_open));
    }
    ~Traced() { sqlite3_cancel_auto_extension(reinterpret_cast<void (*)(void)>(on_open)); }
};

// Counts the SQL the UI thread runs while `act` runs, from zero.
void counting(const std::function<void()>& act) {
    count.reads = count.writes = count.opens = 0;
    count.seen.clear();
    count.counting = true;
    act();
    count.counting = false;
}

// A sync group in `data`/shared that `who` has joined, with a second device (in `other`) that
// has synced with this one: the sync screen and Home then have peers and sync state to read.
void join_group_with_a_peer(const test::TempDir& data, Store& store, const Profile& who,
                            const test::TempDir& other) {
    const std::string pass = "a long enough passphrase";
    Sync(store).init(data / "shared", pass);
    Sync(store).join_profile(who.id);
    Sync(store).run(data / "shared", pass);
    Store peer(other / "casebook.sqlite3");
    Sync(peer).join(data / "shared", pass);
    Sync(peer).run(data / "shared", pass);
    Sync(store).run(data / "shared", pass);
}

// Draws `frames` frames of the settled screen, counting; fails on a write, an open, or more
// than `max_reads` reads in a frame.
void expect_quiet_frames(gui::GuiApp& app, const std::string& screen, int frames = 5,
                         int max_reads = 3, const std::function<void()>& draw = {}) {
    for (int i = 0; i < 3; ++i) // settle: layout, and anything a screen reads on arrival
        frame(app);
    counting([&] {
        for (int i = 0; i < frames; ++i)
            draw ? draw() : frame(app);
    });
    std::string all;
    for (const auto& s : count.seen)
        all += "\n  " + s;
    INFO("screen " << screen << ": " << count.reads << " reads, " << count.writes << " writes, "
                   << count.opens << " connections opened in " << frames << " frames" << all);
    CHECK(count.writes == 0);
    CHECK(count.opens == 0);
    CHECK(count.reads <= max_reads * frames);
}

} // namespace

TEST_CASE("no screen writes, opens a connection or scans a table inside a frame",
          "[gui][frame-sql]") {
    Traced traced;
    test::TempDir other;
    ChecklistLoaded f;
    Journal& journal = f.app.journal();
    const Profile ana = journal.add_profile({"Ana", Role::trainee, "nurse", "england"});
    const Profile lead = journal.add_profile({"Lee", Role::supervisor, "doctor", "england"});
    // Some history: hundreds of notes (a few in the trash, one with versions and an identifier),
    // supervision sessions, decision records and a finished case.
    std::string last_note;
    for (int i = 0; i < 300; ++i)
        last_note = journal
                        .add_note(ana.id, {"Note " + std::to_string(i),
                                           "Body of note " + std::to_string(i) +
                                               " about consent and sharing, NHS 943 476 5919",
                                           {"ward", "tag" + std::to_string(i % 7)},
                                           "none",
                                           ""})
                        .id;
    journal.save_note(ana.id, last_note, {"Note last", "Edited once", {}, "none", ""},
                      NoteSave::new_version);
    for (int i = 0; i < 5; ++i)
        journal.trash_note(ana.id, journal.add_note(ana.id, {"Old", "gone", {}, "none", ""}).id);
    std::string session;
    for (int i = 0; i < 20; ++i) {
        const auto s = journal.start_supervision(lead.id, ana.id);
        SupervisionDraft d;
        d.discussion = "Discussion " + std::to_string(i);
        journal.save_supervision(ana.id, s.id, d);
        session = s.id;
    }
    std::string record;
    for (int i = 0; i < 40; ++i) {
        const auto r = DecisionRecords(f.store).create_record(ana.id, "real", "", "england");
        DecisionRecords(f.store).save_draft(ana.id, r.id, "england", "{}", "share-now");
        if (i % 2) DecisionRecords(f.store).finalise_record(ana.id, r.id);
        record = r.id;
    }
    join_group_with_a_peer(f.data, f.store, ana, other); // so the sync screen has something

    // With nobody signed in.
    f.app.lock();
    expect_quiet_frames(f.app, "lock");
    f.app.open_home();
    expect_quiet_frames(f.app, "home, no profile");

    f.app.open_profile(ana);
    const std::string case_id = f.library.cases().front().id;
    // A case played to its end, so revision has items and progress has figures.
    REQUIRE(f.app.open_case(case_id));
    while (f.app.run() && !f.app.run()->finished()) {
        CaseRun& run = *f.app.run();
        const std::size_t i = run.revealed() - 1;
        if (!run.chosen(i)) run.choose(i, f.library.cases().front().decisions[i].options[0].key);
        if (run.can_continue()) run.next();
    }

    const std::pair<const char*, std::function<void()>> screens[] = {
        {"home", [&] { f.app.open_home(); }},
        {"library", [&] { f.app.open_library(); }},
        {"player", [&] { f.app.open_case(case_id); }},
        {"settings", [&] { f.app.open_settings(); }},
        {"notes", [&] { f.app.open_notes(); }},
        {"note", [&] { REQUIRE(f.app.open_note_by_id(last_note)); }},
        {"supervisions", [&] { f.app.open_supervisions(); }},
        {"supervision", [&] { REQUIRE(f.app.open_supervision_by_id(session)); }},
        {"checklist", [&] { f.app.start_real_concern(); }},
        {"records", [&] { f.app.open_records(); }},
        {"record", [&] { REQUIRE(f.app.open_record(record)); }},
        {"sync", [&] { f.app.open_sync(); }},
        {"revision", [&] { f.app.open_revision(); }},
        {"progress", [&] { f.app.open_progress(); }},
    };
    for (const auto& [name, open] : screens) {
        open();
        expect_quiet_frames(f.app, name);
    }
    // The notes search and the trash, once shown.
    f.app.open_notes();
    frame(f.app);
    tap(f.app, "show-trash");
    expect_quiet_frames(f.app, "notes trash");
    tap(f.app, "notes-back");
    tap(f.app, "##notes-search");
    type(f.app, "consent");
    expect_quiet_frames(f.app, "notes search");
    // Typing the local contacts: saved by the autosave, not at each keystroke in the frame.
    f.app.open_settings();
    frame(f.app);
    tap(f.app, "##contacts");
    expect_quiet_frames(f.app, "settings, typing contacts", 5, 3, [&] { type(f.app, "x"); });
    f.app.save_pending();
    CHECK(f.store.setting("contacts").find("xxxxx") != std::string::npos);
    // A sync run from the screen: while it runs and once it has ended, frames only draw (its
    // outcome is taken, and sync's state read again, between frames, in tick()).
    start_sync_from_screen(f.app, f.data / "shared", "a long enough passphrase");
    count.reads = count.writes = count.opens = 0;
    count.seen.clear();
    int frames = 0;
    for (int i = 0; i < 3000 && (f.app.next_frame_at() || i < 5); ++i, ++frames) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        f.app.note_activity(1000.0 + i); // no idle lock meanwhile
        f.app.tick(1000.0 + i);
        count.counting = true;
        frame(f.app);
        count.counting = false;
    }
    REQUIRE(f.app.session());
    CHECK(f.app.session()->sync.report); // the run ended and its report was taken
    {
        std::string all;
        for (const auto& line : count.seen)
            all += "\n  " + line;
        INFO("a sync from the screen: " << count.writes << " writes, " << count.opens
                                        << " connections opened in " << frames << " frames" << all);
        CHECK(count.writes == 0);
        CHECK(count.opens == 0);
        CHECK(count.reads <= 3 * frames);
    }
    // Adding a profile.
    f.app.open_settings();
    frame(f.app);
    tap(f.app, "settings-add-profile");
    expect_quiet_frames(f.app, "new profile");
}

TEST_CASE("arriving at Home or the sync screen writes nothing when nothing has changed",
          "[gui][frame-sql]") {
    // Home looks at sync (for conflicts) at every visit; in a sync group with no conflict that
    // look must not write (it used to take the write lock and touch the database every time,
    // against a sync running in the background and at the cost of a disk flush).
    Traced traced;
    test::TempDir other;
    ChecklistLoaded f;
    const Profile ana = f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    f.app.journal().add_note(ana.id, {"A note", "Before the sync", {}, "none", ""});
    join_group_with_a_peer(f.data, f.store, ana, other);
    f.app.open_profile(ana);
    frame(f.app);

    counting([&] {
        f.app.open_library();
        f.app.open_home();
        frame(f.app);
        f.app.open_sync();
        frame(f.app);
        f.app.open_home();
        frame(f.app);
    });
    std::string all;
    for (const auto& s : count.seen)
        if (s.rfind("write", 0) == 0) all += "\n  " + s;
    INFO(count.writes << " writes:" << all);
    CHECK(count.writes == 0);
    CHECK(count.reads > 0); // it did look
}
