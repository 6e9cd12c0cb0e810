#pragma once
#include "casebook/sync.hpp"

#include <string>

namespace casebook::gui {

// A line of the sync screen's "Other devices": "• Device 1a2b3c4d: last synced <when>", then
// "  ·  Casebook 0.9.0", the version that wrote the device's latest file, when it is known.
std::string peer_line(const PeerStatus& peer);

} // namespace casebook::gui
