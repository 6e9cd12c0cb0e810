#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace casebook {

// Where the user's data lives. One rule for GUI and CLI alike: --data-dir, then
// CASEBOOK_DATA_DIR, then the platform's per-user folder (SDL_GetPrefPath's, supplied by
// platform/). The folder is created if missing; throws std::runtime_error with the reason if it
// cannot be.
std::filesystem::path resolve_data_dir(const std::optional<std::string>& flag,
                                       const std::filesystem::path& platform_default);

// Where the bundled assets are: --assets-dir, then CASEBOOK_ASSETS_DIR, then the given default.
std::filesystem::path resolve_assets_dir(const std::optional<std::string>& flag,
                                         const std::filesystem::path& built_in);

} // namespace casebook
