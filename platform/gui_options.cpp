// The window's flags (--open, --size, --theme, ...), read with the CLI's parser (CLI11).
#include "options.hpp"
#include "runner.hpp"
#include "theme.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace casebook::platform {

namespace {

// A check whose message follows the option's name (see cli::parse_options).
CLI::Validator check(std::function<bool(const std::string&)> ok, std::string message) {
    return CLI::Validator(
        [ok = std::move(ok), message](std::string& value) -> std::string {
            return ok(value) ? std::string{} : message;
        },
        "");
}

std::optional<double> number(const std::string& text) {
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size()) return value;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

bool parse_size(const std::string& text, int& w, int& h) {
    return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 200 && h >= 200 && w <= 8192 &&
           h <= 8192;
}

} // namespace

bool parse_gui_options(const std::vector<std::string>& args, GuiOptions& o, std::string& error) {
    CLI::App app;
    app.set_help_flag(); // main() answers --help
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    std::string size, form_factor, dpi, theme, text_size, profile, screenshot, idle;
    app.add_option("--open", o.open);
    app.add_option("--scroll-to", o.scroll_to);
    app.add_option("--size", size)
        ->check(check(
            [](const std::string& v) {
                int w = 0, h = 0;
                return parse_size(v, w, h);
            },
            "wants WIDTHxHEIGHT, each 200 to 8192, e.g. 1280x800"));
    app.add_option("--screenshot", screenshot);
    app.add_option("--form-factor", form_factor)->check(cli::one_of({"tablet", "desktop"}));
    app.add_option("--dpi", dpi)
        ->check(check(
            [](const std::string& v) {
                const auto n = number(v);
                return n && *n >= 50 && *n <= 1000;
            },
            "wants a number from 50 to 1000"));
    app.add_option("--profile", profile);
    app.add_option("--theme", theme)->check(cli::one_of({"light", "dark", "high-contrast"}));
    app.add_option("--text-size", text_size)
        ->check(check(
            [](const std::string& v) {
                return v.size() == 1 && v[0] >= '0' && v[0] < '0' + gui::text_size_count;
            },
            "is 0 (small) to 3 (largest)"));
    app.add_option("--measure-idle", idle)
        ->check(check([](const std::string& v) { return number(v).has_value(); },
                      "wants a number of seconds"));
    std::vector<std::string> rest;
    if (!cli::parse_options(app, args, rest, error)) return false;
    if (!rest.empty()) {
        // The window takes no words; a command would have been run before this.
        error = "unexpected '" + rest[0] + "'";
        return false;
    }
    if (app.count("--size")) parse_size(size, o.width, o.height);
    if (app.count("--screenshot")) o.screenshot = screenshot;
    if (app.count("--form-factor")) o.tablet = form_factor == "tablet";
    if (app.count("--dpi")) o.dpi = static_cast<float>(*number(dpi));
    if (app.count("--profile")) o.profile = profile;
    if (app.count("--theme")) o.theme = theme;
    if (app.count("--text-size")) o.text_size = text_size[0] - '0';
    if (app.count("--measure-idle")) o.measure_idle_seconds = *number(idle);
    return true;
}

} // namespace casebook::platform
