// The case library: search, filters that fold away on a narrow screen, and a card per case.
#include "screens/library.hpp"

#include "case_hints.hpp"
#include "casebook/base.hpp"
#include "gui_app.hpp"
#include "session.hpp"

#include <algorithm>
#include <imgui_stdlib.h>

namespace casebook::gui {

namespace {

// The case's topics as the library's topic filter names them, so a card says what it teaches.
std::string topics_line(const Case& c) {
    std::string out;
    for (const auto& t : c.topics)
        out += (out.empty() ? "" : ", ") + topic_label(t);
    return out;
}

using Labeller = std::string (*)(const std::string&);

// A combo whose rows are tap-sized. With `any_label`, index 0 means "any" and i > 0 picks
// values[i - 1]; without, i picks values[i].
// A filter's menu: "any" (when there is one) and then each value, by its label.
void choice_combo(Ui& ui, const char* id, const char* any_label,
                  const std::vector<std::string>& values, Labeller label, int& selected,
                  float width) {
    const int offset = any_label ? 1 : 0;
    choice_menu(
        ui, id, static_cast<int>(values.size()) + offset,
        [&](int i) {
            return any_label && i == 0 ? std::string(any_label)
                                       : label(values[static_cast<std::size_t>(i - offset)]);
        },
        selected, width);
}

const std::vector<std::string> status_values{"new", "in-progress", "done"};
const std::vector<std::string> sort_values{"title", "shortest", "profession", "jurisdiction"};

std::string status_label(const std::string& status) {
    return status == "in-progress" ? "In progress" : status == "done" ? "Done" : "New";
}

std::string sort_label(const std::string& sort) {
    if (sort == "shortest") return "Shortest first";
    if (sort == "profession") return "By profession";
    if (sort == "jurisdiction") return "By jurisdiction";
    return "A to Z";
}

} // namespace

const LibraryScreen::Listing& LibraryScreen::listing(Context& cx) {
    const auto& statuses = cx.session().statuses;
    if (listing_ && listing_->filters == filters && listing_->statuses == statuses)
        return *listing_;
    auto pick = [](const std::vector<std::string>& values, int i) {
        return i > 0 ? values[static_cast<std::size_t>(i - 1)] : std::string();
    };
    CaseFilter filter{pick(professions_, filters.profession),
                      pick(topics_, filters.topic),
                      pick(settings_, filters.setting),
                      pick(jurisdictions_, filters.jurisdiction),
                      filters.search,
                      std::nullopt};
    if (filters.status > 0)
        filter.status =
            case_status_from_string(status_values[static_cast<std::size_t>(filters.status - 1)]);
    const auto sort = case_sort_from_string(sort_values[static_cast<std::size_t>(filters.sort)]);
    Listing l{filters, statuses,
              cx.library.filter(filter, statuses, sort.value_or(CaseSort::title))};

    for (const auto& c : cx.library.cases()) {
        const CaseStatus st = status_of(statuses, c.id);
        l.done += st == CaseStatus::done;
        l.started += st == CaseStatus::in_progress;
    }
    for (const Case* c : l.cases) {
        l.texts.push_back(
            {"case-" + c->id, c->title, c->summary, meta_line(*c) + "\n" + topics_line(*c)});
        l.status.push_back(status_of(statuses, c->id));
    }
    listing_ = std::move(l);
    return *listing_;
}

void LibraryScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    if (professions_.empty()) {
        professions_ = cx.library.professions();
        settings_ = cx.library.settings();
        jurisdictions_ = cx.library.jurisdictions();
        topics_ = cx.library.topics();
    }

    heading(ui, "Case library");
    ImGui::SetNextItemWidth(ui.avail());
    ImGui::InputTextWithHint("##search", "Search titles and summaries", &filters.search);
    ui.record("##search");
    ui.note_text_field();

    // On a narrow screen the filters fold away so the cases come first.
    const int active = (filters.profession > 0) + (filters.setting > 0) +
                       (filters.jurisdiction > 0) + (filters.topic > 0) + (filters.status > 0);
    const bool show_filters =
        !cx.narrow ||
        disclosure(ui, "filters",
                   active ? "Filters (" + std::to_string(active) + " on)" : "Filters and sorting",
                   p.accent);
    // Two filters a row on a narrow screen, three on a wide one.
    const int per_row = ui.avail() >= m.font_px * 36 ? 3 : 2;
    const float width =
        (ui.avail() - m.gap() * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
    if (show_filters) {
        int n = 0;
        auto place = [&] {
            if (n++ % per_row != 0) ImGui::SameLine();
        };
        place();
        choice_combo(ui, "##profession", "Any profession", professions_, profession_label,
                     filters.profession, width);
        place();
        choice_combo(ui, "##setting", "Any setting", settings_, setting_label, filters.setting,
                     width);
        place();
        choice_combo(ui, "##jurisdiction", "Anywhere in the UK", jurisdictions_, jurisdiction_label,
                     filters.jurisdiction, width);
        place();
        choice_combo(ui, "##topic", "Any topic", topics_, topic_label, filters.topic, width);
        place();
        choice_combo(ui, "##status", "New, started or done", status_values, status_label,
                     filters.status, width);
        place();
        choice_combo(ui, "##sort", nullptr, sort_values, sort_label, filters.sort, width);
    }

    const Listing& l = listing(cx);
    const auto& shown = l.cases;
    const std::size_t done = l.done, started = l.started;
    muted(ui, "Showing " + std::to_string(shown.size()) + " of " +
                  std::to_string(cx.library.cases().size()) + " cases  ·  " + std::to_string(done) +
                  " done  ·  " + std::to_string(started) + " in progress");
    cards_.draw(ui, shown.size(), [&](std::size_t i) {
        const CardText& t = l.texts[i];
        const CaseStatus status = l.status[i];
        const ImVec4& colour = status == CaseStatus::done          ? p.best
                               : status == CaseStatus::in_progress ? p.acceptable
                                                                   : p.muted;
        if (card(ui, t.id.c_str(), t.title, t.body, t.meta, status_label(to_string(status)),
                 colour)) {
            cx.app.open_case(shown[i]->id);
            return true;
        }
        return false;
    });
    if (shown.empty()) {
        muted(ui, "No case matches these filters.");
        if (big_button(ui, "clear-filters", "Clear the filters")) filters = {};
    }
}

} // namespace casebook::gui
