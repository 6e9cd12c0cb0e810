// The group file (casebook.group), which anyone with write access to the folder can plant: its
// layout, checksum and limits. The key is not derived here: Argon2id's cost is what the limits
// check is for, and deriving would only measure it.
#include "fuzz_support.hpp"
#include "sync/format.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto group = casebook::GroupFile::parse(fuzz::bytes(data, size), "casebook.group");
        // A file that parses writes back to the same bytes.
        if (group.bytes() != fuzz::bytes(data, size)) std::abort();
    } catch (const casebook::SyncError&) {
        // Refused, as most inputs are; any other exception is a finding.
    }
    return 0;
}
