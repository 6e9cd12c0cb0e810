// Platform pieces that need SDL but no window: reading assets through SDL_RWops, and the PNG
// encoder used for screenshots.
#include "casebook/cases.hpp"
#include "glyph_ranges.hpp"
#include "png.hpp"
#include "sdl_assets.hpp"
#include "support/temp_dir.hpp"
#include "wake.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <imgui.h>
#include <set>
#include <stb_image.h>
#include <thread>

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

namespace {

// Every code point above ASCII in `text`: written out as UTF-8, or as a \uXXXX escape (C++
// string literals and JSON).
void collect_code_points(const std::string& text, std::set<unsigned>& out) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\\' && i + 5 < text.size() && (text[i + 1] == 'u' || text[i + 1] == 'U') &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            const unsigned cp =
                static_cast<unsigned>(std::stoul(text.substr(i + 2, 4), nullptr, 16));
            if (cp >= 0x80) out.insert(cp);
            i += 6;
            continue;
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        const int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        unsigned cp = c & (0xFF >> (n + 1));
        for (int k = 1; k < n && i + k < text.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.insert(cp);
        i += static_cast<std::size_t>(n);
    }
}

} // namespace

// Review F8: the check and cross marks were outside the atlas's ranges and showed as "?".
TEST_CASE("every character the screens and the bundled text use is in the font",
          "[platform][fonts]") {
    const auto root = test::assets_dir.parent_path();
    std::set<unsigned> used;
    std::size_t files = 0;
    for (const auto& dir : {root / "app" / "gui", root / "assets"})
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".hpp" && ext != ".json") continue;
            collect_code_points(test::slurp(entry.path()), used);
            ++files;
        }
    REQUIRE(files > 10);
    REQUIRE(used.count(0x2713)); // the check mark the checklist's answers use

    // The font the app loads (fonts-dejavu-core) must hold each one too.
    ImGui::CreateContext();
    ImFont* font =
        ImGui::GetIO().Fonts->AddFontFromFileTTF("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                                 20.0f, nullptr, platform::glyph_ranges());
    REQUIRE(font);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    for (unsigned cp : used) {
        INFO("U+" << std::hex << cp);
        CHECK(platform::in_glyph_ranges(cp));
        CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(cp)));
    }
    ImGui::DestroyContext();
}

// Review F10: the sync screen sat at "Syncing..." until a touch. The worker's hook must put an
// event in SDL's queue, from another thread, so the sleeping loop wakes and draws the result.
TEST_CASE("the wake hook puts an event in the loop's queue from another thread",
          "[platform][wake]") {
    REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
    const Uint32 type = SDL_RegisterEvents(1);
    REQUIRE(type != static_cast<Uint32>(-1));
    const auto wake = platform::wake_hook(type);
    std::thread worker([&] { wake(); });
    worker.join();
    SDL_Event e{};
    REQUIRE(SDL_WaitEventTimeout(&e, 2000) == 1);
    CHECK(e.type == type);
    SDL_Quit();
}
