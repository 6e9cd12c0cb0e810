#pragma once
// Every bundled file the app reads (cases, guidance, fonts) comes through SDL_RWops, which reads
// plain files on a desktop and the packaged assets of an Android app alike.
#include "casebook/base.hpp"

#include <optional>
#include <string>

namespace casebook::platform {

// The whole file at `path` (absolute, or relative to the app package on Android), or nullopt
// with `error` set to SDL's reason.
std::optional<std::string> load_asset_bytes(const std::string& path, std::string& error);

// The assets folder read through load_asset_bytes(). Listing uses the folder on a desktop; an
// Android package cannot be listed through SDL, so a phone build would need an index file.
class SdlAssets : public FolderAssets {
  public:
    using FolderAssets::FolderAssets;
    std::string read(const std::string& path) const override; // throws FileError
};

} // namespace casebook::platform
