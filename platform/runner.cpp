#include "runner.hpp"

#include "casebook/library.hpp"
#include "casebook/store.hpp"
#include "gui_app.hpp"
#include "png.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdio>
#include <iostream>

namespace casebook::platform {

namespace {

// Frames drawn after each input event, so hover, press and layout changes settle.
constexpr int frames_after_input = 3;

bool parse_size(const std::string& text, int& w, int& h) {
    return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 200 && h >= 200 && w <= 8192 &&
           h <= 8192;
}

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(sep, start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::filesystem::path find_font(const std::filesystem::path& assets_dir, const char* name) {
    for (const auto& dir : {assets_dir / "fonts", std::filesystem::path("/usr/share/fonts/truetype/dejavu")}) {
        std::error_code ec;
        if (std::filesystem::exists(dir / name, ec)) return dir / name;
    }
    return {};
}

// Latin with the accents of European names, and typographic punctuation used in the cases.
const ImWchar glyph_ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2044, 0x20AC, 0x20AC, 0};

gui::Fonts load_fonts(const std::filesystem::path& assets_dir, float font_px) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    gui::Fonts fonts;
    const auto regular = find_font(assets_dir, "DejaVuSans.ttf");
    const auto bold = find_font(assets_dir, "DejaVuSans-Bold.ttf");
    auto add = [&](const std::filesystem::path& file, float size) -> ImFont* {
        if (!file.empty())
            if (ImFont* f = io.Fonts->AddFontFromFileTTF(file.c_str(), size, nullptr, glyph_ranges))
                return f;
        ImFontConfig config;
        config.SizePixels = size;
        return io.Fonts->AddFontDefault(&config);
    };
    if (regular.empty())
        std::cerr << "casebook: DejaVuSans.ttf not found (install fonts-dejavu-core); accented "
                     "names will not show\n";
    fonts.body = add(regular, font_px);
    fonts.heading = add(bold.empty() ? regular : bold, font_px * 1.15f);
    fonts.title = add(bold.empty() ? regular : bold, font_px * 1.5f);
    io.Fonts->Build();
    return fonts;
}

// Applies --open after the library is loaded; false (with a message) if it names nothing.
bool open_screen(gui::GuiApp& app, const GuiOptions& options) {
    if (options.open == "home") return app.open_home(), true;
    if (options.open == "library") return app.open_library(), true;
    if (options.open.rfind("case:", 0) == 0) {
        auto parts = split(options.open.substr(5), ':');
        if (!app.open_case(parts[0])) {
            std::cerr << "casebook: --open: no case with id '" << parts[0] << "'\n";
            return false;
        }
        if (parts.size() > 1) {
            CaseRun* run = app.run();
            run->restart();
            auto keys = split(parts[1], ',');
            for (std::size_t i = 0; i < keys.size(); ++i) {
                if (!run->choose(i, keys[i])) {
                    std::cerr << "casebook: --open: cannot choose '" << keys[i] << "' at decision "
                              << i + 1 << "\n";
                    return false;
                }
                run->next();
            }
        }
        return true;
    }
    std::cerr << "casebook: --open: '" << options.open
              << "' is not home, library or case:<id>\n";
    return false;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

bool parse_gui_options(const std::vector<std::string>& args, GuiOptions& o, std::string& error) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i], value;
        bool has_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_value = true;
        }
        auto need = [&]() -> bool {
            if (has_value) return true;
            if (i + 1 >= args.size()) {
                error = name + " needs a value";
                return false;
            }
            value = args[++i];
            return true;
        };
        if (name == "--open") {
            if (!need()) return false;
            o.open = value;
        } else if (name == "--scroll-to") {
            if (!need()) return false;
            o.scroll_to = value;
        } else if (name == "--size") {
            if (!need()) return false;
            if (!parse_size(value, o.width, o.height)) {
                error = "--size wants WIDTHxHEIGHT, each 200 to 8192, e.g. 1280x800";
                return false;
            }
        } else if (name == "--screenshot") {
            if (!need()) return false;
            o.screenshot = value;
        } else if (name == "--measure-idle") {
            if (!need()) return false;
            try {
                o.measure_idle_seconds = std::stod(value);
            } catch (...) {
                error = "--measure-idle wants a number of seconds";
                return false;
            }
        } else {
            error = "unknown option " + args[i];
            return false;
        }
    }
    return true;
}

int run_gui(const GuiOptions& options) {
    const Library library = Library::load(options.assets_dir);
    if (!library.problems().empty())
        std::cerr << "casebook: " << library.problems().size()
                  << " problem(s) in the case files; those cases are left out (casebook validate "
                     "lists them)\n";
    std::unique_ptr<Store> store;
    try {
        store = std::make_unique<Store>(options.data_dir / Store::file_name);
    } catch (const std::exception& e) {
        std::cerr << "casebook: " << e.what() << "\n";
        return 2;
    }

    // Video only: the joystick and game-controller subsystems would turn waiting into polling.
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::cerr << "casebook: cannot start the display: " << SDL_GetError() << "\n";
        return 2;
    }
    const bool offscreen = options.screenshot || options.measure_idle_seconds;
    SDL_Window* window = SDL_CreateWindow("Casebook", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                          options.width, options.height,
                                          SDL_WINDOW_RESIZABLE | (offscreen ? SDL_WINDOW_HIDDEN : 0));
    if (!window) {
        std::cerr << "casebook: cannot open a window: " << SDL_GetError() << "\n";
        SDL_Quit();
        return 2;
    }
    // Screenshots use the software renderer so pixels are the same on every machine.
    SDL_Renderer* renderer = nullptr;
    if (!options.screenshot)
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!renderer) renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer) {
        std::cerr << "casebook: cannot create a renderer: " << SDL_GetError() << "\n";
        SDL_DestroyWindow(window);
        SDL_Quit();
        return 2;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written to the working folder
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false; // a blinking cursor would need frames while idle

    float ddpi = 96.0f;
    if (SDL_GetDisplayDPI(0, &ddpi, nullptr, nullptr) != 0 || ddpi <= 0) ddpi = 96.0f;
    const float dp = std::max(1.0f, ddpi / 160.0f);
    const gui::UiMetrics metrics{18.0f * dp, dp};
    const gui::Fonts fonts = load_fonts(options.assets_dir, metrics.font_px);
    gui::apply_style(gui::ThemeName::light, metrics.font_px, metrics.dp);

    ImGui_ImplSDL2_InitForSDLRenderer(window);
    ImGui_ImplSDLRenderer_Init(renderer);

    gui::GuiApp app(library, *store);
    app.set_ui(metrics, fonts, gui::ThemeName::light);
    int exit_code = 0;
    if (!open_screen(app, options)) exit_code = 2;
    if (!options.scroll_to.empty()) app.scroll_to_heading(options.scroll_to);

    const Uint32 stop_event = SDL_RegisterEvents(1);
    if (options.measure_idle_seconds) {
        SDL_AddTimer(
            static_cast<Uint32>(*options.measure_idle_seconds * 1000.0),
            [](Uint32, void* param) -> Uint32 {
                SDL_Event e{};
                e.type = static_cast<Uint32>(reinterpret_cast<std::uintptr_t>(param));
                SDL_PushEvent(&e);
                return 0;
            },
            reinterpret_cast<void*>(static_cast<std::uintptr_t>(stop_event)));
    }

    auto draw = [&] {
        ImGui_ImplSDLRenderer_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
        const ImVec4 bg = gui::palette(gui::ThemeName::light).background;
        SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(bg.x * 255), static_cast<Uint8>(bg.y * 255),
                               static_cast<Uint8>(bg.z * 255), 255);
        SDL_RenderClear(renderer);
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    };

    long frames = 0;
    long idle_frames = 0;
    bool settled = false; // the first burst of frames is done; from here on we are idle
    int pending = frames_after_input;
    bool running = exit_code == 0;
    double first_frame_seconds = -1;
    while (running) {
        SDL_Event event;
        // Idle means asleep here: no event, no frame.
        const bool got = pending > 0 ? SDL_PollEvent(&event) != 0 : SDL_WaitEvent(&event) != 0;
        if (got) {
            do {
                if (event.type == stop_event) {
                    running = false;
                    break;
                }
                ImGui_ImplSDL2_ProcessEvent(&event);
                if (event.type == SDL_QUIT) running = false;
                pending = frames_after_input;
            } while (SDL_PollEvent(&event));
        }
        if (!running || pending == 0) continue;
        draw();
        --pending;
        ++frames;
        if (first_frame_seconds < 0) first_frame_seconds = seconds_since(options.started);
        if (settled) ++idle_frames;
        if (pending == 0) settled = true;
        if (options.screenshot && frames >= frames_after_input) {
            // Read back the finished frame before presenting it.
            int w = 0, h = 0;
            SDL_GetRendererOutputSize(renderer, &w, &h);
            std::vector<std::uint8_t> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
            if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(), w * 4) != 0) {
                std::cerr << "casebook: cannot read the frame back: " << SDL_GetError() << "\n";
                exit_code = 2;
            } else if (auto err = write_png(*options.screenshot, pixels.data(), w, h); !err.empty()) {
                std::cerr << "casebook: " << err << "\n";
                exit_code = 2;
            } else {
                std::cout << "wrote " << options.screenshot->string() << " (" << w << "x" << h
                          << "); first frame drawn " << static_cast<int>(first_frame_seconds * 1000)
                          << " ms after start\n";
            }
            running = false;
        }
        SDL_RenderPresent(renderer);
    }
    if (options.measure_idle_seconds)
        std::cout << "{\"idle_seconds\":" << *options.measure_idle_seconds
                  << ",\"frames_total\":" << frames << ",\"frames_while_idle\":" << idle_frames
                  << ",\"first_frame_ms\":" << static_cast<int>(first_frame_seconds * 1000)
                  << "}\n";

    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return exit_code;
}

} // namespace casebook::platform
