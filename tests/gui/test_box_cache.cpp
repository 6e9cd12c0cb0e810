// Rounded boxes built once and copied into place in later frames (shapes.hpp, BoxCache) must
// draw the triangles ImGui's own AddRectFilled and AddRect draw there, on a GPU renderer, where
// a shift of a thousandth of a pixel changes nothing.
#include "gui_support.hpp"
#include "shapes.hpp"
#include "theme.hpp"
#include "widgets.hpp"

#include <cfloat>
#include <cmath>

using namespace gui_test;
using casebook::gui::BoxCache;

namespace {

void check_same(const Drawn& a, const Drawn& b) {
    REQUIRE(a.vertices.size() == b.vertices.size());
    CHECK(a.indices == b.indices);
    for (std::size_t i = 0; i < a.vertices.size(); ++i) {
        const ImDrawVert &x = a.vertices[i], &y = b.vertices[i];
        INFO("vertex " << i);
        CHECK(std::fabs(x.pos.x - y.pos.x) < 0.001f);
        CHECK(std::fabs(x.pos.y - y.pos.y) < 0.001f);
        CHECK(x.uv.x == y.uv.x);
        CHECK(x.uv.y == y.uv.y);
        CHECK(x.col == y.col);
    }
}

} // namespace

TEST_CASE("a cached box draws what ImGui's rounded fill and border draw, moved into place",
          "[shapes]") {
    NullImGui imgui(1440, 900);
    BoxCache boxes;
    ImGui::NewFrame();
    struct Box {
        ImVec2 min, max;
        ImU32 fill, border;
        float thickness;
    };
    const ImU32 white = IM_COL32(255, 255, 255, 255), grey = IM_COL32(180, 180, 180, 255);
    const std::vector<Box> shapes = {
        {{100, 100}, {790, 146}, white, grey, 1.0f},                 // a button
        {{100.5f, 300.25f}, {790.5f, 400.75f}, white, grey, 1.0f},   // off the pixel grid
        {{40, 500}, {700, 560}, IM_COL32(170, 30, 30, 20), 0, 1.0f}, // a panel's wash, no border
        {{60, 620}, {800, 700}, white, IM_COL32(22, 92, 170, 255), 3.0f}, // a chosen option
    };
    for (int round = 0; round < 2; ++round) // built, then copied from the cache
        for (const Box& b : shapes) {
            const Drawn by_imgui = drawn_by(ImGui::GetForegroundDrawList(), [&](ImDrawList* dl) {
                dl->AddRectFilled(b.min, b.max, b.fill, 7.2f);
                if (b.border) dl->AddRect(b.min, b.max, b.border, 7.2f, 0, b.thickness);
            });
            const Drawn cached = drawn_by(ImGui::GetForegroundDrawList(), [&](ImDrawList* dl) {
                boxes.draw(dl, b.min, b.max, b.fill, b.border, 7.2f, b.thickness);
            });
            check_same(by_imgui, cached);
        }
    // The same size and colours elsewhere is the same entry; another colour is another.
    CHECK(boxes.size() == shapes.size());
    ImGui::Render();
}

TEST_CASE("cached boxes are forgotten once no frame draws them", "[shapes]") {
    NullImGui imgui(800, 600);
    BoxCache boxes;
    ImGui::NewFrame();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    boxes.draw(dl, {0, 0}, {100, 40}, IM_COL32_WHITE, IM_COL32_BLACK, 7.2f);
    boxes.draw(dl, {0, 50}, {200, 90}, IM_COL32_WHITE, IM_COL32_BLACK, 7.2f);
    CHECK(boxes.size() == 2);
    for (int i = 0; i < 300; ++i) {
        boxes.draw(dl, {0, 0}, {100, 40}, IM_COL32_WHITE, IM_COL32_BLACK, 7.2f);
        boxes.end_frame();
    }
    CHECK(boxes.size() == 1);
    ImGui::Render();
}

TEST_CASE("a progress bar is filled to its fraction, on either renderer", "[shapes]") {
    NullImGui imgui(800, 600);
    const bool software = GENERATE(false, true);
    casebook::gui::Ui ui;
    ui.fonts = imgui.fonts;
    ui.software_raster = software;
    const ImU32 fill = casebook::gui::u32(ui.colours().best);
    // The x extent of what the bar draws in its fill colour: its anti-aliased fringe fades out
    // half a pixel beyond the fill.
    auto filled = [&](float fraction, float& left, float& right, float& frame_left,
                      float& frame_right) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize({800, 600});
        ImGui::Begin("bar", nullptr, ImGuiWindowFlags_NoDecoration);
        const Drawn d = drawn_by(ImGui::GetWindowDrawList(), [&](ImDrawList*) {
            casebook::gui::progress_bar(ui, fraction, 20, "3 of 12");
        });
        frame_left = ImGui::GetItemRectMin().x;
        frame_right = ImGui::GetItemRectMax().x;
        ImGui::End();
        ImGui::Render();
        left = FLT_MAX;
        right = -FLT_MAX;
        for (const ImDrawVert& v : d.vertices)
            if ((v.col | IM_COL32_A_MASK) == (fill | IM_COL32_A_MASK)) {
                left = std::min(left, v.pos.x);
                right = std::max(right, v.pos.x);
            }
    };
    float left = 0, right = 0, frame_left = 0, frame_right = 0;
    filled(0.25f, left, right, frame_left, frame_right);
    const float border = ImGui::GetStyle().FrameBorderSize;
    const float inner = frame_right - frame_left - 2 * border;
    CHECK(left == Approx(frame_left + border).margin(0.6f));
    CHECK(right == Approx(frame_left + border + inner * 0.25f).margin(0.6f));
    filled(1.0f, left, right, frame_left, frame_right);
    CHECK(right == Approx(frame_right - border).margin(0.6f));
    filled(7.0f, left, right, frame_left, frame_right); // more than full stays in the frame
    CHECK(right == Approx(frame_right - border).margin(0.6f));
    filled(0.0f, left, right, frame_left, frame_right);
    CHECK(left == FLT_MAX); // nothing filled
    filled(-1.0f, left, right, frame_left, frame_right);
    CHECK(left == FLT_MAX);
}

TEST_CASE("a new font atlas leaves no box or text drawn from the old one", "[shapes]") {
    // The reader changes the text size: the runner builds a new atlas, where the white pixel
    // the boxes are filled from, and every glyph, may sit elsewhere.
    Fixture f;
    frame(f.app);
    REQUIRE(f.app.text_layouts().size() > 0);
    const ImVec2 old_white = ImGui::GetIO().Fonts->TexUvWhitePixel;

    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    ImFontConfig config;
    config.SizePixels = 26.0f;
    ImFont* bigger = atlas.AddFontDefault(&config);
    atlas.AddFontDefault(&config); // more glyphs: the atlas grows, the white pixel moves
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
    const ImVec2 new_white = atlas.TexUvWhitePixel;
    REQUIRE((new_white.x != old_white.x || new_white.y != old_white.y));

    // The same metrics: boxes of the same sizes as before (as those sized in dp only are, at any
    // text size) would be found among the kept ones.
    f.app.set_ui({18.0f, 1.0f}, {bigger, bigger, bigger});
    CHECK(f.app.text_layouts().size() == 0);
    frame(f.app);
    const ImDrawData* data = ImGui::GetDrawData();
    int old_uv = 0;
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
            if (v.uv.x == old_white.x && v.uv.y == old_white.y) ++old_uv;
    CHECK(old_uv == 0);
}
