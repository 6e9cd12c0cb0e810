#include "fonts.hpp"

#include "casebook/base.hpp"
#include "glyph_ranges.hpp"
#include "sdl_assets.hpp"

#include <cereal/archives/binary.hpp>
#include <cereal/types/vector.hpp>
#include <cstring>
#include <imgui_internal.h>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace casebook::platform {

namespace {

// Bumped whenever what is saved, or how, changes; part of the fingerprint and the file's start.
constexpr std::string_view file_magic{"CBATLAS2", 8};

struct CachedGlyph {
    std::uint32_t codepoint = 0;
    float advance_x = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0, u0 = 0, v0 = 0, u1 = 0, v1 = 0;
    template <class Archive> void serialize(Archive& ar) {
        ar(codepoint, advance_x, x0, y0, x1, y1, u0, v0, u1, v1);
    }
};

struct CachedFont {
    float ascent = 0, descent = 0;
    std::vector<CachedGlyph> glyphs;
    template <class Archive> void serialize(Archive& ar) { ar(ascent, descent, glyphs); }
};

struct CachedAtlas {
    std::int32_t width = 0, height = 0;
    std::vector<std::uint8_t> alpha;         // one byte a pixel, row by row
    std::vector<std::uint16_t> rect_corners; // x, y of each custom rectangle (cursors, lines)
    std::vector<CachedFont> fonts;           // one per font config, in order
    template <class Archive> void serialize(Archive& ar) {
        ar(width, height, alpha, rect_corners, fonts);
    }
};

template <class T> void append_bytes(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

std::uint64_t hash_bytes(std::string_view bytes) {
    return std::hash<std::string_view>{}(bytes);
}

// Where a font file is and what it is: by path, size and modification time for a file on disk
// (so a cached start reads no font at all), by its bytes for one inside a package.
std::optional<std::pair<std::string, std::uint64_t>>
find_font(const std::filesystem::path& assets_dir, const char* name) {
    for (const auto& dir :
         {assets_dir / "fonts", std::filesystem::path("/usr/share/fonts/truetype/dejavu")}) {
        const auto path = dir / name;
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec)) {
            const auto size = std::filesystem::file_size(path, ec);
            const auto mtime = std::filesystem::last_write_time(path, ec);
            if (ec) continue;
            std::string key = path.string();
            append_bytes(key, size);
            append_bytes(key, mtime.time_since_epoch().count());
            return std::pair{path.string(), hash_bytes(key)};
        }
        std::string error;
        if (auto bytes = load_asset_bytes(path.string(), error))
            return std::pair{path.string(), hash_bytes(*bytes)};
    }
    return std::nullopt;
}

} // namespace

std::uint64_t atlas_fingerprint(const std::vector<FontSpec>& specs) {
    // A fresh atlas's options, so a change of ImGui's defaults changes the fingerprint too.
    const ImFontAtlas defaults;
    const ImFontConfig config_defaults;
    std::string key(file_magic);
    append_bytes(key, IMGUI_VERSION_NUM);
    append_bytes(key, sizeof(ImFontGlyph));
    append_bytes(key, defaults.Flags);
    append_bytes(key, defaults.TexDesiredWidth);
    append_bytes(key, defaults.TexGlyphPadding);
    append_bytes(key, config_defaults.OversampleV);
    append_bytes(key, config_defaults.PixelSnapH);
    append_bytes(key, config_defaults.RasterizerMultiply);
    for (const ImWchar* r = glyph_ranges(); r[0]; ++r)
        append_bytes(key, r[0]);
    for (const FontSpec& spec : specs) {
        key += spec.path;
        key.push_back('\0');
        append_bytes(key, spec.identity);
        append_bytes(key, spec.size_px);
        append_bytes(key, spec.oversample_h);
    }
    return hash_bytes(key);
}

std::vector<FontSpec> app_font_specs(const std::filesystem::path& assets_dir, float font_px) {
    const auto regular = find_font(assets_dir, "DejaVuSans.ttf");
    const auto bold = find_font(assets_dir, "DejaVuSans-Bold.ttf");
    if (!regular)
        std::cerr << "casebook: DejaVuSans.ttf not found (install fonts-dejavu-core); accented "
                     "names will not show\n";
    auto spec = [](const auto& file, float size, int oversample) {
        return file ? FontSpec{file->first, file->second, size, oversample}
                    : FontSpec{"", 0, size, oversample};
    };
    // Horizontal oversampling sharpens glyphs placed between pixels. ImGui's default of 3 is
    // barely better than 2 for body text, and headings are large enough to need none.
    const auto& heading = bold ? bold : regular;
    return {spec(regular, font_px, 2), spec(heading, font_px * 1.15f, 1),
            spec(heading, font_px * 1.5f, 1)};
}

std::vector<ImFont*> load_atlas(ImFontAtlas& atlas, const std::vector<FontSpec>& specs,
                                const std::filesystem::path& cache_file) {
    if (!atlas.Fonts.empty() || specs.empty()) return {};
    auto payload = read_cache_file(cache_file, file_magic);
    if (!payload) return {};
    CachedAtlas cached;
    try {
        std::istringstream in(std::move(*payload));
        cereal::BinaryInputArchive archive(in);
        std::uint64_t fingerprint = 0;
        archive(fingerprint);
        if (fingerprint != atlas_fingerprint(specs)) return {};
        archive(cached);
    } catch (const std::exception&) {
        return {};
    }
    // The rectangles ImGui registers itself (mouse cursors, baked lines) must be those saved.
    ImFontAtlasBuildInit(&atlas);
    if (cached.width <= 0 || cached.height <= 0 ||
        cached.alpha.size() != static_cast<std::size_t>(cached.width) * cached.height ||
        cached.fonts.size() != specs.size() ||
        cached.rect_corners.size() != static_cast<std::size_t>(atlas.CustomRects.Size) * 2) {
        atlas.Clear();
        return {};
    }

    // As ImGui's stb_truetype builder ends: the texture, then each font's metrics and glyphs.
    for (int i = 0; i < atlas.CustomRects.Size; ++i) {
        atlas.CustomRects[i].X = cached.rect_corners[static_cast<std::size_t>(i) * 2];
        atlas.CustomRects[i].Y = cached.rect_corners[static_cast<std::size_t>(i) * 2 + 1];
    }
    atlas.TexWidth = cached.width;
    atlas.TexHeight = cached.height;
    atlas.TexUvScale =
        ImVec2(1.0f / static_cast<float>(cached.width), 1.0f / static_cast<float>(cached.height));
    atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(cached.alpha.size()));
    std::memcpy(atlas.TexPixelsAlpha8, cached.alpha.data(), cached.alpha.size());
    std::vector<ImFont*> fonts;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        atlas.Fonts.push_back(IM_NEW(ImFont));
        ImFont* added = atlas.Fonts.back();
        ImFontConfig config;
        config.SizePixels = specs[i].size_px;
        ImFontAtlasBuildSetupFont(&atlas, added, &config, cached.fonts[i].ascent,
                                  cached.fonts[i].descent);
        // No input data is kept (as after ClearInputData), so the font points at none.
        added->ConfigData = nullptr;
        added->ConfigDataCount = 0;
        added->Glyphs.reserve(static_cast<int>(cached.fonts[i].glyphs.size()));
        // No config: the saved glyphs already carry its snapping and spacing.
        for (const CachedGlyph& g : cached.fonts[i].glyphs)
            added->AddGlyph(nullptr, static_cast<ImWchar>(g.codepoint), g.x0, g.y0, g.x1, g.y1,
                            g.u0, g.v0, g.u1, g.v1, g.advance_x);
        fonts.push_back(added);
    }
    ImFontAtlasBuildFinish(&atlas);
    atlas.ClearInputData();
    return fonts;
}

void save_atlas(const ImFontAtlas& atlas, const std::vector<FontSpec>& specs,
                const std::filesystem::path& cache_file) {
    if (!atlas.IsBuilt() || !atlas.TexPixelsAlpha8 ||
        atlas.Fonts.Size != static_cast<int>(specs.size()))
        return;
    CachedAtlas cached;
    cached.width = atlas.TexWidth;
    cached.height = atlas.TexHeight;
    cached.alpha.assign(atlas.TexPixelsAlpha8,
                        atlas.TexPixelsAlpha8 + static_cast<std::size_t>(atlas.TexWidth) *
                                                    static_cast<std::size_t>(atlas.TexHeight));
    for (const ImFontAtlasCustomRect& r : atlas.CustomRects) {
        cached.rect_corners.push_back(r.X);
        cached.rect_corners.push_back(r.Y);
    }
    for (const ImFont* font : atlas.Fonts) {
        CachedFont& out = cached.fonts.emplace_back();
        out.ascent = font->Ascent;
        out.descent = font->Descent;
        // ImGui makes the tab from the space when it builds the lookup table.
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Codepoint != '\t')
                out.glyphs.push_back(
                    {g.Codepoint, g.AdvanceX, g.X0, g.Y0, g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1});
    }
    std::ostringstream payload;
    {
        cereal::BinaryOutputArchive archive(payload);
        archive(atlas_fingerprint(specs), cached);
    }
    // If it fails, the next start builds the atlas again.
    write_cache_file(cache_file, file_magic, payload.view());
}

std::vector<ImFont*> build_fonts(ImFontAtlas& atlas, const std::vector<FontSpec>& specs,
                                 const std::filesystem::path& cache_file) {
    atlas.Clear();
    if (auto fonts = load_atlas(atlas, specs, cache_file); !fonts.empty()) return fonts;
    std::vector<ImFont*> fonts;
    for (const FontSpec& spec : specs) {
        std::string error;
        const auto ttf = spec.path.empty() ? std::nullopt : load_asset_bytes(spec.path, error);
        ImFont* font = nullptr;
        if (ttf) {
            ImFontConfig config;
            config.OversampleH = spec.oversample_h;
            // The atlas takes ownership of memory from ImGui's allocator.
            void* data = IM_ALLOC(ttf->size());
            std::memcpy(data, ttf->data(), ttf->size());
            font = atlas.AddFontFromMemoryTTF(data, static_cast<int>(ttf->size()), spec.size_px,
                                              &config, glyph_ranges());
        }
        if (!font) {
            ImFontConfig config;
            config.SizePixels = spec.size_px;
            font = atlas.AddFontDefault(&config);
        }
        fonts.push_back(font);
    }
    atlas.Build();
    save_atlas(atlas, specs, cache_file);
    // The TTF bytes (2 MiB) are not needed once the glyphs are in the atlas.
    atlas.ClearInputData();
    return fonts;
}

gui::Fonts build_app_fonts(ImFontAtlas& atlas, const std::filesystem::path& assets_dir,
                           float font_px, const std::filesystem::path& cache_file) {
    const auto fonts = build_fonts(atlas, app_font_specs(assets_dir, font_px), cache_file);
    return {fonts[0], fonts[1], fonts[2]};
}

} // namespace casebook::platform
