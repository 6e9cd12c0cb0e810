#pragma once
// The words case files, profiles and the checklist share (assets/cases/SCHEMA.md), defined once
// so the validator, the app's choices and the CLI cannot drift apart. Their human labels are
// in case.hpp (profession_label, jurisdiction_label, ...).
#include <string>
#include <vector>

namespace casebook {

// The professions a case may be written for, in the order a person is offered them.
const std::vector<std::string>& case_professions();
// The settings a case may take place in.
const std::vector<std::string>& case_settings();
// The four UK nations, in the order offered: england, wales, scotland, northern-ireland. A case
// may also say "uk" (case_jurisdictions()); a person and the checklist need one nation.
const std::vector<std::string>& nations();
// The nations and "uk": what a case's `jurisdiction` may be.
const std::vector<std::string>& case_jurisdictions();
// A nation's name short enough for a button in a row of four: "N. Ireland".
const char* nation_short_label(const std::string& nation);

// Who to call, until a person writes their own local contacts in Settings.
inline constexpr const char* default_contacts =
    "NSPCC helpline (worried about a child): 0808 800 5000\nEmergency: 999\n";

} // namespace casebook
