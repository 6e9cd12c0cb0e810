// search_bench: how long one search takes over 10,000 notes (the aim: under 20 ms).
//
// Fixed workload: a fresh database in a temporary folder; 10,000 notes of one profile and 2,000
// of another (so the profile filter has something to filter), each saved as the app saves it
// (one transaction per note). A note's words are one in ten from 56 safeguarding words and the
// rest from 4,000 made-up filler words, so a typical word is in about a quarter of the notes;
// every title starts "Reflection on", so that word is in all of them (the worst case).
// Then QUERIES searches (default 300) cycling through ten typical queries (whole words, pairs,
// as-you-type prefixes), and as many of "reflection", over notes, supervision and, with
// ASSETS_DIR, the bundled cases. Prints the median, 95th percentile and slowest of each; then
// odd queries (a word repeated 2,000 times, a pasted paragraph, 5,000 different words).
//
//   search_bench [QUERIES] [ASSETS_DIR]
#include "bench_report.hpp"
#include "casebook/cases.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace casebook;
using Clock = std::chrono::steady_clock;

namespace {

const char* const vocabulary[] = {
    "consent",       "capacity",  "safeguarding", "child",        "parent",      "referral",
    "social",        "worker",    "police",       "disclosure",   "risk",        "harm",
    "neglect",       "bruising",  "school",       "health",       "visitor",     "midwife",
    "counsellor",    "ward",      "clinic",       "gillick",      "fraser",      "competence",
    "domestic",      "abuse",     "lead",         "named",        "nurse",       "supervisor",
    "reflection",    "duty",      "public",       "interest",     "record",      "advice",
    "defence",       "union",     "threshold",    "concern",      "emergency",   "plan",
    "family",        "carer",     "adult",        "vulnerable",   "information", "sharing",
    "proportionate", "necessary", "legal",        "jurisdiction", "scotland",    "wales",
    "england",       "ireland"};
constexpr std::size_t vocabulary_size = std::size(vocabulary);

// A small fixed generator, so the workload is the same on every machine and library.
struct Lcg {
    std::uint64_t state = 0x2545F4914F6CDD1DULL;
    std::size_t next(std::size_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>((state >> 33) % n);
    }
};

// Made-up words of two or three syllables: text-like, and not one of the vocabulary.
std::vector<std::string> filler_words(Lcg& rng) {
    const char* const syllables[] = {"ba", "ko",  "ri", "mel", "tan", "su",  "pe",  "lor",
                                     "vi", "dun", "ga", "shi", "mo",  "tre", "qua", "ne"};
    std::vector<std::string> out;
    while (out.size() < 4000) {
        std::string w;
        for (std::size_t n = 2 + rng.next(2); n > 0; --n)
            w += syllables[rng.next(std::size(syllables))];
        w += static_cast<char>('a' + rng.next(26));
        out.push_back(w);
    }
    return out;
}

std::string words(Lcg& rng, const std::vector<std::string>& filler, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        if (i) out += (i % 12 == 0) ? ". " : " ";
        out += rng.next(10) == 0 ? vocabulary[rng.next(vocabulary_size)]
                                 : filler[rng.next(filler.size())];
    }
    return out;
}

struct Times {
    std::vector<double> ms;
    std::size_t results = 0;
    // The q-quantile (0.5 the median, 1 the slowest).
    double at(double q) const {
        auto sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const auto i = static_cast<std::size_t>(q * static_cast<double>(sorted.size()));
        return sorted[std::min(sorted.size() - 1, i)];
    }
};

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

} // namespace

int main(int argc, char** argv) {
    const int queries = argc > 1 ? std::max(1, std::atoi(argv[1])) : 300;
    const std::filesystem::path assets = argc > 2 ? argv[2] : "";
    const auto dir =
        std::filesystem::temp_directory_path() /
        ("casebook-search-bench-" + std::to_string(Clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir);
    int status = 0;
    try {
        Store store(dir / Store::file_name);
        Journal journal(store);
        const auto me = journal.add_profile({"Bench", Role::trainee, "nurse", "england"});
        const auto them = journal.add_profile({"Other", Role::trainee, "doctor", "wales"});
        if (!assets.empty()) journal.index_cases(Library::load(assets));

        Lcg rng;
        const auto filler = filler_words(rng);
        const auto save_start = Clock::now();
        for (int i = 0; i < 10000; ++i)
            journal.add_note(me.id, {"Reflection on " + words(rng, filler, 4),
                                     words(rng, filler, 80 + rng.next(160)),
                                     {vocabulary[rng.next(vocabulary_size)]},
                                     "none",
                                     ""});
        const double save_ms = ms(Clock::now() - save_start) / 10000;
        for (int i = 0; i < 2000; ++i)
            journal.add_note(them.id, {"Reflection on " + words(rng, filler, 4),
                                       words(rng, filler, 120),
                                       {},
                                       "none",
                                       ""});

        const char* typed[] = {"consent",
                               "cons",
                               "gillick competence",
                               "safeguarding l",
                               "child prot",
                               "domestic abuse referral",
                               "jurisdiction",
                               "ne",
                               "fraser",
                               "proportionate sharing"};
        // Odd queries a person (or a stuck key) can type.
        std::string repeated;
        for (int i = 0; i < 300; ++i)
            repeated += "consent ";
        const std::string odd[] = {repeated, "c",     "...,;:!?",           "\"\"\"",
                                   "a*b*c*", "NEAR(", std::string(500, 'x')};
        Times typical, worst, pathological, each[std::size(typed)];
        auto run = [&](Times& t, const char* query) {
            const auto start = Clock::now();
            const auto found = journal.search(me.id, query).size();
            const double took = ms(Clock::now() - start);
            t.results += found;
            t.ms.push_back(took);
            return std::make_pair(found, took);
        };
        for (int i = 0; i < queries; ++i) {
            const auto k = static_cast<std::size_t>(i) % std::size(typed);
            const auto [found, took] = run(typical, typed[k]);
            each[k].ms.push_back(took);
            each[k].results += found;
            run(worst, "reflection");
            run(pathological, odd[static_cast<std::size_t>(i) % std::size(odd)].c_str());
        }
        std::printf("search_bench: 10000 notes (and 2000 of another profile), %d queries, 20 "
                    "results of each kind at most%s\n",
                    queries, assets.empty() ? "" : ", with the bundled cases");
        std::printf("typical queries: median %.2f ms, p95 %.2f ms, slowest %.2f ms (aim: under "
                    "20 ms); %.1f results a query\n",
                    typical.at(0.5), typical.at(0.95), typical.at(1),
                    static_cast<double>(typical.results) / queries);
        std::printf("worst case, a word in every note: median %.2f ms, p95 %.2f ms, slowest "
                    "%.2f ms\n",
                    worst.at(0.5), worst.at(0.95), worst.at(1));
        for (std::size_t k = 0; k < std::size(typed); ++k)
            std::printf("  %-26s median %6.2f ms\n", (std::string("\"") + typed[k] + "\"").c_str(),
                        each[k].at(0.5));
        std::printf("odd queries (a word 300 times, one letter, punctuation only): median %.2f "
                    "ms, p95 %.2f ms, slowest %.2f ms\n",
                    pathological.at(0.5), pathological.at(0.95), pathological.at(1));
        // Odd queries (issue 12, L4): a word found in the cases and the notes repeated 2,000
        // times, a pasted 300-word paragraph, and 5,000 different words.
        std::string repeated2000, paragraph, distinct;
        for (int i = 0; i < 2000; ++i)
            repeated2000 += "consent ";
        paragraph = words(rng, filler, 300);
        for (int i = 0; i < 5000; ++i)
            distinct +=
                filler[static_cast<std::size_t>(i) % filler.size()] + std::to_string(i) + " ";
        for (const auto& [label, query] :
             {std::pair<const char*, const std::string&>{"\"consent\" x 2000", repeated2000},
              {"a 300-word paragraph", paragraph},
              {"5000 different words", distinct}}) {
            Times these;
            for (int i = 0; i < 20; ++i)
                run(these, query.c_str());
            std::printf("  %-26s median %6.2f ms, slowest %6.2f ms (aim: under 100 ms)\n", label,
                        these.at(0.5), these.at(1));
        }
        std::printf("saving a note: %.3f ms on average (one transaction each)\n", save_ms);
        bench::result("search 10,000 notes, typical queries, p95", typical.at(0.95), 0, 20, "ms");
        bench::result("search 10,000 notes, odd queries, p95", pathological.at(0.95), 0, 100, "ms");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "search_bench: %s\n", e.what());
        status = 1;
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return status;
}
