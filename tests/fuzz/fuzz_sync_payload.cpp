// A payload sealed with the group's key, as a group member could write it: past the envelope,
// into cereal's archive and the record limits. Whatever decodes must encode and decode to the
// same records.
#include "fuzz_support.hpp"
#include "sync/format.hpp"

#include <cstdlib>
#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const casebook::SyncKey key = fuzz::key();
    const std::string file = "fuzz.segment";
    const std::string sealed =
        casebook::seal_envelope(fuzz::header(), fuzz::bytes(data, size), key);
    auto opened = casebook::open_envelope(sealed, file, fuzz::header(), key);
    const auto* plaintext = std::get_if<std::string>(&opened);
    if (!plaintext) std::abort(); // what was sealed with the key must open with it
    auto decoded = casebook::decode_records(*plaintext, file);
    if (const auto* records = std::get_if<std::vector<casebook::Record>>(&decoded)) {
        auto again = casebook::decode_records(casebook::encode_records(*records), file);
        const auto* same = std::get_if<std::vector<casebook::Record>>(&again);
        if (!same || *same != *records) std::abort();
        for (const auto& r : *records) {
            casebook::Record merged = r;
            merged.merge(r);
            (void)casebook::decode_record(casebook::encode_record(merged));
        }
    }
    (void)casebook::decode_record(fuzz::bytes(data, size));
    return 0;
}
