// Review F6: multi-line fields scrolled sideways, hiding the start of what was typed. The
// wrapping editor is driven here on a null context as a person types, pastes and deletes, and
// after every step the stored text must hold exactly what was typed (no inserted breaks) while
// every line shown fits the field.
#include "gui_support.hpp"

#include <imgui_internal.h>

using namespace casebook;
using namespace gui_test;

namespace {

// One field in a column of a given width, as a screen would draw it.
struct Bench {
    NullImGui imgui{800, 1280};
    gui::Ui ui;
    std::string text;
    int changes = 0;
    float column;

    explicit Bench(float width = 300) : column(width) {
        ui.metrics = {18.0f, 1.0f};
        ui.fonts = imgui.fonts;
        draw();
    }
    void draw() {
        ImGui::NewFrame();
        ui.targets.clear();
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("bench", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::BeginChild("column", {column, 0});
        if (gui::text_editor(ui, "##field", text, 3)) ++changes;
        ImGui::EndChild();
        ImGui::End();
        ImGui::Render();
    }
    const gui::TextEditorState& state() { return ui.editors.begin()->second; }
    void tap_field(float fx = 0.5f, float fy = 0.5f) {
        auto it = std::find_if(ui.targets.begin(), ui.targets.end(),
                               [](auto& t) { return t.label == "##field"; });
        REQUIRE(it != ui.targets.end());
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = {it->min.x + (it->max.x - it->min.x) * fx,
                       it->min.y + (it->max.y - it->min.y) * fy};
        io.MouseDown[0] = true;
        draw();
        io.MouseDown[0] = false;
        draw();
    }
    void type(const std::string& utf8) {
        ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
        draw();
    }
    void key(ImGuiKey key, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[io.KeyMap[key]] = true;
        draw();
        io.KeysDown[io.KeyMap[key]] = false;
        io.KeyCtrl = false;
        draw();
    }
    // Every line shown fits the field (trailing spaces may run past the edge, unseen), and
    // taking the inserted breaks out gives back exactly the stored text.
    void check_layout() {
        const gui::TextEditorState& st = state();
        CHECK(st.text == text);
        CHECK(st.buffer == st.wrapped.display);
        std::string rebuilt;
        std::size_t from = 0;
        for (std::size_t at : st.wrapped.soft) {
            REQUIRE(st.wrapped.display[at] == '\n');
            rebuilt += st.wrapped.display.substr(from, at - from);
            from = at + 1;
        }
        rebuilt += st.wrapped.display.substr(from);
        CHECK(rebuilt == text);
        std::size_t start = 0;
        while (start <= st.wrapped.display.size()) {
            std::size_t end = st.wrapped.display.find('\n', start);
            if (end == std::string::npos) end = st.wrapped.display.size();
            std::string line = st.wrapped.display.substr(start, end - start);
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            INFO("line: " << line);
            CHECK(ImGui::CalcTextSize(line.c_str()).x <= st.width + 0.5f);
            start = end + 1;
        }
    }
};

const std::string paragraph =
    "Mum said the bruise came from a fall at nursery, but the nursery says there was no fall "
    "that week. I asked to speak with the safeguarding lead before she left the ward.";

} // namespace

TEST_CASE("editor: a long paragraph typed letter by letter wraps and is stored as typed",
          "[gui][editor]") {
    Bench b;
    b.tap_field();
    std::string typed;
    for (char c : paragraph) {
        b.type(std::string(1, c));
        typed += c;
        REQUIRE(b.text == typed);
    }
    b.check_layout();
    CHECK(b.state().wrapped.soft.size() >= 4); // it really wrapped
    CHECK(b.text.find('\n') == std::string::npos);
    // The caret follows the end of the text.
    CHECK(static_cast<std::size_t>(b.state().cursor) == b.state().wrapped.display.size());
}

TEST_CASE("editor: a word longer than the field breaks inside itself, between whole letters",
          "[gui][editor]") {
    Bench b(200);
    b.tap_field();
    const std::string word = "Ééééééééééééééééééééééééééééééééééééééé"; // two bytes a letter
    b.type("Name: " + word + " end");
    b.check_layout();
    CHECK(b.text == "Name: " + word + " end");
    for (std::size_t at : b.state().wrapped.soft) {
        // A break never lands between the two bytes of one letter.
        const unsigned char after = static_cast<unsigned char>(b.state().wrapped.display[at + 1]);
        CHECK((after & 0xC0) != 0x80);
    }
}

TEST_CASE("editor: accented text, pasted paragraphs and Enter keep the writer's own lines",
          "[gui][editor]") {
    Bench b;
    b.tap_field();
    b.type("Zoë Łukasiewicz-Ó'Brien, naïve café owner, said: ");
    const std::string pasted = paragraph + "\n\nSecond paragraph, pasted: " + paragraph;
    ImGui::SetClipboardText(pasted.c_str());
    b.key(ImGuiKey_V, true);
    CHECK(b.text == "Zoë Łukasiewicz-Ó'Brien, naïve café owner, said: " + pasted);
    b.key(ImGuiKey_Enter);
    b.type("Après.");
    const std::string expected =
        "Zoë Łukasiewicz-Ó'Brien, naïve café owner, said: " + pasted + "\nAprès.";
    CHECK(b.text == expected);
    b.check_layout();
    // Exactly the three line breaks the writer made.
    CHECK(std::count(b.text.begin(), b.text.end(), '\n') == 3);
}

TEST_CASE("editor: Backspace at the start of a wrapped line deletes the letter before it",
          "[gui][editor]") {
    Bench b;
    b.tap_field();
    b.type(paragraph);
    const auto soft = b.state().wrapped.soft;
    REQUIRE(!soft.empty());
    // Put the caret at the start of the second line (just after the first soft break): a click
    // at the left edge of that line.
    const ImGuiStyle& style = ImGui::GetStyle();
    auto it = std::find_if(b.ui.targets.begin(), b.ui.targets.end(),
                           [](auto& t) { return t.label == "##field"; });
    REQUIRE(it != b.ui.targets.end());
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = {it->min.x + style.FramePadding.x + 1,
                   it->min.y + style.FramePadding.y + ImGui::GetFontSize() * 1.5f};
    io.MouseDown[0] = true;
    b.draw();
    io.MouseDown[0] = false;
    b.draw();
    const std::size_t logical = gui::logical_offset(soft[0] + 1, soft);
    REQUIRE(static_cast<std::size_t>(b.state().cursor) == soft[0] + 1);
    const std::string before = b.text;
    b.key(ImGuiKey_Backspace);
    CHECK(b.text == before.substr(0, logical - 1) + before.substr(logical));
    b.check_layout();
}

TEST_CASE("editor: copying takes the text as written, without the wrap breaks", "[gui][editor]") {
    Bench b;
    b.tap_field();
    b.type(paragraph);
    b.key(ImGuiKey_A, true); // select all
    b.key(ImGuiKey_C, true);
    CHECK(std::string(ImGui::GetClipboardText()) == paragraph);
    b.key(ImGuiKey_X, true);
    CHECK(std::string(ImGui::GetClipboardText()) == paragraph);
    CHECK(b.text.empty());
}

TEST_CASE("editor: a narrower field wraps the same text again without changing it",
          "[gui][editor]") {
    Bench b(500);
    b.text = paragraph;
    b.draw();
    const auto wide_lines = b.state().wrapped.soft.size();
    b.column = 250;
    b.draw();
    b.draw();
    CHECK(b.state().wrapped.soft.size() > wide_lines);
    CHECK(b.text == paragraph);
    CHECK(b.changes == 0); // laying out is not an edit: nothing to save
    b.check_layout();
    // And typing into the middle of it still stores exactly the text.
    b.tap_field(0.3f, 0.1f);
    b.type("XYZ");
    CHECK(b.text.size() == paragraph.size() + 3);
    CHECK(b.text.find("XYZ") != std::string::npos);
    std::string without = b.text;
    without.erase(without.find("XYZ"), 3);
    CHECK(without == paragraph);
    b.check_layout();
}
