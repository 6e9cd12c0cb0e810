#pragma once
// What the fuzz targets and the seed writer share: a fixed group, device and key, so that inputs
// sealed with that key get past authentication and reach cereal.
#include "sync/format.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fuzz {

inline constexpr const char* group_id = "0123456789abcdef0123456789abcdef";
inline constexpr const char* device_id = "fedcba9876543210fedcba9876543210";

inline casebook::SyncKey key() {
    casebook::SyncKey k;
    for (std::size_t i = 0; i < k.bytes.size(); ++i)
        k.bytes[i] = static_cast<unsigned char>(0x5a ^ i);
    return k;
}

inline casebook::EnvelopeHeader header() {
    casebook::EnvelopeHeader h;
    h.kind = casebook::SyncFileKind::segment;
    h.group_id = group_id;
    h.device_id = device_id;
    h.sequence = 1;
    return h;
}

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace fuzz
