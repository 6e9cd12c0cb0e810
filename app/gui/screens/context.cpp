// The hub's side of a screen's Context: made once a frame (and once an event), acting through
// GuiApp.
#include "screens/context.hpp"

#include "gui_app.hpp"

namespace casebook::gui {

Context GuiApp::context() {
    const auto& p = profile();
    return {*this, ui_, library_, store_, journal_, p ? p->id : std::string(), narrow_, now_};
}

ProfileSession& Context::session() {
    return app.ss();
}

const Profile* Context::person() const {
    const auto& p = app.profile();
    return p ? &*p : nullptr;
}

const Checklist* Context::checklist() const {
    return app.checklist_;
}

SyncService& Context::sync() {
    return app.sync_;
}

const std::string& Context::contacts() const {
    return app.settings_.contacts;
}

const std::filesystem::path& Context::export_folder() const {
    return app.export_folder_;
}

bool Context::act(std::string& message, const std::function<void()>& fn) {
    return app.act(message, fn);
}

void Context::scroll_to_top() {
    app.scroll_to_top_ = true;
}

void Context::go(Screen screen) {
    app.go(screen);
}

void Context::edited() {
    app.edited();
}

void Context::new_session() {
    app.session_.emplace();
}

void Context::redraw() {
    app.redraw_ = true;
}

void Context::reread() {
    app.stale_ = true;
}

} // namespace casebook::gui
