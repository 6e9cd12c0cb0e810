#pragma once
// The database replica, table by table (one file per record kind in core/sync/tables/): local
// changes read from the rows into records, and merged records written back to the rows.
//
// Each record kind, its table, its fields (last writer wins) and texts (kept on conflict):
//   profile: profile (never the PIN); name role profession jurisdiction created_at
//   note: note; tags attached_kind attached_id created_at edited_at deleted_at; texts title body
//   note_version: note_version; title body tags saved_at hlc (never changed once written)
//   supervision: supervision; both profiles, case_id checklist_record_id, both signatures,
//     created_at updated_at, sealed; texts discussion trainee_reflection
//   supervision_action: supervision_action; position text due_on
//   supervision_addendum: supervision_addendum; author_profile_id text created_at (never changed)
//   checklist_record: checklist_record; mode case_id jurisdiction answers_json outcome
//     created_at updated_at finalised_at sealed
//   record_addendum: record_addendum; text created_at (never changed)
//   attempt: attempt and choice; case_id started_at finished_at, choice:<decision> and
//     chosen_at:<decision> per decision
//   reflection (id "<profile id>/<case id>"): reflection; updated_at; text text
//
// A note in the trash is presence "trashed"; a purged note, a deleted session or draft, presence
// "deleted". A record that is final (a signed-off session, a finalised decision record) carries a
// "sealed" field: what was signed or finalised (and the signatures), which every device shows
// whatever concurrent edits arrive later (they stay visible as conflicts).
#include "sync/table_replica.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace casebook::detail {

struct TableReplica::View {
    std::vector<std::pair<std::string, std::string>> fields;
    std::vector<std::pair<std::string, std::string>> texts;
    std::vector<std::string> force; // fields written with any change, even if unchanged
    std::string state = presence::alive;
    std::int64_t wall_ms = 0; // when the row was changed, if it says (its hlc); else now
    // Purged: the record becomes a tombstone stamped at wall_ms, its texts emptied everywhere and
    // `fields` set to what they are given.
    bool purged = false;
};

// Shared by the tables' files.
std::int64_t stamp_ms(const std::string& hlc);
// A list of texts as one field value: "<length>:<bytes>" each.
std::string pack(const std::vector<std::string>& values);
std::optional<std::vector<std::string>> unpack(const std::string& text);
std::int64_t to_int(const std::string& text);
std::string or_now(const std::string& text);
// "<profile id>/<case id>" (the profile id may be empty: the device's use without a profile).
std::pair<std::string, std::string> split_reflection_id(const std::string& id);

} // namespace casebook::detail
