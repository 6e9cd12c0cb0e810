#pragma once
// The first-frame benchmark's probe: with CASEBOOK_BENCH_STAMP set, prints the process's CPU time
// and the steady clock at the moment a frame has been read back, so the benchmark measures
// "process start to first frame drawn and read back" and not the PNG written after it. Header
// only, so the bare window (tests/bench/bare_window.cpp) prints the same line the same way.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

namespace casebook::platform {

inline void bench_stamp(const char* program) {
    if (!std::getenv("CASEBOOK_BENCH_STAMP")) return;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    const double clock =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    std::printf("BENCH_STAMP %s cpu=%.6f clock=%.6f minflt=%ld\n", program, cpu, clock,
                usage.ru_minflt);
    std::fflush(stdout);
}

} // namespace casebook::platform
