// The group file: the group's id, and what turns its passphrase into the key (Argon2id), with a
// key check and a checksum so a wrong passphrase is told apart from a damaged file.
#include "base/sodium.hpp"
#include "sync/wire.hpp"

#include <cstring>
#include <sodium.h>

namespace casebook {

using namespace wire;

SyncKey::~SyncKey() {
    sodium_memzero(bytes.data(), bytes.size());
}

namespace {

bool derive_key(const std::string& passphrase, const std::array<unsigned char, 16>& salt,
                std::uint64_t ops, std::uint64_t memory, SyncKey& key) {
    detail::start_sodium();
    return crypto_pwhash(key.bytes.data(), key.bytes.size(), passphrase.data(), passphrase.size(),
                         salt.data(), ops, static_cast<std::size_t>(memory),
                         crypto_pwhash_ALG_ARGON2ID13) == 0;
}

// Bytes 0-87 of the group file: everything the key check and the checksum cover.
std::string group_head(const GroupFile& g) {
    std::string out(group_magic, sizeof group_magic);
    put(out, sync_format_version, 2);
    put(out, 0, 2);
    put_id(out, g.group_id);
    out.append(reinterpret_cast<const char*>(g.salt.data()), g.salt.size());
    put(out, g.ops_limit, 8);
    put(out, g.memory_limit, 8);
    put(out, crypto_pwhash_ALG_ARGON2ID13, 4);
    out.append(reinterpret_cast<const char*>(g.check_nonce.data()), g.check_nonce.size());
    return out;
}

} // namespace

std::string GroupFile::bytes() const {
    std::string out = group_head(*this);
    out.append(reinterpret_cast<const char*>(check.data()), check.size());
    unsigned char sum[32];
    crypto_generichash(sum, sizeof sum, bytes_of(out), out.size(), nullptr, 0);
    out.append(reinterpret_cast<const char*>(sum), sizeof sum);
    return out;
}

GroupFile GroupFile::create(const std::string& passphrase, KdfCost cost, SyncKey& key) {
    detail::start_sodium();
    GroupFile g;
    unsigned char id[16];
    randombytes_buf(id, sizeof id);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    g.group_id = hex;
    randombytes_buf(g.salt.data(), g.salt.size());
    const bool minimum = cost == KdfCost::minimum;
    g.ops_limit = minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    g.memory_limit = minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (!derive_key(passphrase, g.salt, g.ops_limit, g.memory_limit, key))
        throw std::runtime_error("cannot derive the group key: out of memory");
    randombytes_buf(g.check_nonce.data(), g.check_nonce.size());
    const std::string head = group_head(g);
    const unsigned char zeros[32] = {};
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(g.check.data(), &len, zeros, sizeof zeros,
                                               bytes_of(head), head.size(), nullptr,
                                               g.check_nonce.data(), key.bytes.data());
    return g;
}

GroupFile GroupFile::parse(std::string_view in, const std::string& file) {
    detail::start_sodium();
    if (in.size() < 10 || std::memcmp(in.data(), group_magic, sizeof group_magic) != 0)
        throw refused(file, SkipReason::damaged, "not a Casebook group file (wrong magic)");
    const auto version = static_cast<unsigned>(get(in, 8, 2));
    if (version > sync_format_version)
        throw refused(file, SkipReason::newer_format, newer_message(version));
    if (version == 0)
        throw refused(file, SkipReason::damaged, "format version 0 (no such version)");
    if (in.size() != size)
        throw refused(file, SkipReason::damaged,
                      std::to_string(in.size()) + " bytes long; a group file has " +
                          std::to_string(size));
    unsigned char sum[32];
    crypto_generichash(sum, sizeof sum, bytes_of(in), size - 32, nullptr, 0);
    if (sodium_memcmp(sum, in.data() + size - 32, 32) != 0)
        throw refused(file, SkipReason::damaged,
                      "its checksum does not match (changed after it was written)");
    GroupFile g;
    g.group_id = get_id(in, 12);
    std::memcpy(g.salt.data(), in.data() + 28, 16);
    g.ops_limit = get(in, 44, 8);
    g.memory_limit = get(in, 52, 8);
    if (get(in, 60, 4) != crypto_pwhash_ALG_ARGON2ID13)
        throw refused(file, SkipReason::damaged, "uses an unknown key derivation");
    if (g.ops_limit < crypto_pwhash_OPSLIMIT_MIN || g.ops_limit > SyncLimits::max_kdf_ops ||
        g.memory_limit < crypto_pwhash_MEMLIMIT_MIN || g.memory_limit > SyncLimits::max_kdf_memory)
        throw refused(file, SkipReason::damaged,
                      "asks for key-derivation limits out of range (" +
                          std::to_string(g.ops_limit) + " passes, " +
                          std::to_string(g.memory_limit) + " bytes)");
    std::memcpy(g.check_nonce.data(), in.data() + 64, 24);
    std::memcpy(g.check.data(), in.data() + 88, 48);
    return g;
}

std::optional<SyncKey> GroupFile::unlock(const std::string& passphrase) const {
    SyncKey key;
    if (!derive_key(passphrase, salt, ops_limit, memory_limit, key))
        throw std::runtime_error("cannot derive the group key: out of memory");
    const std::string head = group_head(*this);
    unsigned char plain[32];
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &len, nullptr, check.data(), check.size(),
                                                   bytes_of(head), head.size(), check_nonce.data(),
                                                   key.bytes.data()) != 0)
        return std::nullopt;
    return key;
}

} // namespace casebook
