// Locking leaves nothing of the last person: from every screen, after typing into it, the lock
// drops their whole session (and ImGui's own buffer of the field being typed in), so no screen
// shows their text to whoever picks the tablet up next. And every deep link opens on the null
// context, now that the router lives in the GUI library.
#include "casebook/checklist.hpp"
#include "gui_support.hpp"
#include "router.hpp"

#include <imgui_internal.h>

using namespace casebook;
using namespace gui_test;

namespace {

std::string imgui_text_buffer() {
    const ImGuiInputTextState& s = ImGui::GetCurrentContext()->InputTextState;
    std::string out;
    if (s.TextA.Size) out += std::string(s.TextA.Data);
    if (s.InitialTextA.Size) out += std::string(s.InitialTextA.Data);
    return out;
}

// Everything a session holds as text that a person typed or that was read for them.
std::string session_text(const gui::ProfileSession& s) {
    std::string out = s.library.filters.search + s.player.reflection + s.notes.search +
                      s.note.draft.title + s.note.draft.body + s.note.tags_text +
                      s.supervision.draft.discussion + s.supervision.addendum + s.supervision.pin +
                      s.record.addendum + s.sync.passphrase + (s.profile ? s.profile->name : "");
    for (const auto& n : s.notes.notes)
        out += n.title + n.body;
    for (const auto& h : s.notes.hits)
        out += h.title + h.snippet;
    for (const auto& r : s.records.records)
        out += r.id;
    // What the screen structs read for the person: the trash, the sessions list and its names,
    // the open session and record, the conflicts' titles and merges.
    for (const auto& n : s.notes.trash)
        out += n.title + n.body;
    for (const auto& [id, name] : s.supervisions.names)
        out += name;
    for (const auto& session : s.supervisions.sessions)
        out += session.discussion;
    if (s.supervision.session) out += s.supervision.session->discussion;
    for (const auto& [id, person] : s.supervision.people)
        out += person.name;
    if (s.record.record) out += s.record.record->id;
    for (const auto& [id, title] : s.sync.view.note_titles)
        out += title;
    // What the lists' cards say, worked out when they were read.
    for (const auto* texts : {&s.notes.texts, &s.records.texts, &s.supervisions.texts})
        for (const auto& t : *texts)
            out += t.title + t.body + t.meta;
    for (const auto& [key, text] : s.sync.merges)
        out += text;
    return out;
}

// What the text layouts the app keeps between frames spell, read back glyph by glyph through
// where each glyph sits in the fonts' atlas.
std::string kept_layouts_text(const gui::GuiApp& app, const gui::Fonts& fonts) {
    std::string out;
    app.text_layouts().visit([&](const gui::TextLayout& layout) {
        for (const gui::TextLayout::Glyph& g : layout.glyphs) {
            bool found = false;
            for (const ImFont* font : {fonts.body, fonts.heading, fonts.title})
                for (const ImFontGlyph& fg : font->Glyphs)
                    if (!found && g.visible && fg.U0 == g.u0 && fg.V0 == g.v0 &&
                        fg.Codepoint < 0x80) {
                        out += static_cast<char>(fg.Codepoint);
                        found = true;
                    }
            if (!found) out += ' ';
        }
        out += '\n';
    });
    return out;
}

} // namespace

TEST_CASE("locking from any screen after typing leaves no trace of the person in any screen",
          "[gui][lock]") {
    ChecklistLoaded f;
    Journal& journal = f.app.journal();
    const Profile ana = journal.add_profile({"Ana", Role::trainee, "nurse", "england"});
    const Profile lee = journal.add_profile({"Lee", Role::supervisor, "doctor", "england"});
    const Note kept =
        journal.add_note(ana.id, {"Ana's SECRET note", "SECRET body", {}, "none", ""});
    const Supervision session = journal.start_supervision(lee.id, ana.id);
    const auto record = DecisionRecords(f.store).create_record(ana.id, "real", "", "england");
    DecisionRecords(f.store).save_draft(ana.id, record.id, "england", "{}", "share-now");
    DecisionRecords(f.store).finalise_record(ana.id, record.id);
    const std::string case_id = f.library.cases().front().id;

    struct Where {
        std::string name;
        std::function<void()> open;
        std::string field;
    };
    const std::vector<Where> screens = {
        {"library", [&] { f.app.open_library(); }, "##search"},
        {"notes", [&] { f.app.open_notes(); }, "##notes-search"},
        {"note", [&] { REQUIRE(f.app.open_note_by_id(kept.id)); }, "##note-title"},
        {"supervision", [&] { REQUIRE(f.app.open_supervision_by_id(session.id)); }, "##discussion"},
        {"record", [&] { REQUIRE(f.app.open_record(record.id)); }, "##record-addendum"},
        {"sync", [&] { f.app.open_sync(); }, "##sync-passphrase"},
        {"player",
         [&] {
             REQUIRE(gui::open_link(f.app, "case:" + case_id + ":A,A").empty());
             while (!f.app.run()->finished())
                 f.app.run()->next();
         },
         "##reflection"},
    };
    for (const auto& where : screens) {
        INFO("locking from " << where.name);
        f.app.open_profile(ana);
        where.open();
        frame(f.app);
        // The lists draw the person's titles from kept layouts: the test below can see them.
        if (where.name == "notes")
            CHECK(kept_layouts_text(f.app, f.imgui.fonts).find("SECRET") != std::string::npos);
        tap(f.app, where.field);
        type(f.app, "SECRET typed on " + where.name);
        f.app.lock();
        frame(f.app);
        CHECK(f.app.locked());
        // The glyphs of the person's text, kept to draw it faster, went with the session (the
        // lock screen itself lists the profiles' names).
        CHECK(kept_layouts_text(f.app, f.imgui.fonts).find("SECRET") == std::string::npos);
        CHECK(f.app.session() == nullptr); // the whole session went, not a list of fields
        CHECK(imgui_text_buffer().find("SECRET") == std::string::npos);
        // The next person uses the tablet without a profile and goes everywhere.
        tap(f.app, "no-profile");
        for (const char* link : {"home", "library", "settings", "records", "sync", "worried"}) {
            REQUIRE(gui::open_link(f.app, link).empty());
            frame(f.app);
            REQUIRE(f.app.session());
            CHECK(session_text(*f.app.session()).find("SECRET") == std::string::npos);
            CHECK(session_text(*f.app.session()).find("Ana") == std::string::npos);
            CHECK_FALSE(f.app.target("record-" + record.id));
        }
        f.app.lock();
    }
}

TEST_CASE("a record made with nobody signed in is gone after the lock", "[gui][lock]") {
    ChecklistLoaded f;
    f.app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    f.app.lock();
    frame(f.app);
    tap(f.app, "no-profile");
    f.app.open_records();
    frame(f.app);
    const auto records = DecisionRecords(f.store).records("");
    f.app.start_real_concern();
    frame(f.app);
    tap(f.app, f.app.target("answer-danger-no") ? "answer-danger-no" : "jurisdiction-wales");
    f.app.save_pending();
    f.app.open_records();
    frame(f.app);
    REQUIRE(f.app.session());
    const auto mine = f.app.session()->unowned_records;
    REQUIRE(mine.size() == 1);
    CHECK(f.app.target("record-" + *mine.begin()));
    f.app.lock();
    CHECK(f.app.session() == nullptr);
    CHECK_FALSE(f.app.next_lock_at());
    frame(f.app);
    tap(f.app, "no-profile");
    f.app.open_records();
    frame(f.app);
    CHECK_FALSE(f.app.target("record-" + *mine.begin()));
    CHECK_FALSE(f.app.open_record(*mine.begin()));
}

TEST_CASE("every deep link opens its screen on the null context", "[gui][router]") {
    ChecklistLoaded f;
    Journal& journal = f.app.journal();
    const Profile ana = journal.add_profile({"Ana", Role::trainee, "nurse", "england"});
    const Profile lee = journal.add_profile({"Lee", Role::supervisor, "doctor", "england"});
    const Note note = journal.add_note(ana.id, {"A note", "Body", {}, "none", ""});
    const Supervision session = journal.start_supervision(lee.id, ana.id);
    const std::string case_id = f.library.cases().front().id;
    const std::string first_key = f.library.cases().front().decisions[0].options[0].key;

    // Without a profile, a person's own screens are refused with a message.
    f.app.lock();
    for (const std::string& link : std::vector<std::string>{
             "notes", "supervisions", "note:" + note.id, "supervision:" + session.id}) {
        INFO(link);
        CHECK(gui::open_link(f.app, link) ==
              "casebook: --open " + link + " needs --profile NAME\n");
        CHECK(gui::GuiApp::needs_profile(link.rfind("note", 0) == 0 ? gui::Screen::notes
                                                                    : gui::Screen::supervisions));
    }
    const std::pair<std::string, gui::Screen> opens[] = {
        {"home", gui::Screen::home},
        {"library", gui::Screen::library},
        {"settings", gui::Screen::settings},
        {"lock", gui::Screen::lock},
        {"worried", gui::Screen::checklist},
        {"records", gui::Screen::records},
        {"sync", gui::Screen::sync},
        {"revision", gui::Screen::revision},
        {"progress", gui::Screen::progress},
        {"practice:" + case_id, gui::Screen::checklist},
        {"case:" + case_id, gui::Screen::player},
        {"case:" + case_id + ":" + first_key, gui::Screen::player},
        {"notes", gui::Screen::notes},
        {"supervisions", gui::Screen::supervisions},
        {"note:" + note.id, gui::Screen::note},
        {"supervision:" + session.id, gui::Screen::supervision},
    };
    for (const auto& [link, screen] : opens) {
        INFO(link);
        f.app.open_profile(ana);
        CHECK(gui::open_link(f.app, link).empty());
        CHECK(f.app.screen() == screen);
        frame(f.app);
    }
    f.app.open_profile(ana);
    CHECK(gui::open_link(f.app, "case:no-such") == "casebook: --open: no case with id 'no-such'\n");
    CHECK(gui::open_link(f.app, "practice:no-such") ==
          "casebook: --open: no case with id 'no-such'\n");
    CHECK(gui::open_link(f.app, "note:nope") ==
          "casebook: --open: no note nope for this profile\n");
    CHECK(gui::open_link(f.app, "case:" + case_id + ":Z") ==
          "casebook: --open: cannot choose 'Z' at decision 1\n");
    CHECK(gui::open_link(f.app, "elsewhere").find("is not home, library") != std::string::npos);
}
