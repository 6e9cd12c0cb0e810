// The group file (casebook.group), which anyone with write access to the folder can plant: its
// layout, checksum and limits. The key is not derived here: Argon2id's cost is what the limits
// check is for, and deriving would only measure it.
#include "fuzz_support.hpp"
#include "sync/format.hpp"

#include <cstdlib>
#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto parsed = casebook::GroupFile::parse(fuzz::bytes(data, size), "casebook.group");
    if (const auto* group = std::get_if<casebook::GroupFile>(&parsed)) {
        // A file that parses writes back to the same bytes.
        if (group->bytes() != fuzz::bytes(data, size)) std::abort();
    }
    return 0;
}
