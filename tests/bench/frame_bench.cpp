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

double median_frame(const std::function<void()>& draw, int frames) {
    for (int i = 0; i < 5; ++i) { // settle layout and scrolling first
        ImGui::NewFrame();
        draw();
        ImGui::Render();
    }
    std::vector<double> cpu;
    for (int i = 0; i < frames; ++i) {
        const double start = thread_cpu_seconds();
        ImGui::NewFrame();
        draw();
        ImGui::Render();
        cpu.push_back(thread_cpu_seconds() - start);
    }
    return bench::median(cpu) * 1000.0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: frame_bench ASSETS_DIR LARGE_DATA_DIR [FRAMES [SCREEN]]\n");
        return 2;
    }
    const int frames = argc > 3 ? std::max(11, std::atoi(argv[3])) : 101;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = {1440, 900};
    io.DeltaTime = 1.0f / 60.0f;
    const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    gui::Fonts fonts{io.Fonts->AddFontFromFileTTF(font, 18.0f),
                     io.Fonts->AddFontFromFileTTF(font, 18.0f * 1.15f),
                     io.Fonts->AddFontFromFileTTF(font, 18.0f * 1.5f)};
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    gui::apply_style(gui::ThemeName::light, 18.0f, 1.0f);

    const double demo = median_frame([] { ImGui::ShowDemoWindow(); }, frames);

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
    std::printf("frame_bench: Dear ImGui demo window %.3f ms a frame (median of %d)\n", demo,
                frames);
    const std::string only = argc > 4 ? argv[4] : "";
    for (const auto& [name, open] : screens) {
        if (!only.empty() && only != name)
            continue;
        open();
        const double ms = median_frame([&] { app.frame(); }, frames);
        std::printf("  %-13s %.3f ms a frame\n", name, ms);
        bench::result(std::string("frame build, ") + name + ", large database (vs ImGui demo)", ms,
                      demo, 2.0, "ms");
    }
    ImGui::DestroyContext();
    return 0;
}
