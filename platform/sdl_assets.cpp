#include "sdl_assets.hpp"

#include "casebook/base.hpp"

#include <SDL.h>
#include <utility>

namespace casebook::platform {

std::optional<std::string> load_asset_bytes(const std::string& path, std::string& error) {
    SDL_RWops* rw = SDL_RWFromFile(path.c_str(), "rb");
    if (!rw) {
        error = SDL_GetError();
        return std::nullopt;
    }
    const Sint64 size = SDL_RWsize(rw);
    std::string bytes;
    if (size > 0) {
        bytes.resize(static_cast<std::size_t>(size));
        const std::size_t got = SDL_RWread(rw, bytes.data(), 1, bytes.size());
        if (got != bytes.size()) {
            error = "could only read " + std::to_string(got) + " of " + std::to_string(size) +
                    " bytes: " + SDL_GetError();
            SDL_RWclose(rw);
            return std::nullopt;
        }
    } else if (size < 0) {
        // Some streams cannot tell their size: read to the end in blocks.
        char block[16384];
        for (std::size_t n; (n = SDL_RWread(rw, block, 1, sizeof block)) > 0;)
            bytes.append(block, n);
    }
    SDL_RWclose(rw);
    return bytes;
}

std::string SdlAssets::read(const std::string& path) const {
    std::string error;
    if (auto bytes = load_asset_bytes(where(path), error)) return std::move(*bytes);
    throw FileError(where(path), error, where(path) + ": " + error);
}

} // namespace casebook::platform
