// Benchmark (not a test): how much an idle Casebook costs. Starts the real app with
// --measure-idle, lets it sit untouched, and reports the frames it drew and the CPU time the
// process used. Run it under a real X server, e.g.:
//   xvfb-run -a build/tests/idle_bench build/platform/casebook 10
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: idle_bench CASEBOOK_EXECUTABLE [SECONDS]\n";
        return 2;
    }
    const std::string exe = argv[1];
    const std::string seconds = argc > 2 ? argv[2] : "10";
    char data_template[] = "/tmp/casebook-idle-XXXXXX";
    if (!mkdtemp(data_template)) {
        std::perror("idle_bench: mkdtemp");
        return 2;
    }
    int out[2];
    if (pipe(out) != 0) {
        std::perror("idle_bench: pipe");
        return 2;
    }
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        execl(exe.c_str(), exe.c_str(), "--data-dir", data_template, "--measure-idle",
              seconds.c_str(), static_cast<char*>(nullptr));
        std::perror("idle_bench: exec");
        _exit(127);
    }
    close(out[1]);
    std::string report;
    std::array<char, 512> buf{};
    for (ssize_t n; (n = read(out[0], buf.data(), buf.size())) > 0;)
        report.append(buf.data(), static_cast<std::size_t>(n));
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    std::filesystem::remove_all(data_template);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::cerr << "idle_bench: casebook failed (is there a display? try xvfb-run -a)\n";
        return 1;
    }
    const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    std::cout << "casebook report: " << report;
    std::cout << "process CPU over the whole run (start-up included): " << cpu << " s, "
              << 100.0 * cpu / std::stod(seconds) << " % of one core\n";
    return 0;
}
