// The floor for the first frame: a bare SDL2 + Dear ImGui 1.86 program doing the least a
// screen can (software renderer, DejaVu Sans at 18 px, one full-window ImGui window with a
// button and 19 lines of text), drawing one frame and reading it back. first_frame_bench runs it
// beside casebook to give the ratio.
//   SDL_VIDEODRIVER=dummy build/tests/bare_window 1440 900
#include "bench_stamp.hpp"

#include <SDL.h>
#include <cstdio>
#include <cstdlib>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <vector>

int main(int argc, char** argv) {
    const int width = argc > 1 ? std::atoi(argv[1]) : 1440;
    const int height = argc > 2 ? std::atoi(argv[2]) : 900;
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "bare_window: %s\n", SDL_GetError());
        return 2;
    }
    SDL_Window* window = SDL_CreateWindow("bare", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                          width, height, SDL_WINDOW_HIDDEN);
    SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!window || !renderer) {
        std::fprintf(stderr, "bare_window: %s\n", SDL_GetError());
        return 2;
    }
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.Fonts->AddFontFromFileTTF("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 18.0f);
    ImGui_ImplSDL2_InitForSDLRenderer(window);
    ImGui_ImplSDLRenderer_Init(renderer);

    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("bare", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::Button("A button");
    for (int i = 0; i < 19; ++i)
        ImGui::Text("Line %d of text, as long as a short sentence on a screen.", i + 1);
    ImGui::End();
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    const int read =
        SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(), width * 4);
    if (read == 0) casebook::platform::bench_stamp("bare_window");

    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return read == 0 ? 0 : 1; // the frame was really drawn and read back
}
