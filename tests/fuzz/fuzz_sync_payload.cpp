// A payload sealed with the group's key, as a group member could write it: past the envelope,
// into cereal's archive and the record limits. Whatever decodes must encode and decode to the
// same records.
#include "fuzz_support.hpp"
#include "sync/format.hpp"

#include <cstdlib>
#include <optional>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const casebook::SyncKey key = fuzz::key();
    const std::string file = "fuzz.segment";
    const std::string sealed =
        casebook::seal_envelope(fuzz::header(), fuzz::bytes(data, size), key);
    std::string plaintext;
    try {
        plaintext = casebook::open_envelope(sealed, file, fuzz::header(), key);
    } catch (const casebook::SyncError&) {
        std::abort(); // what was sealed with the key must open with it
    }
    std::optional<std::vector<casebook::Record>> records;
    try {
        records = casebook::decode_records(plaintext, file);
    } catch (const casebook::SyncError&) {
        // Refused, as most inputs are; any other exception is a finding.
    }
    if (records) {
        std::vector<casebook::Record> same;
        try {
            same = casebook::decode_records(casebook::encode_records(*records), file);
        } catch (const casebook::SyncError&) {
            std::abort();
        }
        if (same != *records) std::abort();
        for (const auto& r : *records) {
            casebook::Record merged = r;
            merged.merge(r);
            (void)casebook::decode_record(casebook::encode_record(merged));
        }
    }
    (void)casebook::decode_record(fuzz::bytes(data, size));
    return 0;
}
