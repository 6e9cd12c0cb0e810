#pragma once
// The records sync exchanges, and how two states of one record merge.
//
// Every synced row (a profile, a note, a note version, a supervision session, ...) travels as a
// Record: its kind and id, the record it belongs to (a note version's note), the profile it
// belongs to, and three kinds of register:
//   - short fields: last-writer-wins by hybrid logical clock stamp (device id breaks ties);
//   - free text: a multi-value register. A write replaces the values its device had seen; two
//     writes made apart are both kept, a conflict shown until someone resolves it;
//   - presence ("alive", "trashed", "deleted"): the tombstone, also a multi-value register, so a
//     delete only removes what its device had seen and an edit made without having seen the
//     delete brings the record back.
// A seal is different: the fields "sealed" (what both signed, or what was finalised) and
// "finalised_at" only grow. Once any state holds a value, no later stamp takes it away, and of two
// values the earlier stands, so a signed session or a final decision record stays as it was sealed
// on every device whatever order the files come in (see is_seal_field).
// merge() is a join: commutative, associative and idempotent, so replicas that have seen the same
// states hold the same record whatever the order, repetition or gaps in between.
#include "sync/hlc.hpp"

#include <compare>
#include <map>
#include <string>
#include <vector>

namespace casebook {

namespace presence {
inline constexpr const char* alive = "alive";
inline constexpr const char* trashed = "trashed"; // a note in the trash: can be restored
inline constexpr const char* deleted = "deleted"; // gone for good; only the tombstone stays
} // namespace presence

struct RecordKey {
    std::string kind;
    std::string id;

    auto operator<=>(const RecordKey&) const = default;
    bool operator==(const RecordKey&) const = default;
};

struct LwwRegister {
    std::string value;
    Hlc stamp;

    // Keeps the later write. Returns true if this changed.
    bool merge(const LwwRegister& other);
    bool operator==(const LwwRegister&) const = default;
};

struct MvEntry {
    std::string value;
    Hlc stamp; // unique per write; its device is the writer

    bool operator==(const MvEntry&) const = default;
};

struct MvRegister {
    std::vector<MvEntry> entries;    // the values still standing, oldest first
    std::map<std::string, Hlc> seen; // per device, its latest write this state has seen

    // A write that replaces the newest value (the one shown) and any equal to the new one; other
    // concurrent values stay in conflict.
    void write(const std::string& value, const Hlc& stamp);
    // A write that replaces every value: the resolution of a conflict.
    void resolve(const std::string& value, const Hlc& stamp);
    // Drops every value (a purge): they stay seen, so they do not come back.
    void clear() { entries.clear(); }

    bool merge(const MvRegister& other);
    bool covers(const Hlc& stamp) const;

    // The value shown: the newest entry's, or empty.
    std::string value() const;
    // Distinct values, newest first.
    std::vector<std::string> values() const;
    bool conflicted() const { return values().size() > 1; }
    bool operator==(const MvRegister&) const = default;
};

// True for the fields merged as seals (see above).
bool is_seal_field(const std::string& name);

struct Record {
    std::string kind;
    std::string id;
    std::string parent;     // the record this one belongs to (a note version's note), or empty
    std::string profile_id; // whose it is, or empty for device-wide records
    std::map<std::string, LwwRegister> fields;
    std::map<std::string, MvRegister> texts;
    MvRegister presence;

    RecordKey key() const { return {kind, id}; }
    std::string field(const std::string& name) const;
    std::string text(const std::string& name) const;
    // alive, trashed or deleted: alive if any alive write stands, else deleted over trashed. A
    // record never given a presence counts as alive.
    std::string state() const;
    bool alive() const { return state() == presence::alive; }
    bool conflicted() const;
    // The latest stamp anywhere in the record.
    Hlc latest() const;

    // Local writes, each stamped by the caller's clock. set_field and set_text do nothing (and
    // return false) when the value is already current.
    bool set_field(const std::string& name, const std::string& value, const Hlc& stamp);
    bool set_text(const std::string& name, const std::string& value, const Hlc& stamp);
    void set_state(const std::string& state, const Hlc& stamp);

    // Joins another state of the same record into this one. Returns true if this changed.
    bool merge(const Record& other);
    bool operator==(const Record&) const = default;
};

} // namespace casebook
