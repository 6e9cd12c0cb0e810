#include "runner.hpp"

#include "bench_stamp.hpp"
#include "casebook/cases.hpp"
#include "casebook/store.hpp"
#include "data_paths.hpp"
#include "fonts.hpp"
#include "gui_app.hpp"
#include "imgui_pointer.hpp"
#include "lifecycle.hpp"
#include "png.hpp"
#include "router.hpp"
#include "sdl_assets.hpp"
#include "text_input.hpp"
#include "wake.hpp"

#include <SDL.h>
#include <cstdio>
#include <cstring>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <iostream>
#include <mutex>

namespace casebook::platform {

namespace {

// Frames drawn after each input event, so hover, press and layout changes settle.
constexpr int frames_after_input = 3;
// Body text at the standard size, in dp; a dp is 1/160 inch, never less than a pixel.
constexpr float base_font_dp = 17.0f;

std::optional<double> earliest(std::optional<double> a, std::optional<double> b) {
    if (a && b) return std::min(*a, *b);
    return a ? a : b;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::optional<AppEvent> app_event(const SDL_Event& e) {
    switch (e.type) {
    case SDL_APP_WILLENTERBACKGROUND:
        return AppEvent::will_enter_background;
    case SDL_APP_DIDENTERBACKGROUND:
        return AppEvent::did_enter_background;
    case SDL_APP_WILLENTERFOREGROUND:
        return AppEvent::will_enter_foreground;
    case SDL_APP_DIDENTERFOREGROUND:
        return AppEvent::did_enter_foreground;
    case SDL_APP_LOWMEMORY:
        return AppEvent::low_memory;
    case SDL_APP_TERMINATING:
        return AppEvent::terminating;
    default:
        return std::nullopt;
    }
}

// Everything the SDL event filter needs: on mobile it runs on another thread, so the app is
// locked while it saves.
struct FilterContext {
    std::mutex* app_mutex;
    Lifecycle* lifecycle;
};

int SDLCALL app_event_filter(void* userdata, SDL_Event* event) {
    auto* ctx = static_cast<FilterContext*>(userdata);
    if (auto e = app_event(*event)) {
        std::lock_guard lock(*ctx->app_mutex);
        ctx->lifecycle->handle(*e);
        return e == AppEvent::did_enter_foreground ? 1 : 0; // keep the wake-up in the queue
    }
    return 1;
}

} // namespace

int run_gui(const GuiOptions& options) {
    std::unique_ptr<Store> store;
    try {
        store = std::make_unique<Store>(options.data_dir / Store::file_name);
    } catch (const std::exception& e) {
        std::cerr << "casebook: " << e.what() << "\n";
        return 2;
    }
    // The full case checks ran before on these very files with this build: check structure only.
    const SdlAssets assets(options.assets_dir);
    const std::string checked = store->setting("checked_assets");
    const Library library =
        Library::load(assets, checked, default_cache_dir(options.data_dir) / "library.bin");
    if (library.problems().empty() && library.fingerprint() != checked)
        store->set_setting("checked_assets", library.fingerprint());
    Problems checklist_problems;
    const Checklist checklist = Checklist::load(assets, library.guidance(), checklist_problems);
    for (const auto& p : checklist_problems)
        std::cerr << "casebook: " << p.to_string() << "\n";
    if (!library.problems().empty())
        std::cerr << "casebook: " << library.problems().size()
                  << " problem(s) in the case files; those cases are left out (casebook validate "
                     "lists them)\n";

    // A finger is handled by our pointer layer, so SDL must not also turn it into a mouse.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    // Simulating a tablet: the mouse becomes a finger.
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, options.tablet ? "1" : "0");
    // Video only: the joystick and game-controller subsystems would turn waiting into polling.
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::cerr << "casebook: cannot start the display: " << SDL_GetError() << "\n";
        return 2;
    }
    const bool offscreen = options.screenshot.has_value();
    SDL_Window* window = SDL_CreateWindow(
        "Casebook", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width, options.height,
        SDL_WINDOW_RESIZABLE | (offscreen ? SDL_WINDOW_HIDDEN : 0));
    if (!window) {
        std::cerr << "casebook: cannot open a window: " << SDL_GetError() << "\n";
        SDL_Quit();
        return 2;
    }
    // Screenshots use the software renderer so pixels are the same on every machine.
    SDL_Renderer* renderer = nullptr;
    if (!options.screenshot)
        renderer =
            SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!renderer) renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer) {
        std::cerr << "casebook: cannot create a renderer: " << SDL_GetError() << "\n";
        SDL_DestroyWindow(window);
        SDL_Quit();
        return 2;
    }
    SDL_StopTextInput(); // no on-screen keyboard until a text field wants one
    SDL_RendererInfo renderer_info{};
    const bool software_raster = SDL_GetRendererInfo(renderer, &renderer_info) == 0 &&
                                 (renderer_info.flags & SDL_RENDERER_SOFTWARE);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written to the working folder
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false; // a blinking cursor would need frames while idle

    float ddpi = 0;
    if (options.dpi)
        ddpi = *options.dpi;
    else if (SDL_GetDisplayDPI(0, &ddpi, nullptr, nullptr) != 0 || ddpi <= 0)
        ddpi = 96.0f;
    const float dp = std::max(1.0f, ddpi / 160.0f);

    gui::GuiApp app(library, *store);
    app.set_software_raster(software_raster);
    if (checklist_problems.empty()) app.set_checklist(&checklist);
    app.set_export_folder(default_documents_dir(options.data_dir));
    if (options.theme || options.text_size) {
        gui::DisplaySettings d = app.display();
        if (options.theme) d.theme = gui::theme_from_string(*options.theme);
        if (options.text_size) d.text_size = *options.text_size;
        app.set_display(d);
        app.take_display_change();
    }

    // Fonts and style follow the density and the reader's text size; rebuilt when either
    // changes, so text is always drawn at its real size.
    const auto font_cache = default_cache_dir(options.data_dir) / "font-atlas.bin";
    auto build_ui = [&](bool recreate_texture) {
        const gui::DisplaySettings& d = app.display();
        const gui::UiMetrics metrics{base_font_dp * dp * gui::text_scale(d.text_size), dp};
        if (recreate_texture) ImGui_ImplSDLRenderer_DestroyFontsTexture();
        const gui::Fonts fonts =
            build_app_fonts(*ImGui::GetIO().Fonts, options.assets_dir, metrics.font_px, font_cache);
        if (recreate_texture) ImGui_ImplSDLRenderer_CreateFontsTexture();
        gui::apply_style(d.theme, metrics.font_px, metrics.dp);
        app.set_ui(metrics, fonts);
    };
    build_ui(false);
    ImGui_ImplSDL2_InitForSDLRenderer(window);
    ImGui_ImplSDLRenderer_Init(renderer);

    int exit_code = 0;
    if (options.profile) {
        // Opens a profile that has no PIN; one with a PIN waits at the lock screen for it.
        auto p = app.journal().find_profile(*options.profile);
        if (!p) {
            std::cerr << "casebook: --profile: no profile '" << *options.profile << "'\n";
            exit_code = 2;
        } else if (!p->has_pin) {
            app.open_profile(*p);
        }
    }
    // Applies --open after the library is loaded; a link that names nothing is an error. Opening
    // a profile lands on Home already: reading it all again would only slow the first frame.
    const bool already_there = options.open == "home" && app.screen() == gui::Screen::home;
    if (exit_code == 0 && !already_there)
        if (const std::string error = gui::open_link(app, options.open); !error.empty()) {
            std::cerr << error;
            exit_code = 2;
        }
    if (!options.scroll_to.empty()) app.scroll_to_heading(options.scroll_to);

    std::mutex app_mutex;
    // Sent to the background: save, and lock so the next person finds the lock screen.
    Lifecycle lifecycle([&] {
        app.save_pending();
        if (app.profile()) app.lock();
    });
    FilterContext filter_context{&app_mutex, &lifecycle};
    SDL_SetEventFilter(app_event_filter, &filter_context);

    PointerInput pointer(10.0f * dp); // a finger may wobble about 1.6 mm and still tap
    bool touch_mode = options.tablet;
    TextInputController text_input;

    const Uint32 stop_event = SDL_RegisterEvents(1);
    // The sync worker wakes the loop when its progress changes and when it is done.
    app.set_wake(wake_hook(SDL_RegisterEvents(1)));
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
    const auto clock_start = std::chrono::steady_clock::now();
    auto now = [&] { return seconds_since(clock_start); };

    // `shown` false builds the frame (ImGui settles its layout over the first frames) without
    // painting it: a screenshot paints only the frame it reads back.
    auto draw = [&](bool shown) {
        ImGui_ImplSDLRenderer_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        // The backend polls the mouse; a finger's state is written over it.
        if (touch_mode) apply_pointer_frame(pointer.next_frame());
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
        if (!shown) return;
        const ImVec4 bg = gui::palette(app.display().theme).background;
        SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(bg.x * 255),
                               static_cast<Uint8>(bg.y * 255), static_cast<Uint8>(bg.z * 255), 255);
        SDL_RenderClear(renderer);
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());

        std::optional<FieldRect> field;
        if (auto t = app.active_text_field())
            field = FieldRect{static_cast<int>(t->min.x), static_cast<int>(t->min.y),
                              static_cast<int>(t->max.x - t->min.x),
                              static_cast<int>(t->max.y - t->min.y)};
        const auto action = text_input.update(field);
        if (action == TextInputController::Action::start ||
            action == TextInputController::Action::move) {
            SDL_Rect r{text_input.rect().x, text_input.rect().y, text_input.rect().w,
                       text_input.rect().h};
            SDL_SetTextInputRect(&r);
        }
        if (action == TextInputController::Action::start) SDL_StartTextInput();
        if (action == TextInputController::Action::stop) SDL_StopTextInput();
    };

    // Routes one event; true if it should cause frames to be drawn.
    auto handle = [&](const SDL_Event& e) -> bool {
        int w = 0, h = 0;
        SDL_GetWindowSize(window, &w, &h);
        switch (e.type) {
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            touch_mode = true;
            const Point p{e.tfinger.x * static_cast<float>(w), e.tfinger.y * static_cast<float>(h)};
            if (e.type == SDL_FINGERDOWN) pointer.finger_down(p);
            if (e.type == SDL_FINGERMOTION) pointer.finger_move(p);
            if (e.type == SDL_FINGERUP) pointer.finger_up(p);
            return true;
        }
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEWHEEL:
            // A real mouse on a touch device takes over again; a simulated tablet has none.
            if (options.tablet) return e.type == SDL_MOUSEWHEEL;
            touch_mode = false;
            break;
        case SDL_RENDER_TARGETS_RESET:
        case SDL_RENDER_DEVICE_RESET:
            // The GPU lost our textures (a driver reset, or Android recreating the surface).
            ImGui_ImplSDLRenderer_DestroyFontsTexture();
            ImGui_ImplSDLRenderer_CreateFontsTexture();
            return true;
        default:
            break;
        }
        ImGui_ImplSDL2_ProcessEvent(&e);
        return true;
    };

    long frames = 0;
    long idle_frames = 0;
    bool settled = false; // the first burst of frames is done; from here on we are idle
    int pending = frames_after_input;
    bool running = exit_code == 0;
    double first_frame_seconds = -1;
    bool case_index_started = false;
    while (running) {
        const bool busy = pending > 0 || pointer.wants_frames();
        SDL_Event event;
        bool got;
        if (busy) {
            got = SDL_PollEvent(&event) != 0;
        } else if (auto at = earliest(earliest(app.next_save_at(), app.next_lock_at()),
                                      app.next_frame_at())) {
            // Sleep until typed text is due to be saved or the idle lock is due, or until input.
            const double wait = std::max(0.0, *at - now());
            got = SDL_WaitEventTimeout(&event, static_cast<int>(wait * 1000.0) + 1) != 0;
        } else {
            got = SDL_WaitEvent(&event) != 0; // idle: asleep, no frames
        }
        std::lock_guard lock(app_mutex);
        if (got) {
            do {
                if (event.type == stop_event || event.type == SDL_QUIT) {
                    running = false;
                    break;
                }
                if (handle(event)) {
                    pending = frames_after_input;
                    app.note_activity(now());
                }
            } while (SDL_PollEvent(&event));
        }
        app.tick(now());
        if (app.take_redraw() || app.next_frame_at()) pending = std::max(pending, 1);
        if (!running) break;
        if (lifecycle.take_resumed()) pending = frames_after_input;
        if (!lifecycle.drawing()) {
            pointer.cancel();
            pending = 0;
            continue;
        }
        if (app.take_display_change()) {
            build_ui(true);
            pending = frames_after_input;
        }
        if (pending == 0 && !pointer.wants_frames()) continue;
        const bool shown = !options.screenshot || frames + 1 >= frames_after_input;
        draw(shown);
        if (pending > 0) --pending;
        ++frames;
        if (first_frame_seconds < 0) first_frame_seconds = seconds_since(options.started);
        if (settled) ++idle_frames;
        if (pending == 0) settled = true;
        if (options.screenshot && frames >= frames_after_input) {
            // Read back the finished frame before presenting it.
            int w = 0, h = 0;
            SDL_GetRendererOutputSize(renderer, &w, &h);
            std::vector<std::uint8_t> pixels(static_cast<std::size_t>(w) *
                                             static_cast<std::size_t>(h) * 4);
            const bool read = SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32,
                                                   pixels.data(), w * 4) == 0;
            if (read) bench_stamp("casebook");
            if (!read) {
                std::cerr << "casebook: cannot read the frame back: " << SDL_GetError() << "\n";
                exit_code = 2;
            } else if (auto err = write_png(*options.screenshot, pixels.data(), w, h);
                       !err.empty()) {
                std::cerr << "casebook: " << err << "\n";
                exit_code = 2;
            } else {
                std::cout << "wrote " << options.screenshot->string() << " (" << w << "x" << h
                          << "); first frame drawn " << static_cast<int>(first_frame_seconds * 1000)
                          << " ms after start\n";
            }
            running = false;
        }
        if (shown) SDL_RenderPresent(renderer);
        // Search finds case text from the first launch on; the index is built (only if the
        // cases changed) once the first screen is up, so it never delays it.
        if (shown && !case_index_started) {
            app.start_case_index();
            case_index_started = true;
        }
    }
    app.save_pending(); // closing the window never loses typing
    SDL_SetEventFilter(nullptr, nullptr);
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
