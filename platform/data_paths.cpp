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

std::filesystem::path default_cache_dir(const std::filesystem::path& data_dir) {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "casebook";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".cache" / "casebook";
    return data_dir / "cache";
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

namespace {

std::filesystem::path executable_dir() {
#ifdef CASEBOOK_HAS_SDL
    if (char* base = SDL_GetBasePath()) {
        std::filesystem::path dir(base);
        SDL_free(base);
        return dir;
    }
#endif
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

bool holds_assets(const std::filesystem::path& dir) {
    std::error_code ec;
    return !dir.empty() && std::filesystem::is_directory(dir / "cases", ec);
}

} // namespace

std::filesystem::path built_in_assets_dir() {
    // Installed: <prefix>/bin/casebook beside <prefix>/share/casebook, wherever the prefix is.
    // In the build tree: the source tree's assets. Then the system's copy.
    const auto exe_dir = executable_dir();
    for (const auto& dir :
         {exe_dir / ".." / "share" / "casebook", exe_dir / "assets",
          std::filesystem::path(CASEBOOK_ASSET_DIR), std::filesystem::path("/usr/share/casebook")})
        if (holds_assets(dir)) return dir.lexically_normal();
    return CASEBOOK_ASSET_DIR;
}

} // namespace casebook::platform
