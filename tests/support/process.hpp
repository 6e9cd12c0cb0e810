#pragma once
// Running programs from a test: any command line, or the real casebook on a data folder.
#include "support/temp_dir.hpp"

#include <cstdlib>
#include <string>
#include <sys/wait.h>

namespace test {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string quote(const std::filesystem::path& p) {
    return "'" + p.string() + "'";
}

// Runs a shell command line, capturing stdout and stderr.
inline ProcessResult run(const std::string& command) {
    TempDir scratch;
    const auto out_file = scratch / "out";
    const auto err_file = scratch / "err";
    const std::string full = command + " >" + out_file.string() + " 2>" + err_file.string();
    const int status = std::system(full.c_str());
    ProcessResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out_file);
    r.err = slurp(err_file);
    return r;
}

#ifdef CASEBOOK_EXE
inline const std::string casebook_exe = CASEBOOK_EXE;

// Runs casebook on data folder `data` (which may not exist yet) with no terminal to ask through
// and no display, with SDL pointed at X11, so a command that opened a window would fail.
inline ProcessResult run_casebook(const std::filesystem::path& data, const std::string& args) {
    return run("env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=x11 " + quote(casebook_exe) +
               " --data-dir " + quote(data) + " " + args + " </dev/null");
}
inline ProcessResult run_casebook(const TempDir& data, const std::string& args) {
    return run_casebook(data.path(), args);
}
#endif

} // namespace test
