#include "text_input.hpp"

namespace casebook::platform {

TextInputController::Action TextInputController::update(const std::optional<FieldRect>& field) {
    if (!field) {
        if (!active_) return Action::none;
        active_ = false;
        return Action::stop;
    }
    if (!active_) {
        active_ = true;
        rect_ = *field;
        return Action::start;
    }
    if (*field == rect_) return Action::none;
    rect_ = *field; // the field scrolled or grew: tell the system where it is now
    return Action::move;
}

} // namespace casebook::platform
