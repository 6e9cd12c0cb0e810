// Review F7 and F12: on a tablet at Large and Largest text, the bottom bar read "Sett/ings", the
// nations "Sco/tlan/d", and the supervision action row stacked "Remove" a letter a line. Every
// screen is drawn here at every text size on an 800x1280 tablet (320 dpi, the app's own font)
// and no button label may need a word broken to fit.
#include "gui_support.hpp"
#include "theme.hpp"

#include <filesystem>

using namespace casebook;
using namespace gui_test;

namespace {

const char* dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

} // namespace

TEST_CASE("no label breaks inside a word on any screen at any text size on a tablet",
          "[gui][layout]") {
    REQUIRE(std::filesystem::exists(dejavu)); // fonts-dejavu-core, as the app uses
    for (int size = 0; size < gui::text_size_count; ++size) {
        const float dp = 2.0f; // 320 dpi
        const float px = 17.0f * dp * gui::text_scale(size);
        INFO("text size " << gui::text_size_label(size) << " (" << px << " px)");
        test::TempDir data;
        Library library = Library::load(test::assets_dir);
        Store store{data / "casebook.sqlite3"};
        NullImGui imgui(800, 1280, px, dejavu, dp);
        gui::GuiApp app{library, store};
        app.set_ui({px, dp}, imgui.fonts);
        Problems problems;
        Checklist checklist =
            Checklist::load(FolderAssets(test::assets_dir), library.guidance(), problems);
        REQUIRE(problems.empty());
        app.set_checklist(&checklist);
        const Profile sam =
            app.journal().add_profile({"Dr Sarah Okafor", Role::supervisor, "doctor", "england"});
        const Profile tia =
            app.journal().add_profile({"Jamie Patel", Role::trainee, "nurse", "england"});
        app.journal().set_pin(tia.id, "2468", KdfCost::minimum);
        const Note note = app.journal().add_note(tia.id, {"A note", "Text", {}, "none", ""});
        const Supervision session = app.journal().start_supervision(sam.id, tia.id);
        SupervisionDraft draft;
        draft.actions.push_back({"Read the local safeguarding policy", "2026-12-31"});
        app.journal().save_supervision(tia.id, session.id, draft);
        std::size_t screens = 0;
        auto check = [&](const std::string& screen) {
            frame(app);
            frame(app);
            ++screens;
            INFO(screen);
            REQUIRE_FALSE(app.targets().empty());
            for (const auto& label : app.split_labels())
                FAIL_CHECK("the label \"" << label << "\" breaks inside a word");
        };
        app.lock();
        check("lock");
        tap(app, "profile-Jamie Patel");
        check("lock: PIN pad");
        app.lock();
        frame(app);
        tap(app, "add-profile");
        check("new profile");
        app.open_profile(tia);
        check("home");
        app.open_library();
        check("library");
        const std::string case_id = library.cases().front().id;
        REQUIRE(app.open_case(case_id));
        check("case player");
        app.run()->choose(0, library.cases().front().decisions[0].options[0].key);
        check("case feedback");
        while (!app.run()->finished()) {
            const std::size_t i = app.run()->revealed() - 1;
            if (!app.run()->chosen(i))
                app.run()->choose(i, library.cases().front().decisions[i].options[0].key);
            app.run()->next();
        }
        check("case outcome");
        app.open_settings();
        check("settings");
        app.open_sync();
        check("sync");
        app.open_notes();
        check("notes");
        REQUIRE(app.open_note_by_id(note.id));
        check("note editor");
        app.open_supervisions();
        check("supervision list");
        REQUIRE(app.open_supervision_by_id(session.id));
        check("supervision session");
        app.start_real_concern();
        check("checklist");
        app.start_practice(case_id);
        check("practice checklist");
        app.open_records();
        check("decision records");
        CHECK(screens == 17);
    }
}
