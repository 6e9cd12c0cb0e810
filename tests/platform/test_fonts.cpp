// The font atlas kept between starts (platform/fonts.hpp): read back, it must be the very atlas
// stb_truetype builds, and anything short of that file (damaged, cut short, from other fonts or
// sizes, unwritable) must mean a fresh build, never a wrong or missing glyph.
#include "fonts.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <imgui.h>

using namespace casebook;

namespace {

// Everything a frame reads from an atlas and its fonts, compared field by field.
void require_same_atlas(const ImFontAtlas& a, const ImFontAtlas& b) {
    REQUIRE(a.IsBuilt());
    REQUIRE(b.IsBuilt());
    REQUIRE(a.TexWidth == b.TexWidth);
    REQUIRE(a.TexHeight == b.TexHeight);
    REQUIRE(std::memcmp(a.TexPixelsAlpha8, b.TexPixelsAlpha8,
                        static_cast<std::size_t>(a.TexWidth) * a.TexHeight) == 0);
    CHECK(a.TexUvScale.x == b.TexUvScale.x);
    CHECK(a.TexUvScale.y == b.TexUvScale.y);
    CHECK(a.TexUvWhitePixel.x == b.TexUvWhitePixel.x);
    CHECK(a.TexUvWhitePixel.y == b.TexUvWhitePixel.y);
    CHECK(std::memcmp(a.TexUvLines, b.TexUvLines, sizeof a.TexUvLines) == 0);
    REQUIRE(a.Fonts.Size == b.Fonts.Size);
    for (int f = 0; f < a.Fonts.Size; ++f) {
        const ImFont& x = *a.Fonts[f];
        const ImFont& y = *b.Fonts[f];
        CHECK(x.FontSize == y.FontSize);
        CHECK(x.Ascent == y.Ascent);
        CHECK(x.Descent == y.Descent);
        CHECK(x.FallbackAdvanceX == y.FallbackAdvanceX);
        CHECK(x.FallbackChar == y.FallbackChar);
        CHECK(x.EllipsisChar == y.EllipsisChar);
        CHECK(x.MetricsTotalSurface == y.MetricsTotalSurface);
        REQUIRE(x.FallbackGlyph);
        REQUIRE(y.FallbackGlyph);
        CHECK(x.FallbackGlyph->Codepoint == y.FallbackGlyph->Codepoint);
        REQUIRE(x.Glyphs.Size == y.Glyphs.Size);
        CHECK(std::memcmp(x.Glyphs.Data, y.Glyphs.Data,
                          sizeof(ImFontGlyph) * static_cast<std::size_t>(x.Glyphs.Size)) == 0);
        REQUIRE(x.IndexAdvanceX.Size == y.IndexAdvanceX.Size);
        CHECK(std::memcmp(x.IndexAdvanceX.Data, y.IndexAdvanceX.Data,
                          sizeof(float) * static_cast<std::size_t>(x.IndexAdvanceX.Size)) == 0);
        REQUIRE(x.IndexLookup.Size == y.IndexLookup.Size);
        CHECK(std::memcmp(x.IndexLookup.Data, y.IndexLookup.Data,
                          sizeof(ImWchar) * static_cast<std::size_t>(x.IndexLookup.Size)) == 0);
    }
}

// The file's bytes, changed by `edit`, written back.
template <class Edit> void edit_file(const std::filesystem::path& path, Edit edit) {
    std::string bytes = test::slurp(path);
    edit(bytes);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

} // namespace

TEST_CASE("a font atlas read from the cache is the atlas stb_truetype builds",
          "[platform][fonts]") {
    test::TempDir dir;
    const auto cache = dir / "cache" / "font-atlas.bin";
    const auto specs = platform::app_font_specs(test::assets_dir, 21.0f);
    REQUIRE(specs.size() == 3);
    REQUIRE_FALSE(specs[0].path.empty()); // fonts-dejavu-core is a build dependency

    ImFontAtlas built;
    const auto built_fonts = platform::build_fonts(built, specs, cache);
    REQUIRE(built_fonts.size() == 3);
    REQUIRE(std::filesystem::exists(cache));
    CHECK(built.ConfigData.empty()); // the TTF bytes are released once built

    ImFontAtlas cached;
    const auto cached_fonts = platform::load_atlas(cached, specs, cache);
    REQUIRE(cached_fonts.size() == 3);
    CHECK(cached_fonts[0]->FontSize == Approx(21.0f));
    CHECK(cached_fonts[2]->FontSize == Approx(31.5f));
    require_same_atlas(built, cached);
    // A glyph of each kind the app shows: accented names, typographic quotes, the check mark.
    for (ImWchar c : {ImWchar('A'), ImWchar(0x0151), ImWchar(0x201C), ImWchar(0x2713)}) {
        REQUIRE(cached_fonts[0]->FindGlyphNoFallback(c));
        CHECK(cached_fonts[0]->FindGlyphNoFallback(c)->U0 ==
              built_fonts[0]->FindGlyphNoFallback(c)->U0);
    }

    // The same text laid out the same with either atlas.
    const char* text = "Zoë Ő’Brien “said” ✓ — 0808 800 5000";
    CHECK(cached_fonts[1]->CalcTextSizeA(cached_fonts[1]->FontSize, 1e9f, 0, text).x ==
          built_fonts[1]->CalcTextSizeA(built_fonts[1]->FontSize, 1e9f, 0, text).x);
}

TEST_CASE("a font atlas cache that is not exactly this atlas's is rebuilt, not read",
          "[platform][fonts]") {
    test::TempDir dir;
    const auto cache = dir / "font-atlas.bin";
    const auto specs = platform::app_font_specs(test::assets_dir, 18.0f);
    ImFontAtlas reference;
    platform::build_fonts(reference, specs, cache);
    const std::string good = test::slurp(cache);

    auto refused = [&] {
        ImFontAtlas atlas;
        const bool read = !platform::load_atlas(atlas, specs, cache).empty();
        // Refused, it leaves the atlas as it found it, and a build then gives the right atlas.
        if (!read) {
            CHECK(atlas.Fonts.empty());
            CHECK(atlas.CustomRects.empty());
        }
        ImFontAtlas rebuilt;
        platform::build_fonts(rebuilt, specs, cache);
        require_same_atlas(reference, rebuilt);
        return !read;
    };

    SECTION("a byte changed in the glyphs or pixels") {
        edit_file(cache, [](std::string& b) { b[b.size() / 2] ^= 0x40; });
        CHECK(refused());
        // The build wrote a good file again.
        CHECK(test::slurp(cache) == good);
    }
    SECTION("cut short") {
        edit_file(cache, [](std::string& b) { b.resize(b.size() - 100); });
        CHECK(refused());
    }
    SECTION("only a header") {
        edit_file(cache, [](std::string& b) { b.resize(16); }); // the magic and the checksum
        CHECK(refused());
    }
    SECTION("not a cache file at all") {
        edit_file(cache, [](std::string& b) { b.assign(b.size(), 'x'); });
        CHECK(refused());
    }
    SECTION("saved for another text size") {
        ImFontAtlas other;
        platform::build_fonts(other, platform::app_font_specs(test::assets_dir, 24.0f), cache);
        CHECK(refused());
    }
    SECTION("the font file changed since") {
        // A copy of the fonts in an assets folder of its own, then one of them touched.
        test::TempDir assets;
        std::filesystem::create_directories(assets / "fonts");
        for (const auto* name : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"})
            std::filesystem::copy_file("/usr/share/fonts/truetype/dejavu/" + std::string(name),
                                       assets / "fonts" / name);
        const auto own = platform::app_font_specs(assets.path(), 18.0f);
        REQUIRE(own[0].path.starts_with(assets.path().string()));
        ImFontAtlas first;
        platform::build_fonts(first, own, cache);
        std::filesystem::last_write_time(
            assets / "fonts" / "DejaVuSans.ttf",
            std::filesystem::last_write_time(assets / "fonts" / "DejaVuSans.ttf") +
                std::chrono::seconds(5));
        const auto touched = platform::app_font_specs(assets.path(), 18.0f);
        CHECK(platform::atlas_fingerprint(touched) != platform::atlas_fingerprint(own));
        ImFontAtlas atlas;
        CHECK(platform::load_atlas(atlas, touched, cache).empty());
    }
    SECTION("the very file is read") {
        CHECK_FALSE(refused());
    }
}

TEST_CASE("fonts are built when the cache cannot be written", "[platform][fonts]") {
    test::TempDir dir;
    // A file where the cache folder should be: nothing can be created under it.
    std::ofstream(dir / "blocked") << "not a folder";
    const auto cache = dir / "blocked" / "font-atlas.bin";
    ImFontAtlas atlas;
    const auto fonts =
        platform::build_fonts(atlas, platform::app_font_specs(test::assets_dir, 18.0f), cache);
    REQUIRE(fonts.size() == 3);
    CHECK(atlas.IsBuilt());
    CHECK(fonts[0]->FindGlyphNoFallback('A'));
    CHECK_FALSE(std::filesystem::exists(cache));
    // Nothing half-written is left beside it either.
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator()) == 1);
}
