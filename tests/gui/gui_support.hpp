#pragma once
// A null ImGui context (no window, no renderer, a built font atlas) and a finger or mouse that
// drives it through io.MousePos / io.MouseDown, for the GUI logic tests.
#include "casebook/checklist.hpp"
#include "gui_app.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

namespace gui_test {

using namespace casebook;

struct NullImGui {
    // `ttf`: a font file to measure text with (as the app does), else ImGui's built-in font.
    NullImGui(float width, float height, float px = 18.0f, const char* ttf = nullptr,
              float dp = 1.0f) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {width, height};
        io.DeltaTime = 1.0f / 60.0f;
        // Keys as the SDL backend maps them: one slot per ImGui key, so tests can press them.
        for (int k = 0; k < ImGuiKey_COUNT; ++k)
            io.KeyMap[k] = k;
        static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2044, 0x20AC,
                                         0x20AC, 0x25CF, 0x25CF, 0x2713, 0x2717, 0};
        auto add = [&](float size) {
            if (ttf) return io.Fonts->AddFontFromFileTTF(ttf, size, nullptr, ranges);
            ImFontConfig config;
            config.SizePixels = size;
            return io.Fonts->AddFontDefault(&config);
        };
        fonts = {add(px), add(px * 1.15f), add(px * 1.5f)};
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        gui::apply_style(gui::ThemeName::light, px, dp);
    }
    ~NullImGui() { ImGui::DestroyContext(); }
    gui::Fonts fonts;
};

// What a piece of drawing added to a draw list: its vertices, and its indices counted from its
// first vertex (so two drawings can be compared wherever they landed).
struct Drawn {
    std::vector<ImDrawVert> vertices;
    std::vector<unsigned> indices;
};

template <class Draw> Drawn drawn_by(ImDrawList* dl, Draw&& draw) {
    const int v0 = dl->VtxBuffer.Size, i0 = dl->IdxBuffer.Size;
    const auto base = static_cast<unsigned>(dl->_VtxCurrentIdx);
    draw(dl);
    Drawn d;
    for (int i = v0; i < dl->VtxBuffer.Size; ++i)
        d.vertices.push_back(dl->VtxBuffer[i]);
    for (int i = i0; i < dl->IdxBuffer.Size; ++i)
        d.indices.push_back(dl->IdxBuffer[i] - base);
    return d;
}

inline void frame(gui::GuiApp& app) {
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
}

// Scrolls with the wheel, as a user would, until the target is well inside the screen (clear
// of a bottom navigation bar).
inline void scroll_into_view(gui::GuiApp& app, const std::string& label) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 200; ++i) {
        const gui::HitTarget* t = app.target(label);
        if (!t || (t->min.y >= 0 && t->max.y <= io.DisplaySize.y * 0.85f)) return;
        io.MousePos = {t->centre().x, io.DisplaySize.y * 0.5f}; // over the target's column
        io.MouseWheel = t->max.y > io.DisplaySize.y * 0.85f ? -1.0f : 1.0f;
        frame(app);
        io.MouseWheel = 0;
        frame(app);
    }
}

// Typing on a keyboard (or the on-screen one) into the active field.
inline void type(gui::GuiApp& app, const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str()); // UTF-8, as SDL_TEXTINPUT delivers it
    frame(app);
}

// A finger: down on the target's centre for one frame, then up.
inline void tap(gui::GuiApp& app, const std::string& label) {
    scroll_into_view(app, label);
    const gui::HitTarget* t = app.target(label);
    INFO("tapping " << label);
    REQUIRE(t);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = t->centre();
    io.MouseDown[0] = true;
    frame(app);
    io.MouseDown[0] = false;
    frame(app);
    io.MousePos = {-FLT_MAX, -FLT_MAX}; // finger lifted: nothing stays hovered
    frame(app);
}

// On the sync screen: types the shared folder and the passphrase and taps "Sync now", as a
// person would; the run goes on on the worker thread.
inline void start_sync_from_screen(gui::GuiApp& app, const std::filesystem::path& shared,
                                   const std::string& passphrase) {
    app.open_sync();
    frame(app);
    tap(app, "##sync-folder");
    type(app, shared.string());
    tap(app, "##sync-passphrase");
    type(app, passphrase);
    tap(app, "sync-now");
}

struct Fixture {
    test::TempDir data;
    Library library = Library::load_files({test::fixtures_dir / "good-case.json"},
                                          Library::load(test::assets_dir).guidance());
    Store store{data / "casebook.sqlite3"};
    NullImGui imgui;
    gui::GuiApp app{library, store};

    explicit Fixture(float width = 800, float height = 1280) : imgui(width, height) {
        REQUIRE(library.cases().size() == 1);
        app.set_ui({18.0f, 1.0f}, imgui.fonts);
        frame(app);
    }
};

// The same, with the disclosure checklist loaded from the bundled assets (the checklist,
// records and deep-link screens need it).
struct ChecklistLoaded : Fixture {
    casebook::Problems problems;
    casebook::Checklist checklist = casebook::Checklist::load(
        casebook::FolderAssets(test::assets_dir), library.guidance(), problems);

    explicit ChecklistLoaded(float width = 1440, float height = 900) : Fixture(width, height) {
        REQUIRE(problems.empty());
        app.set_checklist(&checklist);
    }
};

} // namespace gui_test
