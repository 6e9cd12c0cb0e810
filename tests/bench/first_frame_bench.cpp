// First frame and memory (a program, not a test): process start to the first frame drawn and
// read back (as each program reports at that moment, before writing any file), for casebook and for
// a bare SDL2 + Dear ImGui window (bare_window) in the same run, median of N runs each, CPU (user +
// system) and wall time, and peak resident memory.
//   SDL_VIDEODRIVER=dummy build/tests/first_frame_bench BARE_WINDOW CASEBOOK LARGE_DATA_DIR [N]
#include "bench_report.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
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

// A program to time, the cache folder it is given, and what to do before each run of it.
struct Command {
    std::vector<std::string> argv;
    std::string cache_dir;
    std::function<void()> before_each = [] {};
};

Sample run_once(const Command& command) {
    command.before_each();
    std::vector<char*> argv;
    for (const auto& a : command.argv)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int out[2];
    if (pipe(out) != 0) {
        std::perror("first_frame_bench: pipe");
        std::exit(2);
    }
    const double start =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    const pid_t pid = fork();
    if (pid == 0) {
        // The program prints its CPU time and the clock at the moment the frame is read back
        // (platform/bench_stamp.hpp); what it does after (writing the PNG, tearing down) is not
        // part of the figure.
        setenv("CASEBOOK_BENCH_STAMP", "1", 1);
        setenv("XDG_CACHE_HOME", command.cache_dir.c_str(), 1);
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    std::string printed;
    char buffer[4096];
    for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;)
        printed.append(buffer, static_cast<std::size_t>(n));
    close(out[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "first_frame_bench: %s failed\n", command.argv[0].c_str());
        std::exit(2);
    }
    const auto stamp = printed.find("BENCH_STAMP ");
    double cpu = 0, clock = 0;
    if (stamp == std::string::npos || std::sscanf(printed.c_str() + printed.find(" cpu=", stamp),
                                                  " cpu=%lf clock=%lf", &cpu, &clock) != 2) {
        std::fprintf(stderr, "first_frame_bench: %s printed no read-back stamp\n",
                     command.argv[0].c_str());
        std::exit(2);
    }
    Sample s;
    s.cpu = cpu;
    s.wall = clock - start;
    s.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
    return s;
}

struct Medians {
    double wall, cpu, peak_mib;
};

// Runs each command `runs` times, taking turns (bare window, app, app, bare window, ...), so
// whatever else the machine does falls on all of them alike; the medians of each.
std::vector<Medians> measure(const std::vector<Command>& commands, int runs) {
    for (const auto& command : commands)
        run_once(command); // warm the file cache
    std::vector<std::vector<double>> wall(commands.size()), cpu(commands.size()),
        peak(commands.size());
    for (int i = 0; i < runs; ++i)
        for (std::size_t c = 0; c < commands.size(); ++c) {
            const Sample s = run_once(commands[c]);
            wall[c].push_back(s.wall);
            cpu[c].push_back(s.cpu);
            peak[c].push_back(s.peak_mib);
        }
    std::vector<Medians> out;
    for (std::size_t c = 0; c < commands.size(); ++c)
        out.push_back({bench::median(wall[c]), bench::median(cpu[c]), bench::median(peak[c])});
    return out;
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
    // The app keeps its font atlas and checked cases in a cache folder: one of the benchmark's
    // own, filled by the first run (a warm-up), as at every start after the first on a tablet.
    const std::string cache = (scratch / "cache").string();
    // A first start after installing: no cache and no data yet (the cases checked in full, the
    // fonts rasterised), every run.
    const fs::path first = scratch / "first", first_cache = scratch / "first-cache";
    const Command first_start{{app, "--data-dir", first.string(), "--screenshot", png, "--open",
                               "home", "--size", "1440x900"},
                              first_cache.string(),
                              [&] {
                                  fs::remove_all(first);
                                  fs::remove_all(first_cache);
                              }};

    const auto medians = measure({{{bare, "1440", "900"}, cache},
                                  {{app, "--data-dir", (scratch / "small").string(), "--screenshot",
                                    png, "--open", "home", "--size", "1440x900"},
                                   cache},
                                  {{app, "--data-dir", large, "--profile", "Bench Nurse",
                                    "--screenshot", png, "--open", "home", "--size", "1440x900"},
                                   cache},
                                  first_start},
                                 runs);
    const Medians &floor = medians[0], &small = medians[1], &big = medians[2], &fresh = medians[3];
    fs::remove_all(scratch);

    bench::result("first frame, CPU (vs bare window)", small.cpu, floor.cpu, 1.3, "s");
    bench::result("first frame, wall (vs bare window)", small.wall, floor.wall, 1.3, "s");
    bench::result("first frame, large database, CPU", big.cpu, floor.cpu, 1.5, "s");
    bench::result("first frame, large database, wall", big.wall, floor.wall, 1.5, "s");
    bench::result("peak memory on Home, large database", big.peak_mib, floor.peak_mib, 3.0, "MiB");
    // No goal: a start that builds what later starts read back, once after installing.
    bench::info("first frame, first start after installing (no cache, no data), CPU", fresh.cpu,
                floor.cpu, "s");
    return 0;
}
