// Group files, envelopes and the cereal payload inside them.
#include "sync/format.hpp"

#include "base/sodium.hpp"

#include <algorithm>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/cereal.hpp>
#include <cstdio>
#include <cstring>
#include <sodium.h>
#include <sstream>
#include <stdexcept>
#include <streambuf>

// Each serialized type carries its version; a reader refuses a version newer than its own.
CEREAL_CLASS_VERSION(casebook::Hlc, 1)
CEREAL_CLASS_VERSION(casebook::LwwRegister, 1)
CEREAL_CLASS_VERSION(casebook::MvEntry, 1)
CEREAL_CLASS_VERSION(casebook::MvRegister, 1)
CEREAL_CLASS_VERSION(casebook::Record, 1)

namespace casebook {

namespace {

constexpr char group_magic[8] = {'C', 'B', 'G', 'R', 'O', 'U', 'P', '\n'};
constexpr char envelope_magic[8] = {'C', 'B', 'S', 'Y', 'N', 'C', '\r', '\n'};
constexpr std::size_t tag_bytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t nonce_bytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
static_assert(nonce_bytes == 24 && tag_bytes == 16 && crypto_pwhash_SALTBYTES == 16);

void put(std::string& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xff);
}

std::uint64_t get(std::string_view in, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)]);
    return v;
}

void put_id(std::string& out, const std::string& hex) {
    unsigned char raw[16] = {};
    std::size_t len = 0;
    if (!is_hex_id(hex) ||
        sodium_hex2bin(raw, sizeof raw, hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
        len != sizeof raw)
        throw std::invalid_argument("not a 32-digit hex id: '" + hex + "'");
    out.append(reinterpret_cast<const char*>(raw), sizeof raw);
}

std::string get_id(std::string_view in, std::size_t at) {
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, reinterpret_cast<const unsigned char*>(in.data() + at), 16);
    return hex;
}

const unsigned char* bytes_of(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

SyncProblem problem(const std::string& file, SkipReason kind, std::string reason) {
    return {file, kind, std::move(reason)};
}

std::string newer_message(unsigned version) {
    return "written by a newer Casebook (sync format " + std::to_string(version) +
           "; this one reads up to " + std::to_string(sync_format_version) +
           "): left in place, not read; update Casebook to use it";
}

// ---- the cereal payload ------------------------------------------------------------------

// A refusal while reading the archive: too big, a bad value, or a newer class version.
struct DecodeError : std::runtime_error {
    DecodeError(const std::string& what, bool newer_version = false, bool over_budget = false)
        : std::runtime_error(what), newer(newer_version), too_large(over_budget) {}
    bool newer;
    bool too_large;
};

// What the records read so far take in memory, roughly (the objects, not only their bytes):
// counted while reading, so a file is refused before it takes more than SyncLimits::max_decoded.
thread_local std::uint64_t decoded_bytes = 0;
thread_local std::uint64_t decoded_budget = SyncLimits::max_decoded;

void charge(std::uint64_t bytes) {
    decoded_bytes += bytes;
    if (decoded_bytes > decoded_budget)
        throw DecodeError("its records would take more than " +
                              std::to_string(decoded_budget >> 20) + " MiB of memory once read",
                          false, true);
}

using InArchive = cereal::PortableBinaryInputArchive;
using OutArchive = cereal::PortableBinaryOutputArchive;

void check_version(std::uint32_t version, const char* type) {
    if (version > 1)
        throw DecodeError(std::string("holds a ") + type + " of a newer version (" +
                              std::to_string(version) + ")",
                          true);
}

void save_string(OutArchive& ar, const std::string& s) {
    ar(static_cast<std::uint32_t>(s.size()));
    if (!s.empty()) ar(cereal::binary_data(s.data(), s.size()));
}

void load_string(InArchive& ar, std::string& s, std::uint64_t cap, const char* what) {
    std::uint32_t n = 0;
    ar(n);
    if (n > cap)
        throw DecodeError(std::string("a ") + what + " of " + std::to_string(n) +
                          " bytes (at most " + std::to_string(cap) + ")");
    charge(n + sizeof(std::string));
    s.resize(static_cast<std::size_t>(n));
    if (n) ar(cereal::binary_data(s.data(), static_cast<std::size_t>(n)));
}

std::uint32_t load_count(InArchive& ar, std::uint32_t cap, const char* what) {
    std::uint32_t n = 0;
    ar(n);
    if (n > cap)
        throw DecodeError(std::to_string(n) + " " + what + " (at most " + std::to_string(cap) +
                          ")");
    return n;
}

std::uint32_t count_of(std::size_t n) {
    return static_cast<std::uint32_t>(n);
}

} // namespace

// cereal finds these by argument-dependent lookup.
//
// A stamp: milliseconds (int64), counter (uint16), then its device id as 16 bytes, or none (a
// flag byte says which).
template <class Archive> void save(Archive& ar, const Hlc& h, std::uint32_t) {
    ar(static_cast<std::int64_t>(h.ms), static_cast<std::uint16_t>(h.counter));
    unsigned char raw[16] = {};
    std::size_t len = 0;
    const bool has = !h.device.empty() &&
                     sodium_hex2bin(raw, sizeof raw, h.device.data(), h.device.size(), nullptr,
                                    &len, nullptr) == 0 &&
                     len == sizeof raw;
    if (!h.device.empty() && !has) throw std::invalid_argument("not a device id: " + h.device);
    ar(static_cast<std::uint8_t>(has ? 1 : 0));
    if (has) ar(cereal::binary_data(raw, sizeof raw));
}

template <class Archive> void load(Archive& ar, Hlc& h, std::uint32_t version) {
    check_version(version, "stamp");
    std::int64_t ms = 0;
    std::uint16_t counter = 0;
    std::uint8_t has = 0;
    ar(ms, counter, has);
    if (ms < 0 || ms > Hlc::max_ms) throw DecodeError("a clock stamp out of range");
    if (has > 1) throw DecodeError("a clock stamp with a bad device flag");
    h.device.clear();
    if (has) {
        charge(48); // the device id's text
        unsigned char raw[16];
        ar(cereal::binary_data(raw, sizeof raw));
        char hex[33];
        sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
        h.device = hex;
    } else if (ms != 0 || counter != 0) {
        throw DecodeError("a clock stamp without a device id");
    }
    h.ms = ms;
    h.counter = counter;
}

template <class Archive> void save(Archive& ar, const LwwRegister& r, std::uint32_t) {
    save_string(ar, r.value);
    ar(r.stamp);
}

template <class Archive> void load(Archive& ar, LwwRegister& r, std::uint32_t version) {
    check_version(version, "field");
    load_string(ar, r.value, SyncLimits::max_text, "field value");
    ar(r.stamp);
}

template <class Archive> void save(Archive& ar, const MvEntry& e, std::uint32_t) {
    save_string(ar, e.value);
    ar(e.stamp);
}

template <class Archive> void load(Archive& ar, MvEntry& e, std::uint32_t version) {
    check_version(version, "text value");
    load_string(ar, e.value, SyncLimits::max_text, "text");
    ar(e.stamp);
}

template <class Archive> void save(Archive& ar, const MvRegister& r, std::uint32_t) {
    ar(count_of(r.entries.size()));
    for (const auto& e : r.entries)
        ar(e);
    // What the register has seen: per device its latest stamp (which names the device).
    ar(count_of(r.seen.size()));
    for (const auto& [device, stamp] : r.seen)
        ar(stamp);
}

template <class Archive> void load(Archive& ar, MvRegister& r, std::uint32_t version) {
    check_version(version, "text register");
    r = {};
    const auto n = load_count(ar, SyncLimits::max_values, "values in one register");
    for (std::uint32_t i = 0; i < n; ++i) {
        charge(sizeof(MvEntry));
        MvEntry e;
        ar(e);
        r.entries.push_back(std::move(e));
    }
    const auto devices = load_count(ar, SyncLimits::max_devices, "devices in one register");
    for (std::uint32_t i = 0; i < devices; ++i) {
        charge(sizeof(Hlc) + sizeof(std::string) + 48 + 32); // a map node: key, stamp, links
        Hlc stamp;
        ar(stamp);
        if (stamp.device.empty()) throw DecodeError("a register's device without an id");
        auto& latest = r.seen[stamp.device];
        if (latest < stamp) latest = stamp;
    }
    // Normal form: by stamp, one entry per stamp, every entry seen (as merge expects).
    std::sort(r.entries.begin(), r.entries.end(), [](const MvEntry& a, const MvEntry& b) {
        return a.stamp < b.stamp || (a.stamp == b.stamp && a.value > b.value);
    });
    r.entries.erase(
        std::unique(r.entries.begin(), r.entries.end(),
                    [](const MvEntry& a, const MvEntry& b) { return a.stamp == b.stamp; }),
        r.entries.end());
    for (const auto& e : r.entries) {
        if (e.stamp.zero()) throw DecodeError("a text value without a stamp");
        auto& latest = r.seen[e.stamp.device];
        if (latest < e.stamp) latest = e.stamp;
    }
}

template <class Archive> void save(Archive& ar, const Record& r, std::uint32_t) {
    save_string(ar, r.kind);
    save_string(ar, r.id);
    save_string(ar, r.parent);
    save_string(ar, r.profile_id);
    ar(count_of(r.fields.size()));
    for (const auto& [name, reg] : r.fields) {
        save_string(ar, name);
        ar(reg);
    }
    ar(count_of(r.texts.size()));
    for (const auto& [name, reg] : r.texts) {
        save_string(ar, name);
        ar(reg);
    }
    ar(r.presence);
}

template <class Archive> void load(Archive& ar, Record& r, std::uint32_t version) {
    check_version(version, "record");
    r = {};
    load_string(ar, r.kind, SyncLimits::max_name, "record kind");
    load_string(ar, r.id, SyncLimits::max_name, "record id");
    load_string(ar, r.parent, SyncLimits::max_name, "parent id");
    load_string(ar, r.profile_id, SyncLimits::max_name, "profile id");
    if (r.kind.empty() || r.id.empty()) throw DecodeError("a record without a kind or an id");
    const auto nfields = load_count(ar, SyncLimits::max_fields, "fields in one record");
    for (std::uint32_t i = 0; i < nfields; ++i) {
        charge(sizeof(LwwRegister) + 32); // its map node
        std::string name;
        LwwRegister reg;
        load_string(ar, name, SyncLimits::max_name, "field name");
        ar(reg);
        r.fields[name] = std::move(reg);
    }
    const auto ntexts = load_count(ar, SyncLimits::max_fields, "texts in one record");
    for (std::uint32_t i = 0; i < ntexts; ++i) {
        charge(sizeof(MvRegister) + 32);
        std::string name;
        MvRegister reg;
        load_string(ar, name, SyncLimits::max_name, "text name");
        ar(reg);
        r.texts[name] = std::move(reg);
    }
    ar(r.presence);
}

namespace {

// Reads from memory without copying it.
class MemoryBuffer : public std::streambuf {
  public:
    MemoryBuffer(std::string_view bytes) {
        char* p = const_cast<char*>(bytes.data());
        setg(p, p, p + bytes.size());
    }
    std::size_t left() const { return static_cast<std::size_t>(egptr() - gptr()); }
};

// Appends to a string (std::ostringstream copies it once more at the end).
class StringBuffer : public std::streambuf {
  public:
    explicit StringBuffer(std::string& out) : out_(out) {}

  protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        out_.append(s, static_cast<std::size_t>(n));
        return n;
    }
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) out_ += static_cast<char>(c);
        return c;
    }

  private:
    std::string& out_;
};

template <class Fn> std::string write_archive(Fn&& fn) {
    std::string bytes;
    bytes.reserve(512);
    StringBuffer buffer(bytes);
    std::ostream out(&buffer);
    {
        OutArchive ar(out, OutArchive::Options::LittleEndian());
        fn(ar);
    }
    return bytes;
}

} // namespace

std::string encode_records(const std::vector<Record>& records) {
    return write_archive([&](OutArchive& ar) {
        ar(count_of(records.size()));
        for (const auto& r : records)
            ar(r);
    });
}

std::variant<std::vector<Record>, SyncProblem>
decode_records(std::string_view bytes, const std::string& file, std::uint64_t max_decoded) {
    decoded_budget = max_decoded;
    MemoryBuffer buffer(bytes);
    std::istream in(&buffer);
    std::vector<Record> out;
    try {
        InArchive ar(in, InArchive::Options::LittleEndian());
        const auto n = load_count(ar, SyncLimits::max_records, "records in one file");
        decoded_bytes = 0;
        for (std::uint32_t i = 0; i < n; ++i) {
            charge(sizeof(Record));
            Record r;
            ar(r);
            out.push_back(std::move(r));
        }
        if (buffer.left() != 0)
            return problem(file, SkipReason::damaged,
                           "its records cannot be read: " + std::to_string(buffer.left()) +
                               " stray bytes after them");
    } catch (const DecodeError& e) {
        if (e.too_large) return problem(file, SkipReason::too_large, e.what());
        if (e.newer)
            return problem(file, SkipReason::newer_format,
                           std::string(e.what()) +
                               ", from a newer Casebook: left in place, not read; update "
                               "Casebook to use it");
        return problem(file, SkipReason::damaged,
                       std::string("its records cannot be read: ") + e.what());
    } catch (const std::exception& e) {
        return problem(file, SkipReason::damaged,
                       std::string("its records cannot be read: ") + e.what());
    }
    return out;
}

std::string encode_record(const Record& record) {
    return write_archive([&](OutArchive& ar) { ar(record); });
}

std::optional<Record> decode_record(std::string_view bytes) {
    MemoryBuffer buffer(bytes);
    std::istream in(&buffer);
    try {
        InArchive ar(in, InArchive::Options::LittleEndian());
        decoded_bytes = 0;
        decoded_budget = SyncLimits::max_decoded;
        Record r;
        ar(r);
        if (buffer.left() != 0) return std::nullopt;
        return r;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// ---- keys and the group file -------------------------------------------------------------

SyncKey::~SyncKey() {
    sodium_memzero(bytes.data(), bytes.size());
}

const char* to_string(SkipReason reason) {
    switch (reason) {
    case SkipReason::damaged:
        return "damaged";
    case SkipReason::too_large:
        return "too large";
    case SkipReason::unreadable:
        return "unreadable";
    case SkipReason::newer_format:
        return "newer format";
    case SkipReason::other_group:
        return "other group";
    case SkipReason::debris:
        return "carrier debris";
    case SkipReason::not_sync_file:
        return "not a sync file";
    case SkipReason::wrong_passphrase:
        return "wrong passphrase";
    }
    return "damaged";
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

std::variant<GroupFile, SyncProblem> GroupFile::parse(std::string_view in,
                                                      const std::string& file) {
    detail::start_sodium();
    if (in.size() < 10 || std::memcmp(in.data(), group_magic, sizeof group_magic) != 0)
        return problem(file, SkipReason::damaged, "not a Casebook group file (wrong magic)");
    const auto version = static_cast<unsigned>(get(in, 8, 2));
    if (version > sync_format_version)
        return problem(file, SkipReason::newer_format, newer_message(version));
    if (version == 0)
        return problem(file, SkipReason::damaged, "format version 0 (no such version)");
    if (in.size() != size)
        return problem(file, SkipReason::damaged,
                       std::to_string(in.size()) + " bytes long; a group file has " +
                           std::to_string(size));
    unsigned char sum[32];
    crypto_generichash(sum, sizeof sum, bytes_of(in), size - 32, nullptr, 0);
    if (sodium_memcmp(sum, in.data() + size - 32, 32) != 0)
        return problem(file, SkipReason::damaged,
                       "its checksum does not match (changed after it was written)");
    GroupFile g;
    g.group_id = get_id(in, 12);
    std::memcpy(g.salt.data(), in.data() + 28, 16);
    g.ops_limit = get(in, 44, 8);
    g.memory_limit = get(in, 52, 8);
    if (get(in, 60, 4) != crypto_pwhash_ALG_ARGON2ID13)
        return problem(file, SkipReason::damaged, "uses an unknown key derivation");
    if (g.ops_limit < crypto_pwhash_OPSLIMIT_MIN || g.ops_limit > SyncLimits::max_kdf_ops ||
        g.memory_limit < crypto_pwhash_MEMLIMIT_MIN || g.memory_limit > SyncLimits::max_kdf_memory)
        return problem(file, SkipReason::damaged,
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

// ---- file names and envelopes ------------------------------------------------------------

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

std::variant<std::string, SyncProblem> open_envelope(std::string_view in, const std::string& file,
                                                     const EnvelopeHeader& expected,
                                                     const SyncKey& key) {
    detail::start_sodium();
    auto damaged = [&](std::string why) {
        return problem(file, SkipReason::damaged, std::move(why));
    };
    const std::size_t size = in.size();
    if (size < sizeof envelope_magic)
        return damaged("truncated: " + std::to_string(size) + " bytes, shorter than the header");
    if (std::memcmp(in.data(), envelope_magic, sizeof envelope_magic) != 0)
        return damaged("not a Casebook sync file (wrong magic)");
    if (size < 10) return damaged("truncated inside the header");
    const auto version = static_cast<unsigned>(get(in, 8, 2));
    if (version > sync_format_version)
        return problem(file, SkipReason::newer_format, newer_message(version));
    if (version == 0) return damaged("format version 0 (no such version)");
    if (size < EnvelopeHeader::size)
        return damaged("truncated: " + std::to_string(size) + " bytes, shorter than the " +
                       std::to_string(EnvelopeHeader::size) + "-byte header");
    const auto kind = static_cast<unsigned>(get(in, 10, 1));
    if (kind != 1 && kind != 2)
        return damaged("its header names an unknown file kind (" + std::to_string(kind) + ")");
    if (get(in, 11, 1) != 0)
        return damaged("its header's reserved byte is not zero (" + std::to_string(get(in, 11, 1)) +
                       ")");
    if (kind != static_cast<unsigned>(expected.kind))
        return damaged(std::string("renamed: its name says ") +
                       (expected.kind == SyncFileKind::segment ? "segment" : "snapshot") +
                       ", its header the other kind");
    const std::string group = get_id(in, 12);
    if (group != expected.group_id)
        return problem(file, SkipReason::other_group,
                       "belongs to another sync group (" + group + "; this folder's is " +
                           expected.group_id + "): not applied");
    const std::string device = get_id(in, 28);
    const std::uint64_t sequence = get(in, 44, 8);
    if (device != expected.device_id || sequence != expected.sequence)
        return damaged("renamed: its name says device " + expected.device_id + " number " +
                       std::to_string(expected.sequence) + ", its header device " + device +
                       " number " + std::to_string(sequence));
    const std::uint64_t length = get(in, 52, 8);
    const std::uint64_t actual = size - EnvelopeHeader::size;
    if (length > SyncLimits::max_payload)
        return problem(file, SkipReason::too_large,
                       "its length field says " + std::to_string(length) +
                           " bytes, beyond the limit of " +
                           std::to_string(SyncLimits::max_payload));
    if (length != actual)
        return damaged(length > actual
                           ? "truncated: the header says " + std::to_string(length) +
                                 " bytes follow it, the file has " + std::to_string(actual)
                           : std::to_string(actual - length) +
                                 (actual - length == 1 ? " byte" : " bytes") +
                                 " more than its header says");
    if (length < tag_bytes) return damaged("too short to hold its authentication tag");
    std::string plain(static_cast<std::size_t>(length - tag_bytes), '\0');
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr,
            bytes_of(in) + EnvelopeHeader::size, static_cast<unsigned long long>(length),
            bytes_of(in), EnvelopeHeader::size, bytes_of(in) + 60, key.bytes.data()) != 0)
        return damaged("fails its authentication check: changed or damaged after it was written");
    return plain;
}

} // namespace casebook
