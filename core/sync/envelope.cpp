// Sync files' names, and the envelope every segment and snapshot is sealed in.
#include "base/sodium.hpp"
#include "sync/wire.hpp"

#include <cstdio>
#include <cstring>
#include <sodium.h>

namespace casebook {

using namespace wire;

std::string SyncFileName::str() const {
    char seq[24];
    std::snprintf(seq, sizeof seq, "%010llu", static_cast<unsigned long long>(sequence));
    return device + "." + seq + (kind == SyncFileKind::segment ? ".segment" : ".snapshot");
}

std::optional<SyncFileName> SyncFileName::parse(std::string_view name) {
    // <32 hex>.<10+ digits>.segment|snapshot
    if (name.size() < 32 + 1 + 10 + 1 || !is_hex_id(name.substr(0, 32)) || name[32] != '.')
        return std::nullopt;
    const auto dot = name.find('.', 33);
    if (dot == std::string_view::npos) return std::nullopt;
    const auto digits = name.substr(33, dot - 33);
    if (digits.size() < 10 || digits.size() > 19) return std::nullopt;
    SyncFileName out;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        out.sequence = out.sequence * 10 + static_cast<std::uint64_t>(c - '0');
    }
    const auto ext = name.substr(dot + 1);
    if (ext == "segment")
        out.kind = SyncFileKind::segment;
    else if (ext == "snapshot")
        out.kind = SyncFileKind::snapshot;
    else
        return std::nullopt;
    if (out.sequence == 0) return std::nullopt;
    out.device = std::string(name.substr(0, 32));
    return out;
}

std::string seal_envelope(const EnvelopeHeader& header, std::string_view plaintext,
                          const SyncKey& key) {
    detail::start_sodium();
    std::string out(envelope_magic, sizeof envelope_magic);
    put(out, header.version, 2);
    put(out, static_cast<std::uint8_t>(header.kind), 1);
    put(out, 0, 1);
    put_id(out, header.group_id);
    put_id(out, header.device_id);
    put(out, header.sequence, 8);
    put(out, plaintext.size() + tag_bytes, 8);
    unsigned char nonce[nonce_bytes];
    randombytes_buf(nonce, sizeof nonce);
    out.append(reinterpret_cast<const char*>(nonce), sizeof nonce);
    const std::size_t head = out.size();
    out.resize(head + plaintext.size() + tag_bytes);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(out.data() + head),
                                               &len, bytes_of(plaintext), plaintext.size(),
                                               reinterpret_cast<const unsigned char*>(out.data()),
                                               head, nullptr, nonce, key.bytes.data());
    return out;
}

std::string open_envelope(std::string_view in, const std::string& file,
                          const EnvelopeHeader& expected, const SyncKey& key) {
    detail::start_sodium();
    auto damaged = [&](std::string why) {
        return refused(file, SkipReason::damaged, std::move(why));
    };
    const std::size_t size = in.size();
    if (size < sizeof envelope_magic)
        throw damaged("truncated: " + std::to_string(size) + " bytes, shorter than the header");
    if (std::memcmp(in.data(), envelope_magic, sizeof envelope_magic) != 0)
        throw damaged("not a Casebook sync file (wrong magic)");
    if (size < 10) throw damaged("truncated inside the header");
    const auto version = static_cast<unsigned>(get(in, 8, 2));
    if (version > sync_format_version)
        throw refused(file, SkipReason::newer_format, newer_message(version));
    if (version == 0) throw damaged("format version 0 (no such version)");
    if (size < EnvelopeHeader::size)
        throw damaged("truncated: " + std::to_string(size) + " bytes, shorter than the " +
                      std::to_string(EnvelopeHeader::size) + "-byte header");
    const auto kind = static_cast<unsigned>(get(in, 10, 1));
    if (kind != 1 && kind != 2)
        throw damaged("its header names an unknown file kind (" + std::to_string(kind) + ")");
    if (get(in, 11, 1) != 0)
        throw damaged("its header's reserved byte is not zero (" + std::to_string(get(in, 11, 1)) +
                      ")");
    if (kind != static_cast<unsigned>(expected.kind))
        throw damaged(std::string("renamed: its name says ") +
                      (expected.kind == SyncFileKind::segment ? "segment" : "snapshot") +
                      ", its header the other kind");
    const std::string group = get_id(in, 12);
    if (group != expected.group_id)
        throw refused(file, SkipReason::other_group,
                      "belongs to another sync group (" + group + "; this folder's is " +
                          expected.group_id + "): not applied");
    const std::string device = get_id(in, 28);
    const std::uint64_t sequence = get(in, 44, 8);
    if (device != expected.device_id || sequence != expected.sequence)
        throw damaged("renamed: its name says device " + expected.device_id + " number " +
                      std::to_string(expected.sequence) + ", its header device " + device +
                      " number " + std::to_string(sequence));
    const std::uint64_t length = get(in, 52, 8);
    const std::uint64_t actual = size - EnvelopeHeader::size;
    if (length > SyncLimits::max_payload)
        throw refused(file, SkipReason::too_large,
                      "its length field says " + std::to_string(length) +
                          " bytes, beyond the limit of " + std::to_string(SyncLimits::max_payload));
    if (length != actual)
        throw damaged(length > actual
                          ? "truncated: the header says " + std::to_string(length) +
                                " bytes follow it, the file has " + std::to_string(actual)
                          : std::to_string(actual - length) +
                                (actual - length == 1 ? " byte" : " bytes") +
                                " more than its header says");
    if (length < tag_bytes) throw damaged("too short to hold its authentication tag");
    std::string plain(static_cast<std::size_t>(length - tag_bytes), '\0');
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr,
            bytes_of(in) + EnvelopeHeader::size, static_cast<unsigned long long>(length),
            bytes_of(in), EnvelopeHeader::size, bytes_of(in) + 60, key.bytes.data()) != 0)
        throw damaged("fails its authentication check: changed or damaged after it was written");
    return plain;
}

} // namespace casebook
