// The payload of every segment and snapshot: records in cereal's portable binary archive, each
// string and container checked against SyncLimits before anything is allocated for it.
#include "sync/wire.hpp"

#include <algorithm>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/cereal.hpp>
#include <cstring>
#include <sstream>
#include <streambuf>

// Each serialized type carries its version; a reader refuses a version newer than its own.
CEREAL_CLASS_VERSION(casebook::Hlc, 1)
CEREAL_CLASS_VERSION(casebook::LwwRegister, 1)
CEREAL_CLASS_VERSION(casebook::MvEntry, 1)
CEREAL_CLASS_VERSION(casebook::MvRegister, 1)
CEREAL_CLASS_VERSION(casebook::Record, 1)

namespace casebook {

using namespace wire;

namespace {

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

std::vector<Record> decode_records(std::string_view bytes, const std::string& file,
                                   std::uint64_t max_decoded) {
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
    } catch (const DecodeError& e) {
        if (e.too_large) throw refused(file, SkipReason::too_large, e.what());
        if (e.newer)
            throw refused(file, SkipReason::newer_format,
                          std::string(e.what()) +
                              ", from a newer Casebook: left in place, not read; update "
                              "Casebook to use it");
        throw refused(file, SkipReason::damaged,
                      std::string("its records cannot be read: ") + e.what());
    } catch (const std::exception& e) {
        throw refused(file, SkipReason::damaged,
                      std::string("its records cannot be read: ") + e.what());
    }
    if (buffer.left() != 0)
        throw refused(file, SkipReason::damaged,
                      "its records cannot be read: " + std::to_string(buffer.left()) +
                          " stray bytes after them");
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

} // namespace casebook
