// First frame and memory (a program, not a test): process start to the first frame drawn and
// read back, for casebook and for a bare SDL2 + Dear ImGui window (bare_window) in the same run,
// median of N runs each, CPU (user + system) and wall time, and peak resident memory.
//   SDL_VIDEODRIVER=dummy build/tests/first_frame_bench BARE_WINDOW CASEBOOK LARGE_DATA_DIR [N]
#include "bench_report.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Sample {
    double wall = 0, cpu = 0, peak_mib = 0;
};

Sample run_once(const std::vector<std::string>& command) {
    std::vector<char*> argv;
    for (const auto& a : command)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        // Quiet: the figures are ours to print.
        if (!std::freopen("/dev/null", "w", stdout)) _exit(127);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    Sample s;
    s.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    s.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    s.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "first_frame_bench: %s failed\n", command[0].c_str());
        std::exit(2);
    }
    return s;
}

struct Medians {
    double wall, cpu, peak_mib;
};

Medians measure(const std::vector<std::string>& command, int runs) {
    run_once(command); // warm the file cache
    std::vector<double> wall, cpu, peak;
    for (int i = 0; i < runs; ++i) {
        const Sample s = run_once(command);
        wall.push_back(s.wall);
        cpu.push_back(s.cpu);
        peak.push_back(s.peak_mib);
    }
    return {bench::median(wall), bench::median(cpu), bench::median(peak)};
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: first_frame_bench BARE_WINDOW CASEBOOK LARGE_DATA_DIR [N]\n");
        return 2;
    }
    const std::string bare = argv[1], app = argv[2], large = argv[3];
    const int runs = argc > 4 ? std::max(1, std::atoi(argv[4])) : 11;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    const fs::path scratch =
        fs::temp_directory_path() / ("casebook-frame-" + std::to_string(getpid()));
    fs::create_directories(scratch / "small");
    const std::string png = (scratch / "home.png").string();

    const Medians floor = measure({bare, "1440", "900"}, runs);
    const Medians small = measure({app, "--data-dir", (scratch / "small").string(), "--screenshot",
                                   png, "--open", "home", "--size", "1440x900"},
                                  runs);
    const Medians big = measure({app, "--data-dir", large, "--profile", "Bench Nurse",
                                 "--screenshot", png, "--open", "home", "--size", "1440x900"},
                                runs);
    fs::remove_all(scratch);

    bench::result("first frame, CPU (vs bare window)", small.cpu, floor.cpu, 1.3, "s");
    bench::result("first frame, wall (vs bare window)", small.wall, floor.wall, 1.3, "s");
    bench::result("first frame, large database, CPU", big.cpu, floor.cpu, 1.5, "s");
    bench::result("first frame, large database, wall", big.wall, floor.wall, 1.5, "s");
    bench::result("peak memory on Home, large database", big.peak_mib, floor.peak_mib, 3.0, "MiB");
    return 0;
}
