#pragma once
// Before text leaves the device (sync), the notes that look like they hold patient identifiers,
// so the person is warned and can redact them first.
#include "casebook/identifiers/guard.hpp"
#include "casebook/journal.hpp"

#include <string>
#include <vector>

namespace casebook {

struct IdentifierFinding {
    std::string profile_name;
    std::string note_id;
    std::string note_title;
    std::vector<IdentifierKind> kinds; // each kind once, in the order first seen
};

// Every current note (not the trash) of every profile on this device, or of `profile_id` only.
std::vector<IdentifierFinding> notes_with_identifiers(const Journal& journal,
                                                      const std::string& profile_id = {});

// "2 notes hold what looks like an NHS number and a phone number".
std::string describe(const std::vector<IdentifierFinding>& findings);

} // namespace casebook
