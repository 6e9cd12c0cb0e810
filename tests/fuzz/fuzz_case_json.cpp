// A case file, as `casebook validate` and the library read it: the JSON reader and every check.
#include "casebook/cases.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const casebook::Guidance guidance = casebook::Library::load(FUZZ_ASSETS_DIR).guidance();
    casebook::Problems problems;
    const casebook::Case c = casebook::parse_case(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json", problems);
    if (problems.empty()) (void)casebook::check_case(c, guidance);
    return 0;
}
