// Frame build time (a program, not a test): the median CPU time of one frame, ImGui's NewFrame
// to Render on a null renderer, for each of Casebook's screens over the large database, beside
// Dear ImGui's own demo window (all sections collapsed) built in the same run.
//   build/tests/frame_bench ASSETS_DIR LARGE_DATA_DIR [FRAMES [SCREEN]]
// With SCREEN (for example records) only that screen is built: for a profiler.
#include "bench_report.hpp"
#include "casebook/cases.hpp"
#include "casebook/store.hpp"
#include "gui_app.hpp"
#include "theme.hpp"

#include <ctime>
#include <functional>
#include <imgui.h>

using namespace casebook;

namespace {

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// One frame of `draw` in `context`, in CPU milliseconds.
double timed_frame(ImGuiContext* context, const std::function<void()>& draw) {
    ImGui::SetCurrentContext(context);
    const double start = thread_cpu_seconds();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    return (thread_cpu_seconds() - start) * 1000.0;
}

struct Medians {
    double screen, demo;
};

// The screen and the demo take turns, a frame each, each in its own ImGui context: whatever
// else the machine is doing slows both alike, so their ratio holds from run to run.
Medians median_frames(ImGuiContext* app, const std::function<void()>& draw, ImGuiContext* demo,
                      int frames) {
    auto show_demo = [] { ImGui::ShowDemoWindow(); };
    for (int i = 0; i < 5; ++i) { // settle layout and scrolling first
        timed_frame(app, draw);
        timed_frame(demo, show_demo);
    }
    std::vector<double> screen_ms, demo_ms;
    for (int i = 0; i < frames; ++i) {
        screen_ms.push_back(timed_frame(app, draw));
        demo_ms.push_back(timed_frame(demo, show_demo));
    }
    ImGui::SetCurrentContext(app);
    return {bench::median(screen_ms), bench::median(demo_ms)};
}

ImGuiContext* bench_context(ImFontAtlas* fonts) {
    ImGuiContext* context = ImGui::CreateContext(fonts);
    ImGui::SetCurrentContext(context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = {1440, 900};
    io.DeltaTime = 1.0f / 60.0f;
    gui::apply_style(gui::ThemeName::light, 18.0f, 1.0f);
    return context;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: frame_bench ASSETS_DIR LARGE_DATA_DIR [FRAMES [SCREEN]]\n");
        return 2;
    }
    const int frames = argc > 3 ? std::max(11, std::atoi(argv[3])) : 101;
    // Both contexts draw with one font atlas, as the app's three fonts.
    ImFontAtlas atlas;
    const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    gui::Fonts fonts{atlas.AddFontFromFileTTF(font, 18.0f),
                     atlas.AddFontFromFileTTF(font, 18.0f * 1.15f),
                     atlas.AddFontFromFileTTF(font, 18.0f * 1.5f)};
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
    ImGuiContext* demo = bench_context(&atlas);
    ImGuiContext* app_context = bench_context(&atlas);

    const Library library = Library::load(argv[1]);
    Store store(std::filesystem::path(argv[2]) / Store::file_name);
    gui::GuiApp app(library, store);
    app.set_ui({18.0f, 1.0f}, fonts);
    const auto nurse = app.journal().find_profile("Bench Nurse");
    if (!nurse) {
        std::fprintf(stderr, "frame_bench: %s has no Bench Nurse (run make_large_db)\n", argv[2]);
        return 2;
    }
    app.open_profile(*nurse);
    const std::pair<const char*, std::function<void()>> screens[] = {
        {"home", [&] { app.open_home(); }},
        {"library", [&] { app.open_library(); }},
        {"case", [&] { app.open_case(library.cases().front().id); }},
        {"notes", [&] { app.open_notes(); }},
        {"supervisions", [&] { app.open_supervisions(); }},
        {"records", [&] { app.open_records(); }},
        {"settings", [&] { app.open_settings(); }},
        {"sync", [&] { app.open_sync(); }},
        {"revision", [&] { app.open_revision(); }},
        {"progress", [&] { app.open_progress(); }},
        {"lock", [&] { app.lock(); }},
    };
    std::printf("frame_bench: each screen and Dear ImGui's demo window, a frame each in turn "
                "(medians of %d)\n",
                frames);
    const std::string only = argc > 4 ? argv[4] : "";
    for (const auto& [name, open] : screens) {
        if (!only.empty() && only != name) continue;
        open();
        const Medians ms = median_frames(
            app_context, [&] { app.frame(); }, demo, frames);
        std::printf("  %-13s %.4f ms a frame, the demo %.4f ms\n", name, ms.screen, ms.demo);
        bench::result(std::string("frame build, ") + name + ", large database (vs ImGui demo)",
                      ms.screen, ms.demo, 2.0, "ms");
    }
    ImGui::DestroyContext(demo);
    ImGui::DestroyContext(app_context);
    return 0;
}
