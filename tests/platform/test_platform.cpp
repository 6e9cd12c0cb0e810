// Platform pieces that need SDL but no window: reading assets through SDL_RWops, and the PNG
// encoder used for screenshots.
#include "casebook/library.hpp"
#include "png.hpp"
#include "sdl_assets.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <stb_image.h>

using namespace casebook;

TEST_CASE("assets are read through SDL_RWops, byte for byte", "[platform][assets]") {
    std::string error;
    const auto path = test::assets_dir / "guidance" / "references.json";
    auto bytes = platform::load_asset_bytes(path.string(), error);
    REQUIRE(bytes);
    CHECK(*bytes == test::slurp(path));

    auto missing = platform::load_asset_bytes((test::assets_dir / "nope.json").string(), error);
    CHECK_FALSE(missing);
    CHECK_FALSE(error.empty());
}

TEST_CASE("the library loads the same through SDL as from the folder", "[platform][assets]") {
    Library through_sdl = Library::load(platform::SdlAssets(test::assets_dir));
    Library from_folder = Library::load(test::assets_dir);
    CHECK(through_sdl.problems().empty());
    REQUIRE(through_sdl.cases().size() == from_folder.cases().size());
    for (std::size_t i = 0; i < through_sdl.cases().size(); ++i)
        CHECK(through_sdl.cases()[i].id == from_folder.cases()[i].id);
}

TEST_CASE("a screenshot PNG is compressed and decodes to the same pixels", "[platform][png]") {
    // A screen-like image: flat colour with a few lines of "text".
    const int w = 320, h = 200;
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * h * 4, 240);
    for (int y = 20; y < 180; y += 12)
        for (int x = 10; x < 300; x += 3) {
            auto* p = &rgba[(static_cast<std::size_t>(y) * w + x) * 4];
            p[0] = 20, p[1] = 40, p[2] = 90;
        }
    auto png = platform::encode_png(rgba.data(), w, h);
    const std::vector<std::uint8_t> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    REQUIRE(png.size() > signature.size());
    CHECK(std::equal(signature.begin(), signature.end(), png.begin()));
    CHECK(png.size() < rgba.size() / 10);
    int dw = 0, dh = 0, channels = 0;
    stbi_uc* decoded =
        stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &dw, &dh, &channels, 4);
    REQUIRE(decoded);
    CHECK(dw == w);
    CHECK(dh == h);
    CHECK(std::equal(rgba.begin(), rgba.end(), decoded));
    stbi_image_free(decoded);
}
