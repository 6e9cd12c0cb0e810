#pragma once
// The app's fonts, and the font atlas kept between starts. Rasterising the glyphs of three fonts
// was the largest single cost of the first frame; the finished atlas (pixels and glyph tables) is
// saved in the user's cache folder and read back at the next start when nothing it was built from
// has changed. Either way the atlas ends built with its input (the TTF bytes) released, a state
// ImGui supports (ImFontAtlas::ClearInputData), so no font file is even read on a cached start.
#include "widgets.hpp"

#include <cstdint>
#include <filesystem>
#include <imgui.h>
#include <string>
#include <vector>

namespace casebook::platform {

// One font of the atlas: its TTF file, and the size and oversampling it is rasterised at.
struct FontSpec {
    std::string path;           // empty: ImGui's built-in font (no DejaVu found)
    std::uint64_t identity = 0; // the file's path, size and modification time, hashed
    float size_px = 0;
    int oversample_h = 1;
};

// The body, heading and title fonts at `font_px`, from the bundled assets or Debian's
// fonts-dejavu-core.
std::vector<FontSpec> app_font_specs(const std::filesystem::path& assets_dir, float font_px);

// What an atlas is built from: each font's file and options, the glyph ranges, ImGui's version
// and this cache's format.
std::uint64_t atlas_fingerprint(const std::vector<FontSpec>& specs);

// Builds the fonts of `specs` into `atlas` (cleared first), from `cache_file` when that holds
// this very atlas, else rasterised with stb_truetype and then saved there. One ImFont per spec.
std::vector<ImFont*> build_fonts(ImFontAtlas& atlas, const std::vector<FontSpec>& specs,
                                 const std::filesystem::path& cache_file);

// Fills an empty `atlas` from `cache_file`: the fonts, built. Empty, leaving the atlas empty,
// when the file is missing, damaged, or of another fingerprint.
std::vector<ImFont*> load_atlas(ImFontAtlas& atlas, const std::vector<FontSpec>& specs,
                                const std::filesystem::path& cache_file);

// Saves an atlas built from `specs` to `cache_file` (write_cache_file: whole or not at all; a
// failure costs the next start a build).
void save_atlas(const ImFontAtlas& atlas, const std::vector<FontSpec>& specs,
                const std::filesystem::path& cache_file);

// The app's three fonts, as the runner sets them up.
gui::Fonts build_app_fonts(ImFontAtlas& atlas, const std::filesystem::path& assets_dir,
                           float font_px, const std::filesystem::path& cache_file);

} // namespace casebook::platform
