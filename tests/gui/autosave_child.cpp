// Helper program for the kill test: types into a note on a null ImGui context backed by a real
// database, says "typed" on stdout, then keeps running (ticking the real clock) until killed.
#include "gui_app.hpp"

#include <chrono>
#include <cstdio>
#include <imgui.h>
#include <thread>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    using namespace casebook;
    const Library library = Library::load(std::filesystem::path(argv[1]));
    Store store(std::filesystem::path(argv[2]) / Store::file_name);
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = {800, 1280};
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->AddFontDefault();
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    gui::GuiApp app(library, store);
    app.set_ui({18.0f, 1.0f}, {io.Fonts->Fonts[0], io.Fonts->Fonts[0], io.Fonts->Fonts[0]});
    const Profile ana = app.journal().add_profile({"Ana", Role::trainee, "nurse", "england"});
    app.open_profile(ana);
    app.open_notes();
    const auto start = std::chrono::steady_clock::now();
    auto now = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    auto frame = [&] {
        app.tick(now());
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
    };
    auto tap = [&](const std::string& label) {
        frame();
        const gui::HitTarget* t = app.target(label);
        if (!t) std::exit(3);
        io.MousePos = t->centre();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
    };
    tap("new-note");
    tap("##note-body");
    for (char ch : std::string(argc > 3 ? argv[3] : "typed before the crash"))
        io.AddInputCharacter(static_cast<unsigned>(ch));
    frame();
    std::printf("typed %d\n", static_cast<int>(getpid()));
    std::fflush(stdout);
    // The app keeps running as if the person were still looking at the note; the parent kills
    // it without warning. Only the autosave stands between the text and loss.
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        frame();
    }
}
