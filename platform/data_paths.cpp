#include "data_paths.hpp"

#include <cstdlib>

#ifdef CASEBOOK_HAS_SDL
#include <SDL.h>
#endif

namespace casebook::platform {

std::filesystem::path default_data_dir() {
#ifdef CASEBOOK_HAS_SDL
    // Needs no SDL_Init, so headless commands can use it without touching video.
    if (char* pref = SDL_GetPrefPath("", "casebook")) {
        std::filesystem::path dir(pref);
        SDL_free(pref);
        return dir;
    }
#endif
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "casebook";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "casebook";
    return {};
}

std::filesystem::path default_documents_dir(const std::filesystem::path& data_dir) {
    std::error_code ec;
    if (const char* xdg = std::getenv("XDG_DOCUMENTS_DIR");
        xdg && *xdg && std::filesystem::is_directory(xdg, ec))
        return xdg;
    if (const char* home = std::getenv("HOME"); home && *home) {
        const auto docs = std::filesystem::path(home) / "Documents";
        if (std::filesystem::is_directory(docs, ec)) return docs;
    }
    return data_dir / "exports";
}

std::filesystem::path built_in_assets_dir() {
    return CASEBOOK_ASSET_DIR;
}

} // namespace casebook::platform
