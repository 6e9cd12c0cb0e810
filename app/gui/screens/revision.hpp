#pragma once
// Revision: Home's "7 to revise" block, the revision session (one item per screen) and the
// progress screen, with their state. The session holds it, so locking forgets it.
#include "casebook/revision.hpp"
#include "screens/context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casebook::gui {

struct RevisionScreen {
    RevisionScreen(Store& store, const Library& library) : revision(store, library) {}

    // Reading, on an event (never in a frame): a session over what is due now, Home's
    // summary, the progress figures.
    void start(const std::string& profile);
    void refresh_home(const std::string& profile);
    void refresh_progress(const std::string& profile);

    void home(Context& cx);          // Home's block
    void draw(Context& cx);          // the session
    void draw_progress(Context& cx); // the progress screen

    Revision revision;
    // Home's summary, refreshed when Home is arrived at (never computed every frame).
    std::size_t due = 0;
    std::int64_t next_due_ms = 0;
    // The session: the items due when it started, and where we are.
    std::vector<DueItem> queue;
    std::size_t index = 0;
    bool revealed = false; // a learning point's answer is showing
    bool guess = false;    // the next decision answer is marked as a guess
    std::optional<AnswerResult> answered;
    bool finished = false;
    int reviewed = 0, right = 0, lapses = 0;
    std::int64_t next_due_after = 0; // for the end summary, found when the session ends
    fsrs::Parameters parameters;     // the profile's, read when the session starts
    std::string message;
    // The progress screen's figures, computed when it is opened and after the target changes.
    std::optional<RevisionStats> stats;
    double target_retention = 0.9; // the profile's, read with the figures
    std::string retention_message; // why the last change of it was not saved
};

// The person's revision state, made on first use.
RevisionScreen& revision_of(Context& cx);

} // namespace casebook::gui
