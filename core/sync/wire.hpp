#pragma once
// What the group file, the envelopes and the archive share: their magic, little-endian numbers,
// 16-byte ids, and the SyncError a refusal throws, naming its file.
#include "sync/format.hpp"

#include <sodium.h>
#include <stdexcept>
#include <string>
#include <string_view>

namespace casebook::wire {

inline constexpr char group_magic[8] = {'C', 'B', 'G', 'R', 'O', 'U', 'P', '\n'};
inline constexpr char envelope_magic[8] = {'C', 'B', 'S', 'Y', 'N', 'C', '\r', '\n'};
inline constexpr std::size_t tag_bytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
inline constexpr std::size_t nonce_bytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
static_assert(nonce_bytes == 24 && tag_bytes == 16 && crypto_pwhash_SALTBYTES == 16);

inline void put(std::string& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xff);
}

inline std::uint64_t get(std::string_view in, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)]);
    return v;
}

inline void put_id(std::string& out, const std::string& hex) {
    unsigned char raw[16] = {};
    std::size_t len = 0;
    if (!is_hex_id(hex) ||
        sodium_hex2bin(raw, sizeof raw, hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
        len != sizeof raw)
        throw std::invalid_argument("not a 32-digit hex id: '" + hex + "'");
    out.append(reinterpret_cast<const char*>(raw), sizeof raw);
}

inline std::string get_id(std::string_view in, std::size_t at) {
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, reinterpret_cast<const unsigned char*>(in.data() + at), 16);
    return hex;
}

inline const unsigned char* bytes_of(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

// What a reader throws when it refuses a file.
inline SyncError refused(const std::string& file, SkipReason kind, std::string reason) {
    return SyncError({file, kind, std::move(reason)});
}

inline std::string newer_message(unsigned version) {
    return "written by a newer Casebook (sync format " + std::to_string(version) +
           "; this one reads up to " + std::to_string(sync_format_version) +
           "): left in place, not read; update Casebook to use it";
}

} // namespace casebook::wire
