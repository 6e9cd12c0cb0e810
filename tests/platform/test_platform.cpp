// Platform pieces that need SDL but no window: reading assets through SDL_RWops, and the PNG
// encoder used for screenshots.
#include "casebook/library.hpp"
#include "png.hpp"
#include "sdl_assets.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

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

TEST_CASE("a PNG has the signature, the size and a valid header checksum", "[platform][png]") {
    const std::vector<std::uint8_t> rgba{255, 0, 0,   255, 0, 255, 0, 255,
                                         0,   0, 255, 255, 9, 9,   9, 255};
    auto png = platform::encode_png(rgba.data(), 2, 2);
    REQUIRE(png.size() > 33);
    const std::vector<std::uint8_t> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    CHECK(std::equal(signature.begin(), signature.end(), png.begin()));
    auto be32 = [&](std::size_t at) {
        return static_cast<std::uint32_t>(png[at]) << 24 |
               static_cast<std::uint32_t>(png[at + 1]) << 16 |
               static_cast<std::uint32_t>(png[at + 2]) << 8 | png[at + 3];
    };
    CHECK(be32(8) == 13); // IHDR length
    CHECK(be32(16) == 2);
    CHECK(be32(20) == 2);
    // CRC-32 of "IHDR" + data, computed bitwise here independently of the encoder's table.
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 12; i < 12 + 4 + 13; ++i) {
        crc ^= png[i];
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    CHECK(be32(29) == ~crc);
}
