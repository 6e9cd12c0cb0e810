// casebook: with a subcommand it runs headless (never initialising video); without one it opens
// the window.
#include "casebook/base.hpp"
#include "casebook/version.hpp"
#include "cli.hpp"
#include "data_paths.hpp"
#include "options.hpp"
#include "secret_prompt.hpp"

#ifdef CASEBOOK_HAS_GUI
#include "runner.hpp"
#endif

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

const char* const version = casebook::version;

void print_help(std::ostream& out) {
    out << "Casebook " << version
        << ": cases and a decision aid for when confidentiality must give way to protecting\n"
           "a child or an adult at risk.\n\n"
           "usage: casebook [OPTIONS]                 open the app\n"
           "       casebook COMMAND [ARGS] [--json]   run headless\n\n"
           "commands (each has --help):\n"
        << casebook::cli::commands_help()
        << "\noptions:\n"
           "  --data-dir DIR        where your data lives (default: the per-user data folder,\n"
           "                        or $CASEBOOK_DATA_DIR)\n"
           "  --assets-dir DIR      where the bundled cases are (or $CASEBOOK_ASSETS_DIR)\n"
#ifdef CASEBOOK_HAS_GUI
           "  --open SCREEN         start on home, library, settings, lock, notes, note:<id>,\n"
           "                        supervisions, supervision:<id>, or case:<id> (case:<id>:A,B\n"
           "                        also chooses A then B)\n"
           "  --scroll-to HEADING   scroll so this section heading is at the top\n"
           "  --size WxH            window size in pixels (default 1280x800)\n"
           "  --form-factor tablet  look and behave like a tablet (the mouse acts as a finger)\n"
           "  --dpi N               screen density to use (e.g. 320 for a tablet)\n"
           "  --theme T             light, dark or high-contrast (remembered)\n"
           "  --text-size N         0 small, 1 standard, 2 large, 3 largest (remembered)\n"
           "  --profile NAME        open this profile (one with a PIN asks for it)\n"
           "  --screenshot FILE     draw the screen once, save it as PNG, and exit\n"
           "  --measure-idle SECS   run, stay idle, and print the frames drawn while idle\n"
#endif
           "  --version             print the version\n"
           "  --help                print this help\n\n"
           "exit status: 0 success, 1 problems found (validate), 2 usage or other error\n";
}

// Takes --data-dir and --assets-dir (as `--name VALUE` or `--name=VALUE`, anywhere) out of args;
// the rest stays, in order, for the command or the window.
bool take_global_options(std::vector<std::string>& args, std::optional<std::string>& data_dir,
                         std::optional<std::string>& assets_dir, std::string& error) {
    CLI::App app;
    app.set_help_flag(); // answered below, with the command list
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    std::string data, assets;
    app.add_option("--data-dir", data);
    app.add_option("--assets-dir", assets);
    std::vector<std::string> rest;
    if (!casebook::cli::parse_options(app, args, rest, error, casebook::cli::Unknown::pass_on))
        return false;
    if (app.count("--data-dir")) data_dir = data;
    if (app.count("--assets-dir")) assets_dir = assets;
    args = std::move(rest);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error;
    std::optional<std::string> data_flag, assets_flag;
    if (!take_global_options(args, data_flag, assets_flag, error)) {
        std::cerr << "casebook: " << error << "\n";
        return 2;
    }
    const auto assets_dir =
        casebook::resolve_assets_dir(assets_flag, casebook::platform::built_in_assets_dir());
    auto data_dir = [&] {
        return casebook::resolve_data_dir(data_flag, casebook::platform::default_data_dir());
    };

    if (!args.empty() && casebook::cli::is_command(args[0])) {
        casebook::cli::Context ctx{assets_dir, data_dir, std::cout, std::cerr,
                                   casebook::platform::read_secret};
        return casebook::cli::run(args, ctx);
    }
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        print_help(std::cout);
        return 0;
    }
    if (!args.empty() && args[0] == "--version") {
        std::cout << "casebook " << version << "\n";
        return 0;
    }
    if (!args.empty() && args[0].rfind("--", 0) != 0) {
        std::cerr << "casebook: unknown command '" << args[0] << "' (see casebook --help)\n";
        return 2;
    }
#ifdef CASEBOOK_HAS_GUI
    casebook::platform::GuiOptions options;
    if (!casebook::platform::parse_gui_options(args, options, error)) {
        std::cerr << "casebook: " << error << " (see casebook --help)\n";
        return 2;
    }
    try {
        options.data_dir = data_dir();
    } catch (const std::exception& e) {
        std::cerr << "casebook: " << e.what() << "\n";
        return 2;
    }
    options.assets_dir = assets_dir;
    return casebook::platform::run_gui(options);
#else
    std::cerr << "casebook: this build has no window (built with CASEBOOK_GUI=OFF); "
                 "use a command (see casebook --help)\n";
    return 2;
#endif
}
