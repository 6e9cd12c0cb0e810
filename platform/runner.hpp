#pragma once
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace casebook::platform {

struct GuiOptions {
    std::filesystem::path data_dir;
    std::filesystem::path assets_dir;
    std::string open = "home"; // home | library | case:<id>[:A,B]
    std::string scroll_to;     // a heading to bring to the top, e.g. "The guidance"
    int width = 1280;
    int height = 800;
    bool tablet = false;                // --form-factor tablet: the mouse acts as a finger
    std::optional<float> dpi;           // --dpi: overrides what the display reports
    std::optional<std::string> theme;   // --theme light|dark|high-contrast (remembered)
    std::optional<int> text_size;       // --text-size 0..3 (remembered)
    std::optional<std::string> profile; // --profile NAME: open it (if it has no PIN)
    std::optional<std::filesystem::path> screenshot;
    std::optional<double> measure_idle_seconds;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// Reads the window options from args (gui_options.cpp, with the CLI's parser); false with `error`
// set on a bad or unknown option.
bool parse_gui_options(const std::vector<std::string>& args, GuiOptions& options,
                       std::string& error);

// Opens the window and runs until it is closed (or until the screenshot or measurement is
// done). Returns the process exit code.
int run_gui(const GuiOptions& options);

} // namespace casebook::platform
