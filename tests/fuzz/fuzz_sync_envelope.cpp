// A whole file as it would sit in the sync folder: the envelope's header checks, then (for the
// rare input that authenticates) the payload.
#include "fuzz_support.hpp"
#include "sync/format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const casebook::SyncKey key = fuzz::key();
    const auto name = casebook::SyncFileName{casebook::SyncFileKind::segment, fuzz::device_id, 1};
    try {
        const auto plaintext =
            casebook::open_envelope(fuzz::bytes(data, size), name.str(), fuzz::header(), key);
        (void)casebook::decode_records(plaintext, name.str());
    } catch (const casebook::SyncError&) {
        // Refused, as most inputs are; any other exception is a finding.
    }
    (void)casebook::SyncFileName::parse(fuzz::bytes(data, size));
    return 0;
}
