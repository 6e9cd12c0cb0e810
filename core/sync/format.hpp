#pragma once
// The files in a sync folder, byte by byte.
//
// The group file (casebook.group) names the group and holds what turns its passphrase into a key:
//   0   8  magic "CBGROUP\n"
//   8   2  format version (little-endian, as every number here)
//   10  2  zero
//   12  16 group id
//   28  16 Argon2id salt
//   44  8  Argon2id ops limit
//   52  8  Argon2id memory limit (bytes)
//   60  4  algorithm (2: Argon2id v1.3)
//   64  24 key-check nonce
//   88  48 key check: 32 zero bytes sealed with the key (XChaCha20-Poly1305, bytes 0-87 as
//          associated data), so a wrong passphrase is known before any data file is tried
//   136 32 BLAKE2b-256 of bytes 0-135, so a damaged file is told apart from a wrong passphrase
//   168
//
// Every segment and snapshot is an envelope, checked in full before cereal reads a byte:
//   0   8  magic "CBSYNC\r\n"
//   8   2  format version
//   10  1  kind (1 segment, 2 snapshot)
//   11  1  zero
//   12  16 group id
//   28  16 device id (the writer)
//   44  8  sequence number (the writer's, from 1)
//   52  8  payload length: exactly the bytes after the header
//   60  24 nonce
//   84  ... payload: XChaCha20-Poly1305 of the cereal archive, bytes 0-83 as associated data
// The archive is cereal's portable binary archive (little-endian) of fixed-width numbers, with
// class versions and a size cap on every string and container:
//   records:  uint32 count, then each Record
//   Record:   kind, id, parent, profile id (strings); uint32 count of fields, each a name and an
//             LwwRegister; uint32 count of texts, each a name and an MvRegister; the presence
//             MvRegister
//   string:   uint32 length, then its bytes
//   Hlc:      int64 milliseconds, uint16 counter, uint8 1 and the device id's 16 bytes (or 0)
//   LwwRegister: value, Hlc;  MvRegister: uint32 count of (value, Hlc), uint32 count of Hlc seen
// cereal writes each class's version (uint32) before its first instance in a file.
#include "casebook/sync.hpp"
#include "sync/record.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace casebook {

inline constexpr std::uint16_t sync_format_version = 1;
inline constexpr const char* group_file_name = "casebook.group";

// Size caps. A file or a value beyond them is refused before anything is allocated for it.
struct SyncLimits {
    static constexpr std::uint64_t max_payload = 256ull << 20; // bytes in one file
    static constexpr std::uint32_t max_records = 4'000'000;    // records in one file
    static constexpr std::uint64_t max_text = 4u << 20;        // one text or field value
    static constexpr std::uint64_t max_name = 256;             // ids, kinds, field names
    static constexpr std::uint32_t max_fields = 1024;          // fields or texts in one record
    static constexpr std::uint32_t max_values = 256;           // values standing in one register
    static constexpr std::uint32_t max_devices = 4096;         // devices seen by one register
    // Argon2id limits a group file may ask for. Nothing authenticates them before the key is
    // derived (the checksum anyone can recompute), so they are capped at libsodium's "moderate"
    // costs, about a second on a tablet: this app writes "interactive" (2 passes, 64 MiB).
    static constexpr std::uint64_t max_kdf_ops = 3;
    static constexpr std::uint64_t max_kdf_memory = 256ull << 20;
    // Memory one file's records may take once read (an estimate counted while reading): a file
    // of many tiny values would otherwise take ten times its size.
    static constexpr std::uint64_t max_decoded = 768ull << 20;
};

// A 256-bit key, wiped when destroyed.
class SyncKey {
  public:
    SyncKey() = default;
    SyncKey(const SyncKey&) = default;
    SyncKey& operator=(const SyncKey&) = default;
    ~SyncKey();
    std::array<unsigned char, 32> bytes{};
};

struct GroupFile {
    std::string group_id; // 32 hex digits
    std::array<unsigned char, 16> salt{};
    std::uint64_t ops_limit = 0;
    std::uint64_t memory_limit = 0;
    std::array<unsigned char, 24> check_nonce{};
    std::array<unsigned char, 48> check{};

    static constexpr std::size_t size = 168;
    std::string bytes() const; // with its checksum

    // A new group with a random id and salt; `key` receives the passphrase's key.
    static GroupFile create(const std::string& passphrase, KdfCost cost, SyncKey& key);
    // Checks the file's integrity and version; throws SyncError naming `file`.
    static GroupFile parse(std::string_view bytes, const std::string& file);
    // The key, or nullopt if the passphrase is not this group's.
    std::optional<SyncKey> unlock(const std::string& passphrase) const;
};

enum class SyncFileKind : std::uint8_t { segment = 1, snapshot = 2 };

// What a file's name says it is: <device>.<sequence, 10 digits>.segment or .snapshot.
struct SyncFileName {
    SyncFileKind kind = SyncFileKind::segment;
    std::string device;
    std::uint64_t sequence = 0;

    std::string str() const;
    static std::optional<SyncFileName> parse(std::string_view name);
};

struct EnvelopeHeader {
    static constexpr std::size_t size = 84;
    std::uint16_t version = sync_format_version;
    SyncFileKind kind = SyncFileKind::segment;
    std::string group_id;
    std::string device_id;
    std::uint64_t sequence = 0;
};

// Encrypts `plaintext` into a complete file.
std::string seal_envelope(const EnvelopeHeader& header, std::string_view plaintext,
                          const SyncKey& key);
// Checks a file against what its name says and the group, then decrypts it; throws SyncError
// naming `file`. `expected.version` is ignored: any version up to sync_format_version is read, a
// newer one is set aside.
std::string open_envelope(std::string_view bytes, const std::string& file,
                          const EnvelopeHeader& expected, const SyncKey& key);

// The payload: the records, in cereal's portable binary archive.
std::string encode_records(const std::vector<Record>& records);
// Every string and container is checked against SyncLimits before it is allocated, and the
// memory the records take once read against `max_decoded`. On failure throws SyncError, naming
// `file`.
std::vector<Record> decode_records(std::string_view bytes, const std::string& file,
                                   std::uint64_t max_decoded = SyncLimits::max_decoded);

// One record alone, as the database keeps its merged state.
std::string encode_record(const Record& record);
std::optional<Record> decode_record(std::string_view bytes);

} // namespace casebook
