// The hub's side of a screen's Context: made once a frame, acting through GuiApp.
#include "screens/context.hpp"

#include "gui_app.hpp"

namespace casebook::gui {

Context GuiApp::context() {
    return {*this, ui_, library_, store_, journal_, ss(), revision_profile()};
}

bool Context::act(std::string& message, const std::function<void()>& fn) {
    return app.act(message, fn);
}

void Context::scroll_to_top() {
    app.scroll_to_top_ = true;
}

} // namespace casebook::gui
