// Pixels from the real runner: casebook --screenshot under SDL's dummy video driver with the
// software renderer, checked for real content; and the idle loop drawing nothing.
#include "casebook/journal.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <rapidjson/document.h>
#include <set>
#include <stb_image.h>
#include <vector>

namespace {

const std::string exe = CASEBOOK_EXE;

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
    std::uint32_t at(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                               static_cast<std::size_t>(x)) *
                              4;
        return static_cast<std::uint32_t>(rgba[i]) << 16 |
               static_cast<std::uint32_t>(rgba[i + 1]) << 8 | rgba[i + 2];
    }
};

// Reads a PNG with Debian's stb_image, as RGBA.
Image read_png(const std::filesystem::path& path) {
    const std::string bytes = test::slurp(path);
    REQUIRE(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    Image img;
    int channels = 0;
    stbi_uc* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                            static_cast<int>(bytes.size()), &img.width, &img.height,
                                            &channels, 4);
    INFO(path << ": " << (pixels ? "" : stbi_failure_reason()));
    REQUIRE(pixels);
    img.rgba.assign(pixels, pixels + static_cast<std::size_t>(img.width) * img.height * 4);
    stbi_image_free(pixels);
    return img;
}

// Colour changes along rows: text makes many, an empty or flat screen almost none.
long edges(const Image& img) {
    long n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 1; x < img.width; ++x)
            if (img.at(x, y) != img.at(x - 1, y)) ++n;
    return n;
}

test::ProcessResult screenshot(const test::TempDir& data, const std::filesystem::path& out,
                               const std::string& args) {
    return test::run("SDL_VIDEODRIVER=dummy " + test::quote(exe) + " --data-dir " +
                     test::quote(data.path()) + " --screenshot " + test::quote(out) + " " + args);
}

std::string first_case_id(const test::TempDir& data) {
    auto r = test::run(test::quote(exe) + " --data-dir " + test::quote(data.path()) +
                       " cases list --json");
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    REQUIRE(d.IsArray());
    REQUIRE(d.Size() > 0);
    return d[0]["id"].GetString();
}

} // namespace

TEST_CASE("each main screen renders to a PNG with real content", "[pixels]") {
    test::TempDir data, out;
    const std::string id = first_case_id(data);
    const std::vector<std::pair<std::string, std::string>> screens{
        {"home", "--open home --size 1280x800"},
        {"library", "--open library --size 1440x900"},
        {"case", "--open case:" + id + " --size 800x1280"},
        {"feedback", "--open case:" + id + ":A --scroll-to 'Decision 1 of 2' --size 1280x800"},
    };
    for (const auto& [name, args] : screens) {
        INFO(name << ": " << args);
        const auto png = out / (name + ".png");
        auto r = screenshot(data, png, args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        Image img = read_png(png);
        std::set<std::uint32_t> colours;
        for (int y = 0; y < img.height; y += 2)
            for (int x = 0; x < img.width; x += 2)
                colours.insert(img.at(x, y));
        CHECK(colours.size() >= 8);
        CHECK(edges(img) > 5000);
    }
    // Sizes are what was asked for.
    CHECK(read_png(out / "library.png").width == 1440);
    CHECK(read_png(out / "case.png").height == 1280);
}

TEST_CASE("every main screen, in every theme, at tablet and desktop sizes", "[pixels][themes]") {
    // Kept in the build folder for people to look at: build/screenshots/.
    const std::filesystem::path out = std::filesystem::path(CASEBOOK_BINARY_DIR) / "screenshots";
    std::filesystem::create_directories(out);
    test::TempDir data;
    const std::string id = first_case_id(data);
    const std::vector<std::pair<std::string, std::string>> sizes{
        {"800x1280", "--form-factor tablet --dpi 320 --size 800x1280"},
        {"1280x800", "--form-factor tablet --dpi 213 --size 1280x800"},
        {"1440x900", "--size 1440x900"}};
    const std::vector<std::pair<std::string, std::string>> screens{
        {"home", "--open home"},
        {"library", "--open library"},
        {"case", "--open case:" + id},
        {"feedback", "--open case:" + id + ":A --scroll-to 'Decision 1 of 2'"},
        {"settings", "--open settings"}};
    for (const char* theme : {"light", "dark", "high-contrast"})
        for (const auto& [size_name, size_args] : sizes)
            for (const auto& [screen, screen_args] : screens) {
                const auto png = out / (screen + "-" + theme + "-" + size_name + ".png");
                INFO(png);
                auto r = screenshot(data, png, size_args + " --theme " + theme + " " + screen_args);
                INFO(r.err);
                REQUIRE(r.exit_code == 0);
                Image img = read_png(png);
                CHECK(edges(img) > 3000);
            }
}

TEST_CASE("the notes, the editor with an identifier flagged, and a signed supervision record",
          "[pixels][journal]") {
    const std::filesystem::path out = std::filesystem::path(CASEBOOK_BINARY_DIR) / "screenshots";
    std::filesystem::create_directories(out);
    test::TempDir data;
    std::string note_id, session_id;
    {
        casebook::Store store(data / casebook::Store::file_name);
        casebook::Journal journal(store);
        const auto sam =
            journal.add_profile({"Sam Okafor", casebook::Role::supervisor, "nurse", "england"});
        const auto tia =
            journal.add_profile({"Tia Williams", casebook::Role::trainee, "nurse", "england"});
        journal.add_note(tia.id, {"After the bruising case",
                                  "Ask earlier about who else lives at home.",
                                  {"reflection", "children"},
                                  "none",
                                  ""});
        note_id = journal
                      .add_note(tia.id, {"Handover worry",
                                         "Mum gave the NHS number 943 476 5919 and her mobile "
                                         "07700 900123 at the desk. Ring the health visitor.",
                                         {"handover"},
                                         "none",
                                         ""})
                      .id;
        auto s = journal.start_supervision(sam.id, tia.id);
        journal.save_supervision(sam.id, s.id,
                                 {"",
                                  "",
                                  "We went through the infant bruising case and what to "
                                  "say to parents when you refer.",
                                  {{"Complete level 3 safeguarding training", "2026-12-15"}},
                                  "I will explain my duty earlier in the conversation."});
        journal.sign_supervision(sam.id, s.id, {"", true});
        journal.sign_supervision(tia.id, s.id, {"", true});
        journal.add_supervision_addendum(sam.id, s.id, "Training booked for 10 December.");
        session_id = s.id;
    }
    const std::vector<std::pair<std::string, std::string>> shots{
        {"notes-list", "--open notes"},
        {"note-identifier", "--open note:" + note_id},
        {"supervision-signed", "--open supervision:" + session_id},
        {"lock", "--open lock"}};
    for (const auto& [name, args] : shots)
        for (const auto& [size_name, size_args] : std::vector<std::pair<std::string, std::string>>{
                 {"800x1280", "--form-factor tablet --dpi 240 --size 800x1280"},
                 {"1440x900", "--size 1440x900"}}) {
            const auto png = out / (name + "-" + size_name + ".png");
            INFO(png);
            auto r = screenshot(data, png, "--profile 'Tia Williams' " + size_args + " " + args);
            INFO(r.err);
            REQUIRE(r.exit_code == 0);
            CHECK(edges(read_png(png)) > 3000);
        }
}

TEST_CASE("the checklist: a real concern on a tablet, the desktop view, and practice",
          "[pixels][checklist]") {
    const std::filesystem::path out = std::filesystem::path(CASEBOOK_BINARY_DIR) / "screenshots";
    std::filesystem::create_directories(out);
    test::TempDir data;
    const std::vector<std::pair<std::string, std::string>> shots{
        {"checklist-real-800x1280",
         "--open worried --form-factor tablet --dpi 240 --size 800x1280"},
        {"checklist-real-1440x900", "--open worried --size 1440x900"},
        {"checklist-practice-1440x900",
         "--open practice:wales-health-board-nurse-child-risk --size 1440x900"},
        {"records-1280x800", "--open records --size 1280x800"}};
    for (const auto& [name, args] : shots) {
        const auto png = out / (name + ".png");
        INFO(png);
        auto r = screenshot(data, png, args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(edges(read_png(png)) > 3000);
    }
}

TEST_CASE("a screenshot that cannot be made exits non-zero with a message", "[pixels]") {
    test::TempDir data, out;
    auto missing = screenshot(data, out / "x.png", "--open case:no-such-case");
    CHECK(missing.exit_code != 0);
    CHECK(missing.err.find("no case with id 'no-such-case'") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out / "x.png"));

    auto unwritable = screenshot(data, out / "no-such-folder" / "x.png", "--open home");
    CHECK(unwritable.exit_code != 0);
    CHECK(unwritable.err.find("no-such-folder") != std::string::npos);

    auto bad_size = screenshot(data, out / "y.png", "--size huge");
    CHECK(bad_size.exit_code == 2);
    CHECK(bad_size.err.find("--size") != std::string::npos);
}

TEST_CASE("an idle app draws no frames", "[pixels][idle]") {
    test::TempDir data;
    auto r = test::run("SDL_VIDEODRIVER=dummy " + test::quote(exe) + " --data-dir " +
                       test::quote(data.path()) + " --measure-idle 2");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    REQUIRE(d.IsObject());
    CHECK(d["frames_total"].GetInt() >= 1);
    CHECK(d["frames_while_idle"].GetInt() == 0);
}

// Review F7: at Large and Largest on the tablet the bottom bar's buttons were cut off at the
// screen's edge and the labels broke inside words. Drawn by the real runner at the largest text
// size, the bottom rows must be clear background below whole buttons, on every main screen.
TEST_CASE("the tablet at the largest text size: the bottom bar is whole", "[pixels][tablet]") {
    const std::filesystem::path out = std::filesystem::path(CASEBOOK_BINARY_DIR) / "screenshots";
    std::filesystem::create_directories(out);
    test::TempDir data;
    const std::string id = first_case_id(data);
    for (const char* theme : {"light", "high-contrast"})
        for (const std::string& screen :
             std::vector<std::string>{"home", "library", "settings", "worried", "case:" + id}) {
            std::string name = screen.substr(0, screen.find(':'));
            const auto png = out / ("largest-" + name + "-" + theme + "-800x1280.png");
            INFO(png);
            auto r = screenshot(data, png,
                                "--form-factor tablet --dpi 320 --size 800x1280 --text-size 3 "
                                "--theme " +
                                    std::string(theme) + " --open " + screen);
            INFO(r.err);
            REQUIRE(r.exit_code == 0);
            Image img = read_png(png);
            CHECK(edges(img) > 3000);
            const std::uint32_t background = img.at(img.width / 2, img.height - 1);
            // The last few rows: nothing but background (no button runs off the screen).
            for (int y = img.height - 6; y < img.height; ++y)
                for (int x = 0; x < img.width; ++x)
                    if (img.at(x, y) != background) {
                        FAIL_CHECK("row " << y << " x " << x << " is not background");
                        y = img.height;
                        break;
                    }
            // Just above: the four buttons, each a run of non-background pixels with gaps.
            int runs = 0;
            bool inside = false;
            const int row = img.height - 30;
            for (int x = 0; x < img.width; ++x) {
                const bool ink = img.at(x, row) != background;
                if (ink && !inside) ++runs;
                inside = ink;
            }
            CHECK(runs >= 4);
        }
}

// Review F9: the app never built the case search index, so notes search found no case until
// the command line had run. The app alone, started once on a fresh folder, must build it.
TEST_CASE("the app builds the case search index when it starts", "[pixels][search]") {
    test::TempDir data, out;
    auto r = screenshot(data, out / "home.png", "--open home --size 1280x800");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    casebook::Store store(data / casebook::Store::file_name);
    casebook::Journal journal(store);
    const auto hits = journal.search("", "methadone");
    bool found_case = false;
    for (const auto& h : hits)
        found_case |= h.kind == casebook::SearchKind::case_text;
    CHECK(found_case);
}

// The caches a start leaves (the font atlas, the checked library) through the real runner: a
// start that reads them draws exactly what the start that wrote them drew; a text-size change
// and back rebuilds the atlas each time; damaged caches are rebuilt, never drawn from.
TEST_CASE("a start from the caches draws what a start without them drew", "[pixels][cache]") {
    test::TempDir data, cache, out;
    auto shot = [&](const std::string& name, const std::string& args) {
        const auto png = out / (name + ".png");
        const auto r =
            test::run("XDG_CACHE_HOME=" + test::quote(cache.path()) + " SDL_VIDEODRIVER=dummy " +
                      test::quote(CASEBOOK_EXE) + " --data-dir " + test::quote(data.path()) +
                      " --screenshot " + test::quote(png) + " --size 1440x900 " + args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return test::slurp(png);
    };
    // The library: the cases' titles, summaries and badges, the filters, text at three sizes
    // (a screen whose look does not change as the app is used, as a case's does once chosen).
    const std::string args = "--open library";
    const std::string built = shot("built", args);
    const auto atlas = cache / "casebook" / "font-atlas.bin";
    const auto library = cache / "casebook" / "library.bin";
    REQUIRE(std::filesystem::exists(atlas));
    REQUIRE(std::filesystem::exists(library));
    CHECK(shot("cached", args) == built);
    // Larger text: another atlas, another picture; and back, the first picture again.
    CHECK(shot("larger", args + " --text-size 3") != built);
    CHECK(shot("back", args + " --text-size 1") == built);
    CHECK(shot("cached-again", args) == built);
    // Damaged caches: drawn as if there were none, and written good again.
    for (const auto& file : {atlas, library}) {
        std::string bytes = test::slurp(file);
        bytes[bytes.size() / 2] ^= 0x10;
        test::spit(file, bytes);
    }
    CHECK(shot("after-damage", args) == built);
    CHECK(shot("cached-after-damage", args) == built);
}
