// A whole file as it would sit in the sync folder: the envelope's header checks, then (for the
// rare input that authenticates) the payload.
#include "fuzz_support.hpp"
#include "sync/format.hpp"

#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const casebook::SyncKey key = fuzz::key();
    const auto name = casebook::SyncFileName{casebook::SyncFileKind::segment, fuzz::device_id, 1};
    auto opened = casebook::open_envelope(fuzz::bytes(data, size), name.str(), fuzz::header(), key);
    if (const auto* plaintext = std::get_if<std::string>(&opened))
        (void)casebook::decode_records(*plaintext, name.str());
    (void)casebook::SyncFileName::parse(fuzz::bytes(data, size));
    return 0;
}
