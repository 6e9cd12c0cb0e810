// The deterministic mutation driver, for compilers without libFuzzer: every file in the folders
// given runs as it is, then mutated (byte flips, insertions, deletions, splices of two seeds,
// nesting) by a fixed-seed generator for a number of rounds, under the sanitizers.
//   fuzz_TARGET [-runs=N] DIR...
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::string& input) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string mutate(std::string s, const std::vector<std::string>& seeds, std::mt19937_64& rng) {
    const auto pick = [&](std::size_t n) {
        return n == 0 ? 0 : static_cast<std::size_t>(rng() % n);
    };
    switch (rng() % 6) {
    case 0: // flip bits
        for (int k = 0; k < 4 && !s.empty(); ++k)
            s[pick(s.size())] ^= static_cast<char>(1u << (rng() % 8));
        break;
    case 1: // insert random bytes
        s.insert(pick(s.size() + 1), std::string(1 + pick(8), static_cast<char>(rng())));
        break;
    case 2: // delete a range
        if (!s.empty()) {
            const std::size_t at = pick(s.size());
            s.erase(at, 1 + pick(s.size() - at));
        }
        break;
    case 3: { // splice another seed in
        const std::string& other = seeds[pick(seeds.size())];
        const std::size_t from = pick(other.size() + 1);
        s = s.substr(0, pick(s.size() + 1)) + other.substr(from);
        break;
    }
    case 4: // set a byte to an interesting value
        if (!s.empty()) {
            static const char values[] = {
                0, 1, 0x7f, static_cast<char>(0x80), static_cast<char>(0xff), '[', '{', '"', '\\'};
            s[pick(s.size())] = values[pick(sizeof values)];
        }
        break;
    default: { // nest deeply where a bracket is
        const std::size_t at = pick(s.size() + 1);
        s.insert(at, std::string(1 + pick(4096), '['));
        break;
    }
    }
    return s;
}

} // namespace

int main(int argc, char** argv) {
    long rounds = 2000;
    std::vector<std::string> seeds;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "-runs=", 6) == 0) {
            rounds = std::atol(argv[i] + 6);
            continue;
        }
        if (argv[i][0] == '-') continue; // libFuzzer options mean nothing here
        std::error_code ec;
        for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i], ec)) {
            if (!e.is_regular_file()) continue;
            std::ifstream in(e.path(), std::ios::binary);
            seeds.emplace_back(std::istreambuf_iterator<char>(in),
                               std::istreambuf_iterator<char>());
        }
    }
    if (seeds.empty()) seeds.emplace_back();
    for (const auto& s : seeds)
        run(s);
    std::mt19937_64 rng(20261130);
    for (long r = 0; r < rounds; ++r) {
        std::string s = seeds[static_cast<std::size_t>(rng() % seeds.size())];
        for (int m = 0, n = 1 + static_cast<int>(rng() % 4); m < n; ++m)
            s = mutate(std::move(s), seeds, rng);
        run(s);
    }
    std::printf("%zu seeds and %ld mutated inputs ran clean\n", seeds.size(), rounds);
    return 0;
}
