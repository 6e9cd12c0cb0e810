#include "router.hpp"

namespace casebook::gui {

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(sep, start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace

std::string open_link(GuiApp& app, const std::string& link) {
    if (link == "home") return app.open_home(), "";
    if (link == "library") return app.open_library(), "";
    if (link == "settings") return app.open_settings(), "";
    if (link == "lock") return app.lock(), "";
    if (link == "worried") return app.start_real_concern(), "";
    if (link == "records") return app.open_records(), "";
    if (link == "sync") return app.open_sync(), "";
    if (link == "revision") return app.open_revision(), "";
    if (link == "progress") return app.open_progress(), "";
    if (link.rfind("practice:", 0) == 0) {
        if (!app.open_case(link.substr(9)))
            return "casebook: --open: no case with id '" + link.substr(9) + "'\n";
        app.start_practice(link.substr(9));
        return "";
    }
    if (link == "notes" || link == "supervisions" || link.rfind("note:", 0) == 0 ||
        link.rfind("supervision:", 0) == 0) {
        if (!app.profile()) return "casebook: --open " + link + " needs --profile NAME\n";
        if (link == "notes") return app.open_notes(), "";
        if (link == "supervisions") return app.open_supervisions(), "";
        const auto colon = link.find(':');
        const std::string id = link.substr(colon + 1);
        const bool ok = link[0] == 'n' ? app.open_note_by_id(id) : app.open_supervision_by_id(id);
        if (!ok)
            return "casebook: --open: no " + link.substr(0, colon) + " " + id +
                   " for this profile\n";
        return "";
    }
    if (link.rfind("case:", 0) == 0) {
        auto parts = split(link.substr(5), ':');
        if (!app.open_case(parts[0]))
            return "casebook: --open: no case with id '" + parts[0] + "'\n";
        if (parts.size() > 1) {
            CaseRun* run = app.run();
            run->restart();
            auto keys = split(parts[1], ',');
            for (std::size_t i = 0; i < keys.size(); ++i) {
                if (!run->choose(i, keys[i]))
                    return "casebook: --open: cannot choose '" + keys[i] + "' at decision " +
                           std::to_string(i + 1) + "\n";
                run->next();
            }
        }
        return "";
    }
    return "casebook: --open: '" + link +
           "' is not home, library, settings, lock, notes, note:<id>, supervisions, "
           "supervision:<id> or case:<id>\n";
}

} // namespace casebook::gui
