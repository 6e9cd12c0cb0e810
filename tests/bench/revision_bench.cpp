// revision_bench: the due queue and the progress figures from 100,000 review events (the issue's
// aim: under 50 ms).
//
// Fixed workload: a fresh database in a temporary folder and the bundled library; one profile's
// log of EVENTS review events (default 100,000) spread over every item of every case and over
// two years, ratings mostly Good, some Again, Hard and Easy (a fixed generator, so the same on
// every machine), plus 20,000 events of another profile that every query must filter out. Then
// RUNS times (default 20) each of:
//   - in memory: schedules derived from the events, the due queue and the progress figures;
//   - from the database: Revision::overview(), the due queue and the progress figures as the app
//     asks for them (reading the log from SQLite each time).
// Prints the median and slowest of each.
//
//   revision_bench ASSETS_DIR [EVENTS] [RUNS]
#include "casebook/cases.hpp"
#include "casebook/revision.hpp"
#include "casebook/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

using namespace casebook;
using Steady = std::chrono::steady_clock;

namespace {

struct Lcg {
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    std::size_t next(std::size_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>((state >> 33) % n);
    }
};

double ms_since(Steady::time_point start) {
    return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

// Processor time of this process: on a machine shared with other work, what the code costs.
double cpu_ms() {
    return static_cast<double>(std::clock()) * 1000.0 / CLOCKS_PER_SEC;
}

void report(const char* what, std::vector<double> wall, std::vector<double> cpu) {
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("%-42s median %7.2f ms (processor %7.2f ms), slowest %7.2f ms\n", what,
                wall[wall.size() / 2], cpu[cpu.size() / 2], wall.back());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: revision_bench ASSETS_DIR [EVENTS] [RUNS]\n");
        return 2;
    }
    const Library library = Library::load(std::filesystem::path(argv[1]));
    const std::size_t events = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100'000;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 20;
    const auto items = revision_items(library);
    if (items.empty() || runs < 1) {
        std::fprintf(stderr, "revision_bench: no items in %s\n", argv[1]);
        return 2;
    }

    const auto dir =
        std::filesystem::temp_directory_path() / ("casebook-revision-bench-" + random_id());
    std::filesystem::create_directories(dir);
    int code = 0;
    {
        Store store(dir / Store::file_name);
        Revision revision(store, library);
        const std::int64_t day = 86'400'000;
        const std::int64_t now_ms = 1'767'603'600'000; // 2026-01-05
        Lcg rng;
        auto make = [&](const std::string& profile, std::size_t n, const char* prefix) {
            std::vector<ReviewEvent> log;
            log.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                ReviewEvent e;
                e.id = prefix + std::to_string(i);
                e.profile_id = profile;
                e.item = items[rng.next(items.size())].id;
                e.at_ms = now_ms - static_cast<std::int64_t>(rng.next(730)) * day -
                          static_cast<std::int64_t>(rng.next(86'400'000));
                const auto roll = rng.next(100);
                e.rating = roll < 10 ? 1 : roll < 20 ? 2 : roll < 90 ? 3 : 4;
                e.device = "bench";
                log.push_back(std::move(e));
            }
            return log;
        };
        const auto mine = make("p1", events, "m");
        revision.import(mine);
        revision.import(make("p2", 20'000, "o"));
        std::printf("%zu events of one profile (and 20000 of another) over %zu items; %d runs\n",
                    events, items.size(), runs);

        const auto now = Revision::Clock::time_point(std::chrono::milliseconds(now_ms));
        const fsrs::Parameters params;
        std::vector<double> memory, database, memory_cpu, database_cpu;
        std::size_t due_count = 0;
        double retention = 0;
        for (int r = 0; r < runs; ++r) {
            auto start = Steady::now();
            auto cpu = cpu_ms();
            const auto sched = derive_schedules(mine, {}, params);
            const auto due = revision.due_from(sched, now);
            const auto stats = revision.stats_from(sched, mine, params, now);
            memory.push_back(ms_since(start));
            memory_cpu.push_back(cpu_ms() - cpu);
            start = Steady::now();
            cpu = cpu_ms();
            const auto [due_db, stats_db] = revision.overview("p1", now);
            database.push_back(ms_since(start));
            database_cpu.push_back(cpu_ms() - cpu);
            due_count = due_db.size();
            retention = stats_db.predicted_retention;
            if (due.size() != due_db.size() || stats.reviews_total != stats_db.reviews_total) {
                std::fprintf(stderr, "revision_bench: memory and database disagree\n");
                code = 1;
            }
        }
        std::printf("due now: %zu, predicted retention %.3f\n", due_count, retention);
        report("in memory: derive + due queue + progress", memory, memory_cpu);
        report("from SQLite: Revision::overview()", database, database_cpu);
    }
    std::filesystem::remove_all(dir);
    return code;
}
