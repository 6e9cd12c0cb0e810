#pragma once
// What a screen is given to draw and act: the drawing context, the data services, the person's
// session, and the app for navigation (its open_* calls). The hub makes one per frame; a
// screen keeps none of it.
#include "casebook/cases.hpp"
#include "casebook/journal.hpp"
#include "casebook/store.hpp"
#include "widgets.hpp"

#include <functional>
#include <string>

namespace casebook::gui {

class GuiApp;
struct ProfileSession;

struct Context {
    GuiApp& app;
    Ui& ui;
    const Library& library;
    Store& store;
    Journal& journal;
    ProfileSession& session;
    std::string profile; // the open profile's id; empty with nobody signed in

    // Runs an action; an exception becomes `message`, and what the screen shows is read again
    // once the frame is drawn (GuiApp::act).
    bool act(std::string& message, const std::function<void()>& fn);
    // The next frame starts the screen at its top (a new page of the same screen).
    void scroll_to_top();
};

} // namespace casebook::gui
