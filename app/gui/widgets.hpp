#pragma once
// Touch-sized widgets drawn from UiMetrics. Each tappable widget records its rectangle so tests
// can tap it as a finger would and measure it.
#include "casebook/base.hpp"
#include "shapes.hpp"
#include "text_editor.hpp"
#include "text_layout.hpp"
#include "theme.hpp"
#include "ui_metrics.hpp"

#include <functional>
#include <imgui.h>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace casebook::gui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
};

struct HitTarget {
    std::string label;
    ImVec2 min, max;
    float height() const { return max.y - min.y; }
    ImVec2 centre() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
};

// Per-frame drawing context shared by every screen.
struct Ui {
    UiMetrics metrics;
    Fonts fonts;
    ThemeName theme = ThemeName::light;
    std::vector<HitTarget> targets;             // filled during the frame
    float column_right = 0;                     // screen x where the reading column ends
    std::string scroll_anchor;                  // a heading to scroll to when it is next drawn
    std::optional<HitTarget> active_text;       // the text field being edited this frame
    std::map<ImGuiID, TextEditorState> editors; // the wrapping text fields, by ImGui id
    // Button labels that could only be drawn by breaking a word, this frame (a layout fault the
    // tests look for at every text size).
    std::vector<std::string> split_labels;
    // A row of buttons draws its labels at one size: the largest at which all fit.
    float label_scale = 1.0f;
    TextLayouts layouts;          // wrapped text kept between frames
    BoxCache boxes;               // rounded boxes kept between frames (shapes.hpp)
    bool software_raster = false; // the renderer draws on the CPU (shapes.hpp)

    const Palette& colours() const { return palette(theme); }
    void record(const std::string& label);
    // Width left in the reading column from the cursor.
    float avail() const;
    // Call after a text field: remembers it if active, and keeps it in view (an on-screen
    // keyboard shrinks the window; the field must stay above it). With `caret`, that line is
    // what stays in view (a tall field).
    void note_text_field(const std::optional<HitTarget>& caret = std::nullopt);
};

// A multi-line text field, the reading column wide, that wraps as you type and grows with its
// text (at least `min_lines` tall), keeping the caret in view. `text` never holds the breaks
// the wrapping adds. Returns true when the text changed.
bool text_editor(Ui& ui, const char* id, std::string& text, float min_lines = 4);

// A full-width (or given-width) button whose text wraps between words; `accent` draws it as the
// main action. A word wider than the button is drawn smaller rather than broken.
bool big_button(Ui& ui, const char* id, const std::string& text, float width = 0,
                bool accent = false);

// An option at a decision: "A" badge and wrapped text; colours by state once chosen.
enum class OptionLook { open, chosen, other };
bool option_button(Ui& ui, const char* id, const std::string& key, const std::string& text,
                   OptionLook look, const ImVec4& grade_colour);

// What a card in a long list says, worked out when the list is read rather than in every frame
// (a date to format, names to look up).
struct CardText {
    std::string id, title, body, meta;
};

// A tappable card with a title, wrapped body, a meta line and a badge at the top right.
bool card(Ui& ui, const char* id, const std::string& title, const std::string& body,
          const std::string& meta, const std::string& badge, const ImVec4& badge_colour);
// A long list of rows (cards, and any heading drawn with one) laid out only near the view. Each
// row's height is measured whenever it is drawn and kept; rows more than a quarter of a screen
// above or below the view are passed over as one gap of their kept heights, so the list scrolls
// the same and a row out of sight costs nothing. (The rows next to the view start within that
// and are drawn, so the keyboard can move to the next one and bring it in.) Heights are measured
// again when the number of rows or the width changes, or after `forget()`.
class CardList {
  public:
    // Calls `draw_row(i)` for each row near the view, in order. `draw_row` returns true when it
    // acted (a card was opened) and the rest of the list must not be drawn; so does this.
    template <class DrawRow> bool draw(Ui& ui, std::size_t rows, DrawRow&& draw_row);
    void forget() { heights_.clear(); }

  private:
    bool far_from_view(std::size_t row, float gap_above) const;
    void pass_over(float gap) const;

    std::vector<float> heights_; // each row's cursor advance; < 0 until drawn
    float width_ = -1.0f;
};

template <class DrawRow> bool CardList::draw(Ui& ui, std::size_t rows, DrawRow&& draw_row) {
    if (heights_.size() != rows || width_ != ui.avail()) {
        heights_.assign(rows, -1.0f);
        width_ = ui.avail();
    }
    float gap = 0; // kept heights of the rows passed over since the last one drawn
    for (std::size_t i = 0; i < rows; ++i) {
        if (far_from_view(i, gap)) {
            gap += heights_[i];
            continue;
        }
        pass_over(gap);
        gap = 0;
        const float top = ImGui::GetCursorPosY();
        if (draw_row(i)) return true;
        heights_[i] = ImGui::GetCursorPosY() - top;
    }
    pass_over(gap);
    return false;
}

// A tap-sized row that opens and closes the section below it; returns whether it is open.
bool disclosure(Ui& ui, const char* id, const std::string& label, const ImVec4& colour);

void heading(Ui& ui, const std::string& text);

// Wrapped text in which some runs are highlighted (search matches, flagged identifiers).
struct TextRun {
    std::string text;
    bool highlight = false;
};
void rich_text(Ui& ui, const std::vector<TextRun>& runs, const ImVec4& highlight_colour);
// Splits "a [b] c" into runs, highlighting what lies between the marks.
std::vector<TextRun> marked_runs(const std::string& text, const std::string& open,
                                 const std::string& close);

// A touch PIN pad: the digits typed so far as dots, 0-9, Delete and the action button.
// Typing digits and Enter on a keyboard work too. Returns true when the action is pressed.
// `whose` names the PIN asked for ("Jamie Patel's PIN"), so two people at one tablet know
// which of them should type.
bool pin_pad(Ui& ui, const char* id, std::string& pin, const char* action,
             const std::string& whose = "your PIN");
void paragraph(Ui& ui, const std::string& text);
void muted(Ui& ui, const std::string& text);
// Wrapped text in `colour` (a speaker's name, the app's title).
void coloured_text(Ui& ui, const std::string& text, const ImVec4& colour);
// "1 file", "3 files".
std::string counted(std::size_t n, const char* one, const char* many);
// A drop-down menu `width` wide showing the chosen one of `count` choices (`label(i)` names
// choice i); a tap opens ImGui's combo list of them. Closed, it is drawn as the app's buttons
// are (a kept box and kept text), where ImGui's combo builds its frame and arrow anew in every
// frame.
void choice_menu(Ui& ui, const char* id, int count, const std::function<std::string(int)>& label,
                 int& selected, float width);
// A bar across the column filled to `fraction` (0 to 1), with `label`, if any, just after the
// filled part. Drawn with the app's boxes (cut for a software renderer, cached for a GPU), where
// ImGui's ProgressBar fills its rounded frame with a fan of long triangles.
void progress_bar(Ui& ui, float fraction, float height, const std::string& label = {});
// A block of wrapped text on a tinted panel with a coloured bar on the left.
void panel(Ui& ui, const std::string& label, const std::string& text, const ImVec4& colour);

} // namespace casebook::gui
