#pragma once
#include <filesystem>

namespace casebook::platform {

// The per-user data folder of this OS: SDL_GetPrefPath's where SDL is built in, otherwise the
// same folder SDL would give on Linux ($XDG_DATA_HOME/casebook or ~/.local/share/casebook).
std::filesystem::path default_data_dir();

// Where the app keeps what it can rebuild (the font atlas): $XDG_CACHE_HOME/casebook, else
// ~/.cache/casebook, else a "cache" folder in `data_dir`.
std::filesystem::path default_cache_dir(const std::filesystem::path& data_dir);

// Where saved records and exports go by default: the user's Documents folder
// ($XDG_DOCUMENTS_DIR, else ~/Documents) if it exists, else an "exports" folder in `data_dir`.
std::filesystem::path default_documents_dir(const std::filesystem::path& data_dir);

// The bundled assets folder compiled in (the source tree's assets/ for a developer build).
std::filesystem::path built_in_assets_dir();

} // namespace casebook::platform
