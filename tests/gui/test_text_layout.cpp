// Wrapped text laid out once and drawn from the kept layout (text_layout.hpp) must put the same
// glyphs in the same places as ImGui's own wrapping, for any text and any width.
#include "gui_support.hpp"
#include "text_layout.hpp"
#include "widgets.hpp"

#include <imgui_internal.h>
#include <random>

using namespace gui_test;
using casebook::gui::draw_text;
using casebook::gui::lay_out_text;
using casebook::gui::TextLayout;
using casebook::gui::TextLayouts;

namespace {

const char* dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

bool same(const Drawn& a, const Drawn& b) {
    if (a.vertices.size() != b.vertices.size() || a.indices != b.indices) return false;
    for (std::size_t i = 0; i < a.vertices.size(); ++i) {
        const ImDrawVert &x = a.vertices[i], &y = b.vertices[i];
        if (x.pos.x != y.pos.x || x.pos.y != y.pos.y || x.uv.x != y.uv.x || x.uv.y != y.uv.y ||
            x.col != y.col)
            return false;
    }
    return true;
}

// ImGui's wrapping and the kept layout, each drawing `text` at the same place.
void check_same_as_imgui(ImFont* font, float size, const std::string& text, float wrap) {
    const ImVec2 pos{20.25f, 30.5f};
    const ImU32 colour = IM_COL32(10, 20, 30, 255);
    const Drawn by_imgui = drawn_by(ImGui::GetWindowDrawList(), [&](ImDrawList* dl) {
        dl->AddText(font, size, pos, colour, text.data(), text.data() + text.size(), wrap);
    });
    const TextLayout layout = lay_out_text(font, size, text, wrap);
    const Drawn by_layout = drawn_by(ImGui::GetWindowDrawList(),
                                     [&](ImDrawList* dl) { draw_text(dl, pos, colour, layout); });
    INFO("text \"" << text << "\", wrapped at " << wrap << ", " << size << " px");
    CHECK(same(by_imgui, by_layout));
    const ImVec2 measured =
        font->CalcTextSizeA(size, FLT_MAX, wrap, text.data(), text.data() + text.size());
    CHECK(layout.size.x == measured.x);
    CHECK(layout.size.y == measured.y);
}

struct Window {
    Window() {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("text", nullptr, ImGuiWindowFlags_NoDecoration);
    }
    ~Window() {
        ImGui::End();
        ImGui::Render();
    }
};

} // namespace

TEST_CASE("wrapped text from a kept layout draws what ImGui's wrapping draws", "[text]") {
    NullImGui imgui(4000, 4000, 18.0f, dejavu);
    const std::vector<std::string> texts = {
        "",
        "One line.",
        "A sentence long enough to wrap at least once when the width is narrow enough for it.",
        "Two\nlines",
        "Ends with a newline\n",
        "\nStarts with one",
        "Blank\n\n\nlines between",
        "Spaces   between   words   and at the end   ",
        "   Leading spaces and a tab\there",
        "Windows\r\nline ends\r\n",
        "Averyveryverylongwordthatcannotfitonanylineatallwhateverthewidthis and then more",
        "Caf\u00e9, \u201cquoted\u201d \u2022 a bullet \u2013 a dash and \u20ac5",
        "x",
    };
    for (ImFont* font : {imgui.fonts.body, imgui.fonts.title})
        for (const float wrap : {0.0f, 1.0f, 40.0f, 97.5f, 180.0f, 333.0f, 5000.0f}) {
            Window window; // a fresh frame, so the draw list stays small
            for (const auto& text : texts)
                check_same_as_imgui(font, font->FontSize, text, wrap);
        }
}

TEST_CASE("text from a kept layout is clipped as ImGui clips it", "[text]") {
    // The kept glyphs are drawn without ImGui's RenderText: its clipping is done again, a
    // glyph outside the clip rectangle left out and a line above or below it skipped. (Wrapping,
    // RenderText draws the lines above the rectangle too, for the renderer to cut away; the
    // kept layout skips them. Lines broken at newlines it skips as well: those are compared.)
    NullImGui imgui(4000, 4000, 18.0f, dejavu);
    const std::string text = "A paragraph of several lines,\nbroken at newlines, so that a\nclip "
                             "rectangle can cut\nthrough it across and down.\n\nAnd a last line.";
    struct Clip {
        ImVec4 rect;
        float wrap;
    };
    const std::vector<Clip> clips = {
        {{0, 0, 4000, 4000}, 150},    // nothing clipped
        {{60, 0, 140, 4000}, 150},    // a column: glyphs cut on both sides, wrapped
        {{60, 0, 140, 4000}, 0},      // and at newlines
        {{0, 55.5f, 4000, 90}, 0},    // a band: lines above and below skipped
        {{0, 48.9f, 4000, 49.1f}, 0}, // a sliver inside one line
        {{100, 70, 100.5f, 71}, 0},   // a dot
        {{0, 0, 4000, 20}, 150},      // only the first line
        {{5000, 0, 6000, 4000}, 150}, // all of it to the right of the text
    };
    for (ImFont* font : {imgui.fonts.body, imgui.fonts.title})
        for (const Clip& clip : clips) {
            Window window;
            const ImVec4& r = clip.rect;
            ImGui::GetWindowDrawList()->PushClipRect({r.x, r.y}, {r.z, r.w}, false);
            INFO("clip " << r.x << ", " << r.y << " to " << r.z << ", " << r.w);
            check_same_as_imgui(font, font->FontSize, text, clip.wrap);
            ImGui::GetWindowDrawList()->PopClipRect();
        }
}

TEST_CASE("wrapped text from a kept layout matches ImGui for random texts and widths", "[text]") {
    NullImGui imgui(4000, 4000, 18.0f, dejavu);
    std::mt19937 random(20261201);
    const std::vector<std::string> pieces = {"a",      "word",   "longer", "Supercalifragilistic",
                                             " ",      " ",      " ",      "  ",
                                             "\n",     "\t",     ".",      ",",
                                             "\u00e9", "\u201c", "\u2022", "\r"};
    for (int round = 0; round < 300; ++round) {
        Window window; // a fresh frame, so the draw list stays small
        std::string text;
        const auto n = std::uniform_int_distribution<int>(0, 60)(random);
        for (int i = 0; i < n; ++i)
            text +=
                pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(random)];
        const float wrap = std::uniform_real_distribution<float>(0.0f, 400.0f)(random);
        ImFont* font = round % 2 ? imgui.fonts.title : imgui.fonts.body;
        check_same_as_imgui(font, font->FontSize, text, wrap);
    }
}

TEST_CASE("a long wrapped paragraph is laid out to its last word", "[text]") {
    // A supervision discussion can run to pages: longer than ImGui's 3 KB formatting buffer.
    NullImGui imgui(800, 4000, 18.0f, dejavu);
    casebook::gui::Ui ui;
    ui.fonts = imgui.fonts;
    std::string text;
    while (text.size() < 5000)
        text += "The discussion goes on about what was shared and why. ";
    Window window;
    ImGui::PushTextWrapPos(600.0f);
    casebook::gui::paragraph(ui, text);
    const float shown = ImGui::GetItemRectSize().y;
    ImGui::PopTextWrapPos();
    const float wrap = 600.0f - ImGui::GetStyle().WindowPadding.x;
    ImFont* font = ImGui::GetFont();
    const float whole = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text.c_str()).y;
    const float first_3k =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text.c_str(), text.c_str() + 3072).y;
    CHECK(shown == whole);
    CHECK(shown > first_3k);
}

TEST_CASE("kept layouts are found again and forgotten when unused", "[text]") {
    NullImGui imgui(800, 600, 18.0f, dejavu);
    ImFont* font = imgui.fonts.body;
    TextLayouts layouts;
    const std::string text = "Jamie Patel's note about the visit";
    const TextLayout* first = &layouts.get(font, 18.0f, text, 200.0f);
    CHECK(&layouts.get(font, 18.0f, text, 200.0f) == first);
    CHECK(layouts.size() == 1);
    layouts.get(font, 18.0f, text, 150.0f); // another width is another layout
    layouts.get(font, 18.0f, text + ".", 200.0f);
    CHECK(layouts.size() == 3);
    // Used in every frame: kept. Not used for a few seconds of frames: gone.
    for (int i = 0; i < 300; ++i) {
        layouts.get(font, 18.0f, text, 200.0f);
        layouts.end_frame();
    }
    CHECK(layouts.size() == 1);
    layouts.clear();
    CHECK(layouts.size() == 0);
}
