#pragma once
// Supervision sessions at one device: the list and the people a session can be started with,
// and one session with its discussion, actions, reflection, both signatures, addenda and
// exports. Both are the person's: the session holds them.
#include "casebook/journal.hpp"
#include "screens/context.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace casebook::gui {

// The sessions list and the people a session can be started with.
struct SupervisionsScreen {
    void refresh(Context& cx); // on arriving and after an action
    void draw(Context& cx);

    std::vector<Profile> others;
    std::vector<Supervision> sessions;
    std::map<std::string, std::string> names; // profile id -> name
    std::vector<CardText> texts;              // one per session
    CardList cards;
};

struct SupervisionScreen {
    void open(Context& cx, const std::string& session_id);
    // Saves the draft if it changed (the autosave calls it); a failure keeps the text.
    void save(Context& cx);
    void refresh(Context& cx); // the session and its people, on arriving and after an action
    void draw(Context& cx);

    std::string id;
    SupervisionDraft draft;
    bool dirty = false;
    std::string signer; // profile id signing now
    std::string pin;
    bool confirm = false;
    std::string addendum;
    std::string message;
    std::string saved;                     // where the PDF went
    bool pdf_warned = false;               // the identifier warning was shown; the next tap saves
    std::optional<Supervision> session;    // as last read
    std::map<std::string, Profile> people; // by id: the two who sign, and addenda authors

  private:
    void save_pdf(Context& cx, const Supervision& signed_session);
};

} // namespace casebook::gui
