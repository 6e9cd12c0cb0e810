#pragma once
// The disclosure checklist being answered (a real concern or practice after a case), the list
// of decision records and one final record. All three are the person's: the session holds them.
#include "casebook/checklist.hpp"
#include "casebook/store.hpp"
#include "screens/context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casebook::gui {

// The checklist being answered: a draft record from the first answer on.
struct ChecklistScreen {
    // "real" (the emergency question first) or "practice" after the case `case_for`.
    void start(Context& cx, const std::string& kind, const std::string& case_for = {});
    // Saves the answers if they changed (each tap, and the autosave for typed text).
    void save(Context& cx);
    void refresh(Context& cx); // when its record was made
    void draw(Context& cx);

    std::string record_id;
    std::string mode = "real";
    std::string case_id;
    Answers answers;
    std::size_t page = 0;   // one question per page on a narrow screen
    bool reviewing = false; // the end: outcome, record, and (practice) the comparison
    bool dirty = false;
    bool confirming_final = false; // "Finalise" was tapped: asked once more, it cannot be undone
    std::string message;
    std::string made; // when its record was created, as stored

  private:
    void step(Context& cx, const Step& step, bool paged);
    void summary(Context& cx, const Evaluation& e);
    void review(Context& cx, const Evaluation& e);
};

struct RecordsScreen {
    void refresh(Context& cx); // read, filtered and ordered on arriving and on a change
    void draw(Context& cx);

    std::vector<ChecklistRecord> records;
    std::vector<CardText> texts; // one per record
    CardList cards;
};

struct RecordScreen {
    // A final record opens here; a draft carries on in the checklist. False if there is no such
    // record for this person (or, with nobody signed in, none made in this sitting).
    bool open(Context& cx, const std::string& record_id);
    void refresh(Context& cx);
    void draw(Context& cx);

    std::string id; // the decision record being viewed
    std::optional<ChecklistRecord> record;
    std::string addendum;
    std::string message;
};

// Writes `text` into the export folder; returns what to tell the person.
std::string save_export(Context& cx, const std::string& file_name, const std::string& text);

} // namespace casebook::gui
