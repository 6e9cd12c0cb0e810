#include "gui_app.hpp"

#include "case_hints.hpp"
#include "casebook/base.hpp"
#include "casebook/version.hpp"

#include <algorithm>
#include <imgui_internal.h> // SetNextWindowScroll
#include <imgui_stdlib.h>

namespace casebook::gui {

namespace {

const ImVec4& grade_colour(const Palette& p, Grade g) {
    switch (g) {
    case Grade::best:
        return p.best;
    case Grade::acceptable:
        return p.acceptable;
    case Grade::unsafe:
        return p.unsafe;
    }
    return p.unsafe;
}

std::string grade_label(Grade g) {
    switch (g) {
    case Grade::best:
        return "Best";
    case Grade::acceptable:
        return "Acceptable";
    case Grade::unsafe:
        return "Unsafe";
    }
    return "";
}

std::string meta_line(const Case& c) {
    return profession_label(c.profession) + "  ·  " + setting_label(c.setting) + "  ·  " +
           jurisdiction_label(c.jurisdiction) + "  ·  " + std::to_string(c.minutes) + " min";
}

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
void choice_combo(Ui& ui, const char* id, const char* any_label,
                  const std::vector<std::string>& values, Labeller label, int& selected,
                  float width) {
    const int offset = any_label ? 1 : 0;
    const int count = static_cast<int>(values.size()) + offset;
    selected = std::clamp(selected, 0, std::max(0, count - 1));
    auto text_of = [&](int i) {
        return any_label && i == 0 ? std::string(any_label) : label(values[i - offset]);
    };
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, count ? text_of(selected).c_str() : "",
                          ImGuiComboFlags_HeightLarge)) {
        for (int i = 0; i < count; ++i)
            if (ImGui::Selectable(text_of(i).c_str(), selected == i, 0, {0, ui.metrics.tap()}))
                selected = i;
        ImGui::EndCombo();
    }
    ui.record(id);
}

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

// Typing saves after this pause, and never later than the second limit.
constexpr double save_after_pause = 0.4;
constexpr double save_at_most_after = 0.9;

GuiApp::GuiApp(const Library& library, Store& store)
    : library_(library), store_(store), journal_(store) {
    // A device with profiles opens at the lock screen: nobody's notes are on show.
    if (!journal_.profiles().empty()) screen_ = Screen::lock;
    try {
        lock_after_minutes_ =
            std::clamp(std::stoi(store_.setting("lock_after_minutes", "5")), 1, 240);
    } catch (...) {
        lock_after_minutes_ = 5;
    }
    display_.theme = theme_from_string(store_.setting("theme", "light"));
    try {
        display_.text_size =
            std::clamp(std::stoi(store_.setting("text_size", "1")), 0, text_size_count - 1);
    } catch (...) {
        display_.text_size = 1;
    }
    ui_.theme = display_.theme;
    contacts_ = store_.setting("contacts", default_contacts);
    refresh(); // what the first screen shows
}

const GuiApp::ScreenInfo& GuiApp::info(Screen screen) {
    using S = Screen;
    // Notes, sessions and sync belong to the Notes and Settings tabs; the player to the Library.
    static const ScreenInfo table[] = {
        // screen, draw, the tab lit, wide column, needs a profile, shown while locked
        {S::home, &GuiApp::home, S::home},
        {S::library, &GuiApp::library, S::library},
        {S::player, &GuiApp::player, S::library},
        {S::settings, &GuiApp::settings, S::settings},
        {S::lock, &GuiApp::lock_screen, std::nullopt, false, false, true},
        {S::new_profile, &GuiApp::new_profile_screen, std::nullopt, false, false, true},
        {S::notes, &GuiApp::notes_screen, S::notes, false, true},
        {S::note, &GuiApp::note_screen, S::notes, false, true},
        {S::supervisions, &GuiApp::supervisions_screen, S::notes, false, true},
        {S::supervision, &GuiApp::supervision_screen, S::notes, false, true},
        {S::checklist, &GuiApp::checklist_screen, std::nullopt, true},
        {S::records, &GuiApp::records_screen, std::nullopt},
        {S::record, &GuiApp::record_screen, std::nullopt},
        {S::sync, &GuiApp::sync_screen, S::settings},
        {S::revision, &GuiApp::revision_screen, std::nullopt},
        {S::progress, &GuiApp::progress_screen, std::nullopt},
    };
    for (const auto& row : table)
        if (row.screen == screen) return row;
    return table[0];
}

const std::optional<Profile>& GuiApp::profile() const {
    static const std::optional<Profile> nobody;
    return session_ ? session_->profile : nobody;
}

ProfileSession& GuiApp::ss() {
    if (!session_) session_.emplace();
    return *session_;
}

bool GuiApp::act(std::string& message, const std::function<void()>& fn) {
    bool ok = true;
    try {
        fn();
        message.clear();
    } catch (const std::exception& e) {
        message = e.what();
        ok = false;
    }
    stale_ = true; // what the screen shows is read again once this frame is drawn
    redraw_ = true;
    return ok;
}

void GuiApp::refresh() {
    stale_ = false;
    // Whatever goes wrong reading is shown by the screen that needs it; a frame never throws.
    try {
        switch (screen_) {
        case Screen::lock:
            lock_.profiles = journal_.profiles();
            return;
        case Screen::home:
        case Screen::library:
        case Screen::player:
            ss().statuses = Progress(store_).statuses(revision_profile());
            if (screen_ == Screen::home) {
                // Home shows only the open profile's sync conflicts: with nobody signed in
                // there are none, and sync's own connection need not be opened to say so.
                if (profile())
                    refresh_sync_view();
                else
                    ss().sync.view = {};
                revision().refresh_home(revision_profile());
            }
            return;
        case Screen::notes:
            refresh_notes();
            return;
        case Screen::note:
            if (profile() && !ss().note.id.empty())
                ss().note.versions = journal_.note_versions(profile()->id, ss().note.id);
            refresh_note_findings();
            return;
        case Screen::supervisions:
        case Screen::supervision:
            refresh_supervision();
            return;
        case Screen::checklist:
            ss().checklist.made.clear();
            if (!ss().checklist.record_id.empty())
                if (auto r = DecisionRecords(store_).record(revision_profile(),
                                                            ss().checklist.record_id))
                    ss().checklist.made = r->created_at;
            return;
        case Screen::records: {
            auto& records = ss().records;
            records = DecisionRecords(store_).records(revision_profile());
            // With nobody signed in, only what was made in this sitting is listed.
            if (!profile())
                std::erase_if(records,
                              [&](const auto& r) { return !ss().unowned_records.count(r.id); });
            // Real concerns first; practice records apart under their own heading.
            std::stable_partition(records.begin(), records.end(),
                                  [](const auto& r) { return r.mode != "practice"; });
        }
            return;
        case Screen::record:
            ss().record.record =
                DecisionRecords(store_).record(revision_profile(), ss().record.open);
            return;
        case Screen::sync:
            refresh_sync_view();
            return;
        case Screen::progress:
            revision().refresh_progress(revision_profile());
            return;
        default:
            return;
        }
    } catch (const std::exception& e) {
        if (screen_ == Screen::lock) lock_.message = e.what();
    }
}

void GuiApp::set_ui(const UiMetrics& metrics, const Fonts& fonts) {
    ui_.metrics = metrics;
    ui_.fonts = fonts;
    ui_.theme = display_.theme;
}

void GuiApp::set_display(const DisplaySettings& settings) {
    if (settings == display_) return;
    display_ = settings;
    ui_.theme = settings.theme;
    store_.set_setting("theme", to_string(settings.theme));
    store_.set_setting("text_size", std::to_string(settings.text_size));
    display_changed_ = true;
}

bool GuiApp::take_display_change() {
    const bool changed = display_changed_;
    display_changed_ = false;
    return changed;
}

void GuiApp::tick(double now) {
    now_ = now;
    if (pending_since_ &&
        (now - last_edit_ >= save_after_pause || now - *pending_since_ >= save_at_most_after)) {
        save_pending();
        redraw_ = true; // "Saving..." becomes "Saved."
        if (stale_) refresh();
    }
    if (auto at = next_lock_at(); at && now >= *at) lock();
}

bool GuiApp::take_redraw() {
    const bool r = redraw_;
    redraw_ = false;
    return r;
}

void GuiApp::edited() {
    if (!pending_since_) pending_since_ = now_;
    last_edit_ = now_;
}

std::optional<double> GuiApp::next_save_at() const {
    if (!pending_since_) return std::nullopt;
    return std::min(last_edit_ + save_after_pause, *pending_since_ + save_at_most_after);
}

void GuiApp::save_pending() {
    if (!pending_since_) return;
    save_contacts_now();
    pending_since_.reset();
    if (session_) {
        save_reflection_now();
        save_note_now();
        save_supervision_now();
        save_checklist_now();
        stale_ = true; // a save can change what the screen lists (versions, records)
        // A save that failed keeps its text on screen and is tried again at the next edit.
        if (ss().reflection_dirty || ss().note.dirty || ss().supervision.dirty ||
            ss().checklist.dirty)
            pending_since_ = now_;
    }
    if (contacts_dirty_) pending_since_ = now_;
}

void GuiApp::save_contacts_now() {
    if (!contacts_dirty_) return;
    try {
        store_.set_setting("contacts", contacts_);
        contacts_dirty_ = false;
    } catch (const std::exception&) {
        // Kept on screen and tried again at the next edit, as typed text is elsewhere.
    }
}

void GuiApp::save_reflection_now() {
    if (!ss().run || !ss().reflection_dirty) return;
    try {
        ss().run->save_reflection(ss().reflection);
        ss().reflection_dirty = false;
        ss().reflection_message.clear();
    } catch (const std::exception& e) {
        // Never end the app while someone is typing: the text stays here and is saved again.
        ss().reflection_message = std::string("Not saved yet: ") + e.what() +
                                  ". Your text is kept here and saving is tried again.";
    }
}

const HitTarget* GuiApp::target(const std::string& label) const {
    auto it = std::find_if(ui_.targets.begin(), ui_.targets.end(),
                           [&](auto& t) { return t.label == label; });
    return it == ui_.targets.end() ? nullptr : &*it;
}

void GuiApp::go(Screen screen) {
    save_pending();
    screen_ = screen;
    scroll_to_top_ = true;
    refresh(); // arriving: read what this screen shows, once
}

void GuiApp::open_home() {
    go(Screen::home);
}
void GuiApp::open_library() {
    go(Screen::library);
}
void GuiApp::open_settings() {
    go(Screen::settings);
}

void GuiApp::open_notes() {
    go(Screen::notes);
}

void GuiApp::open_supervisions() {
    go(Screen::supervisions);
}

bool GuiApp::open_note_by_id(const std::string& id) {
    open_note(id);
    return screen_ == Screen::note;
}

bool GuiApp::open_supervision_by_id(const std::string& id) {
    open_supervision(id);
    return screen_ == Screen::supervision;
}

bool GuiApp::open_case(const std::string& id) {
    const Case* c = library_.find(id);
    if (!c) return false;
    ss().run = std::make_unique<CaseRun>(*c, store_, revision_profile());
    go(Screen::player);
    ss().reflection = ss().run->reflection();
    // Resume where the reader left off: at the decision they were on.
    if (!ss().run->finished() && ss().run->chosen(0))
        ui_.scroll_anchor = decision_heading(ss().run->revealed() - 1);
    return true;
}

void GuiApp::frame() {
    ui_.targets.clear();
    ui_.split_labels.clear();
    ui_.active_text.reset();
    const UiMetrics& m = ui_.metrics;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Portrait or narrow: one column and a bottom bar. Wide: a side bar and the content.
    narrow_ = vp->WorkSize.x < vp->WorkSize.y || vp->WorkSize.x < m.font_px * 50;
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Casebook", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoBackground);
    const float bar_h = m.tap() + ImGui::GetStyle().WindowPadding.y;
    if (!narrow_) {
        ImGui::BeginChild("sidebar", {m.font_px * 12, 0}, false, ImGuiWindowFlags_NoScrollbar);
        navigation(true, ImGui::GetContentRegionAvail().x);
        ImGui::EndChild();
        ImGui::SameLine();
    }
    // A new screen or page starts at its top, in the same frame (SetScrollY would lag a frame).
    if (scroll_to_top_) {
        ImGui::SetNextWindowScroll({0, 0});
        scroll_to_top_ = false;
    }
    // Locked, there is nothing to navigate to: no bar, and no empty band where it would be.
    const bool bar = narrow_ && !info(screen_).locked;
    ImGui::BeginChild("content", {0, bar ? -bar_h : 0}, false, ImGuiWindowFlags_NoSavedSettings);
    begin_column();
    (this->*info(screen_).draw)();
    ImGui::Dummy({0, m.tap()}); // room below the last item
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    if (bar) {
        ImGui::Separator();
        navigation(false, ImGui::GetContentRegionAvail().x);
    }
    ImGui::End();
    // What an action in this frame changed is read now, once, not in the frames that follow.
    if (stale_) refresh();
}

void GuiApp::begin_column() {
    const float full = ImGui::GetContentRegionAvail().x;
    // The checklist's questions and live summary sit side by side, so it gets a wider column.
    const float widest = info(screen_).wide && !narrow_ ? ui_.metrics.reading_width() * 1.7f
                                                        : ui_.metrics.reading_width();
    const float width = std::min(full, widest);
    ImGui::Indent((full - width) * 0.5f + 1.0f);
    ui_.column_right = ImGui::GetCursorScreenPos().x + width - 2.0f;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2.0f);
}

void GuiApp::navigation(bool vertical, float width) {
    const UiMetrics& m = ui_.metrics;
    struct Item {
        const char* id;
        const char* label;
        Screen screen;
    };
    static const Item items[] = {{"nav-home", "Home", Screen::home},
                                 {"nav-library", "Library", Screen::library},
                                 {"nav-notes", "Notes", Screen::notes},
                                 {"nav-settings", "Settings", Screen::settings}};
    const float n = static_cast<float>(std::size(items));
    if (vertical) {
        if (ui_.fonts.title) ImGui::PushFont(ui_.fonts.title);
        ImGui::TextColored(ui_.colours().accent, "Casebook");
        if (ui_.fonts.title) ImGui::PopFont();
        ImGui::Dummy({0, m.gap()});
    }
    // Locked: only the lock screen, nothing to navigate to.
    if (info(screen_).locked) return;
    const float button_w = vertical ? width : (width - m.gap() * (n - 1)) / n;
    // Along the bottom, the four labels share one size: the largest at which each fits whole.
    if (!vertical)
        for (const auto& item : items)
            ui_.label_scale =
                std::min(ui_.label_scale, (button_w - m.gap()) / ImGui::CalcTextSize(item.label).x);
    bool first = true;
    for (const auto& item : items) {
        if (!vertical && !first) ImGui::SameLine();
        first = false;
        const bool here = info(screen_).tab == item.screen;
        if (big_button(ui_, item.id, item.label, button_w, here)) go(item.screen);
    }
    ui_.label_scale = 1.0f;
    if (vertical && profile()) {
        ImGui::Dummy({0, m.gap()});
        profile_bar();
    }
}

void GuiApp::home() {
    const auto& statuses = ss().statuses;
    if (ui_.fonts.title) ImGui::PushFont(ui_.fonts.title);
    paragraph("When confidentiality meets safeguarding");
    if (ui_.fonts.title) ImGui::PopFont();
    // The reason someone opens this at 3 a.m. comes first.
    if (big_button(ui_, "worried", "I'm worried about someone now", 0, true)) {
        start_real_concern();
        return;
    }
    muted(ui_, "Work through real-world cases: what would you do, what the guidance says, and "
               "what colleagues get right and wrong.");

    std::size_t done = 0;
    std::vector<const Case*> in_progress;
    for (const auto& c : library_.cases()) {
        auto it = statuses.find(c.id);
        if (it == statuses.end()) continue;
        if (it->second == CaseStatus::done) ++done;
        if (it->second == CaseStatus::in_progress) in_progress.push_back(&c);
    }

    heading(ui_, "Your progress");
    const std::size_t total = library_.cases().size();
    paragraph(std::to_string(done) + " of " + std::to_string(total) + " cases done");
    ImGui::ProgressBar(total ? static_cast<float>(done) / static_cast<float>(total) : 0.0f,
                       {ui_.avail(), ui_.metrics.gap() * 2}, "");

    if (!in_progress.empty()) {
        heading(ui_, "Continue where you left off");
        for (const Case* c : in_progress) {
            if (card(ui_, ("continue-" + c->id).c_str(), c->title, c->summary, meta_line(*c),
                     "In progress", ui_.colours().acceptable))
                open_case(c->id);
        }
    }
    // One new case, in the reader's own profession and nation where there is one.
    const std::string profession = profile() ? profile()->profession : std::string();
    const std::string nation = profile() ? profile()->jurisdiction : std::string();
    if (const Case* next = suggest_case(library_, statuses, profession, nation)) {
        const bool own = !profession.empty() && next->profession == profession;
        heading(ui_, own ? "Suggested for you" : "Try a new case");
        if (card(ui_, ("suggest-" + next->id).c_str(), next->title, next->summary, meta_line(*next),
                 "New", ui_.colours().muted))
            open_case(next->id);
    }
    {
        Context cx = context();
        revision().home(cx);
    }
    if (screen_ != Screen::home) return;
    ImGui::Dummy({0, ui_.metrics.gap()});
    if (big_button(ui_, "home-library", "Open the case library")) open_library();
    if (big_button(ui_, "home-records", "Decision records")) open_records();

    // A note changed on two devices while apart stays visible here until someone resolves it.
    if (profile()) {
        const std::size_t conflicts = ss().sync.view.conflicts.size();
        if (conflicts) {
            panel(ui_, counted(conflicts, "change", "changes") + " made on two devices while apart",
                  "Both versions are kept. Choose which to keep, or write a merge.",
                  ui_.colours().acceptable);
            if (big_button(ui_, "home-conflicts", "Resolve them")) {
                open_sync();
                return;
            }
        }
    }
    heading(ui_, "If someone is in danger now");
    panel(ui_, "Immediate danger", "Call 999. Then record what you saw, what you did and when.",
          ui_.colours().unsafe);
    ImGui::Dummy({0, ui_.metrics.gap()});
    panel(ui_, "Worried about a child and unsure what to do?",
          "Talk to your safeguarding lead, or call the NSPCC helpline on 0808 800 5000 "
          "(help@nspcc.org.uk).",
          ui_.colours().accent);
}

void GuiApp::library() {
    const UiMetrics& m = ui_.metrics;
    const Palette& p = ui_.colours();
    const auto& statuses = ss().statuses;
    static const std::vector<std::string> status_values{"new", "in-progress", "done"};
    static const std::vector<std::string> sort_values{"title", "shortest", "profession",
                                                      "jurisdiction"};
    const auto professions = library_.professions();
    const auto settings = library_.settings();
    const auto jurisdictions = library_.jurisdictions();
    const auto topics = library_.topics();

    heading(ui_, "Case library");
    ImGui::SetNextItemWidth(ui_.avail());
    ImGui::InputTextWithHint("##search", "Search titles and summaries", &ss().filters.search);
    ui_.record("##search");
    ui_.note_text_field();

    // On a narrow screen the filters fold away so the cases come first.
    const int active = (ss().filters.profession > 0) + (ss().filters.setting > 0) +
                       (ss().filters.jurisdiction > 0) + (ss().filters.topic > 0) +
                       (ss().filters.status > 0);
    const bool show_filters =
        !narrow_ ||
        disclosure(ui_, "filters",
                   active ? "Filters (" + std::to_string(active) + " on)" : "Filters and sorting",
                   p.accent);
    // Two filters a row on a narrow screen, three on a wide one.
    const int per_row = ui_.avail() >= m.font_px * 36 ? 3 : 2;
    const float width =
        (ui_.avail() - m.gap() * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
    if (show_filters) {
        int n = 0;
        auto place = [&] {
            if (n++ % per_row != 0) ImGui::SameLine();
        };
        place();
        choice_combo(ui_, "##profession", "Any profession", professions, profession_label,
                     ss().filters.profession, width);
        place();
        choice_combo(ui_, "##setting", "Any setting", settings, setting_label, ss().filters.setting,
                     width);
        place();
        choice_combo(ui_, "##jurisdiction", "Anywhere in the UK", jurisdictions, jurisdiction_label,
                     ss().filters.jurisdiction, width);
        place();
        choice_combo(ui_, "##topic", "Any topic", topics, topic_label, ss().filters.topic, width);
        place();
        choice_combo(ui_, "##status", "New, started or done", status_values, status_label,
                     ss().filters.status, width);
        place();
        choice_combo(ui_, "##sort", nullptr, sort_values, sort_label, ss().filters.sort, width);
    }

    auto pick = [](const std::vector<std::string>& values, int i) {
        return i > 0 ? values[static_cast<std::size_t>(i - 1)] : std::string();
    };
    CaseFilter filter{pick(professions, ss().filters.profession),
                      pick(topics, ss().filters.topic),
                      pick(settings, ss().filters.setting),
                      pick(jurisdictions, ss().filters.jurisdiction),
                      ss().filters.search,
                      std::nullopt};
    if (ss().filters.status > 0)
        filter.status = case_status_from_string(
            status_values[static_cast<std::size_t>(ss().filters.status - 1)]);
    const auto sort =
        case_sort_from_string(sort_values[static_cast<std::size_t>(ss().filters.sort)]);
    const auto shown = library_.filter(filter, statuses, sort.value_or(CaseSort::title));

    std::size_t done = 0, started = 0;
    for (const auto& c : library_.cases()) {
        const CaseStatus st = status_of(statuses, c.id);
        done += st == CaseStatus::done;
        started += st == CaseStatus::in_progress;
    }
    muted(ui_, "Showing " + std::to_string(shown.size()) + " of " +
                   std::to_string(library_.cases().size()) + " cases  ·  " + std::to_string(done) +
                   " done  ·  " + std::to_string(started) + " in progress");
    for (const Case* c : shown) {
        const CaseStatus status = status_of(statuses, c->id);
        const ImVec4& colour = status == CaseStatus::done          ? p.best
                               : status == CaseStatus::in_progress ? p.acceptable
                                                                   : p.muted;
        if (card(ui_, ("case-" + c->id).c_str(), c->title, c->summary,
                 meta_line(*c) + "\n" + topics_line(*c), status_label(to_string(status)), colour))
            open_case(c->id);
    }
    if (shown.empty()) {
        muted(ui_, "No case matches these filters.");
        if (big_button(ui_, "clear-filters", "Clear the filters")) ss().filters = {};
    }
}

void GuiApp::player() {
    if (!ss().run) {
        open_library();
        return;
    }
    const Case& c = ss().run->current_case();
    const Palette& p = ui_.colours();
    if (ui_.fonts.title) ImGui::PushFont(ui_.fonts.title);
    paragraph(c.title);
    if (ui_.fonts.title) ImGui::PopFont();
    muted(ui_, meta_line(c));
    if (const std::string checked = guidance_checked_line(c); !checked.empty()) muted(ui_, checked);
    paragraph(c.summary);

    heading(ui_, "The story so far");
    for (const auto& s : c.story)
        paragraph(s);

    auto dialogue = [&](const std::vector<Line>& lines) {
        for (const auto& line : lines) {
            const CastMember* who = c.member(line.speaker);
            const bool clinician = who && who->clinician;
            ImGui::Dummy({0, ui_.metrics.gap() * 0.25f});
            std::string name = who ? who->name : line.speaker;
            if (who && !who->role.empty()) name += " (" + who->role + ")";
            ImGui::TextColored(clinician ? p.clinician : p.other_speaker, "%s", name.c_str());
            ImGui::Indent(ui_.metrics.pad());
            paragraph(line.text);
            ImGui::Unindent(ui_.metrics.pad());
        }
    };
    heading(ui_, "The consultation");
    dialogue(c.dialogue);

    for (std::size_t i = 0; i < ss().run->revealed(); ++i) {
        const Decision& d = c.decisions[i];
        if (!d.before.empty() || !d.dialogue.empty()) {
            heading(ui_, "The story moves on");
            for (const auto& b : d.before)
                paragraph(b);
            dialogue(d.dialogue);
        }
        decision(i);
    }

    if (ss().run->can_continue()) {
        ImGui::Dummy({0, ui_.metrics.gap()});
        const bool more = ss().run->revealed() < c.decisions.size();
        if (big_button(ui_, "continue", more ? "Continue: the story moves on" : "See what happened",
                       0, true)) {
            // Bring what was just revealed into view, as turning a page would.
            const Decision* coming = more ? &c.decisions[ss().run->revealed()] : nullptr;
            ui_.scroll_anchor = !coming ? "What happened"
                                : coming->before.empty() && coming->dialogue.empty()
                                    ? decision_heading(ss().run->revealed())
                                    : "The story moves on";
            ss().run->next();
        }
    }
    if (ss().run->finished()) outcome();
}

std::string GuiApp::decision_heading(std::size_t index) const {
    const std::size_t n = session_->run->current_case().decisions.size();
    return n > 1 ? "Decision " + std::to_string(index + 1) + " of " + std::to_string(n)
                 : "Decision";
}

void GuiApp::decision(std::size_t index) {
    const Case& c = ss().run->current_case();
    const Decision& d = c.decisions[index];
    const Palette& p = ui_.colours();
    const auto chosen = ss().run->chosen(index);
    heading(ui_, decision_heading(index));
    if (ui_.fonts.heading) ImGui::PushFont(ui_.fonts.heading);
    paragraph(d.prompt);
    if (ui_.fonts.heading) ImGui::PopFont();
    if (!chosen) muted(ui_, "Choose one option.");
    for (const auto& o : d.options) {
        const OptionLook look = !chosen            ? OptionLook::open
                                : *chosen == o.key ? OptionLook::chosen
                                                   : OptionLook::other;
        const std::string id = "option-" + std::to_string(index) + "-" + o.key;
        if (option_button(ui_, id.c_str(), o.key, o.text, look, grade_colour(p, o.grade))) {
            ss().run->choose(index, o.key);
            ss().reveal_feedback = index;
        }
    }
    if (!chosen) return;
    const Option* picked = d.option(*chosen);
    ImGui::Dummy({0, ui_.metrics.gap()});
    panel(ui_, "You chose " + picked->key + ": " + grade_label(picked->grade), picked->feedback,
          grade_colour(p, picked->grade));
    if (ss().reveal_feedback == index) {
        // The feedback may land below the fold (review step 1.4): bring its end into view once,
        // keeping as much of the options above it as fits. Nothing moves if it is in view.
        ss().reveal_feedback.reset();
        if (ImGui::GetCursorScreenPos().y > ImGui::GetWindowPos().y + ImGui::GetWindowHeight())
            ImGui::SetScrollHereY(1.0f);
    }
    muted(ui_, "Why the other options were graded as they were:");
    for (const auto& o : d.options) {
        if (o.key == *chosen) continue;
        const std::string id = "why-" + std::to_string(index) + "-" + o.key;
        if (disclosure(ui_, id.c_str(), o.key + ": " + grade_label(o.grade),
                       grade_colour(p, o.grade)))
            panel(ui_, o.text, o.feedback, grade_colour(p, o.grade));
    }
}

void GuiApp::outcome() {
    const Case& c = ss().run->current_case();
    const Palette& p = ui_.colours();
    const Guidance& g = library_.guidance();

    heading(ui_, "What happened");
    for (std::size_t i = 0; i < c.what_happened.size(); ++i)
        paragraph(std::to_string(i + 1) + ".  " + c.what_happened[i]);

    heading(ui_, "The guidance");
    for (const auto& citation : c.citations) {
        const GuidancePoint* point = g.resolve(citation);
        ImGui::Dummy({0, ui_.metrics.gap() * 0.5f});
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        paragraph(g.label(citation));
        ImGui::PopStyleColor();
        if (point) paragraph(point->gist);
        muted(ui_, "In this case: " + citation.applies);
    }

    heading(ui_, "Colleagues' views");
    for (const auto& v : c.views) {
        ImGui::Dummy({0, ui_.metrics.gap() * 0.5f});
        muted(ui_, v.who);
        paragraph("\u201c" + v.view + "\u201d");
        panel(ui_, v.supported ? "Supported by the guidance" : "Not supported by the guidance",
              v.why, v.supported ? p.supported : p.not_supported);
    }

    heading(ui_, "Learning points");
    for (const auto& point : c.learning_points) {
        ImGui::Bullet();
        ImGui::SameLine();
        paragraph(point);
    }

    heading(ui_, "Your reflection");
    muted(ui_, "What would you do in your own setting? Saved on this device as you type.");
    if (text_editor(ui_, "##reflection", ss().reflection, 5.0f)) {
        ss().reflection_dirty = true;
        edited();
    }
    ui_.record("reflection");
    if (!ss().reflection_message.empty())
        panel(ui_, "Not saved", ss().reflection_message, ui_.colours().unsafe);

    ImGui::Dummy({0, ui_.metrics.gap()});
    if (big_button(ui_, "again", "Try this case again")) {
        save_pending();
        ss().run->restart();
        scroll_to_top_ = true;
    }
    if (big_button(ui_, "try-checklist", "Try the checklist on this case")) {
        start_practice(c.id);
        return;
    }
    if (profile() && big_button(ui_, "note-about-case", "Write a note about this case")) {
        new_note("case", c.id);
        return;
    }
    if (big_button(ui_, "back-to-library", "Back to the library", 0, true)) open_library();
}

} // namespace casebook::gui

namespace casebook::gui {

void GuiApp::settings() {
    const UiMetrics& m = ui_.metrics;
    DisplaySettings next = display_;
    heading(ui_, "Text size");
    muted(ui_, "Text is redrawn at the new size, so it stays sharp.");
    for (int i = 0; i < text_size_count; ++i) {
        if (i % 2) ImGui::SameLine();
        const std::string id = "text-size-" + std::to_string(i);
        if (big_button(ui_, id.c_str(), text_size_label(i),
                       (ui_.avail() - m.gap()) / (i % 2 ? 1 : 2), display_.text_size == i))
            next.text_size = i;
    }
    heading(ui_, "Theme");
    for (ThemeName theme : {ThemeName::light, ThemeName::dark, ThemeName::high_contrast}) {
        const std::string id = std::string("theme-") + to_string(theme);
        if (big_button(ui_, id.c_str(), theme_label(theme), 0, display_.theme == theme))
            next.theme = theme;
    }
    heading(ui_, "Profile and lock");
    if (profile()) {
        paragraph("You are using Casebook as " + profile()->name + ".");
        if (big_button(ui_, "settings-lock", "Lock now")) {
            lock();
            return;
        }
    }
    if (big_button(ui_, "settings-add-profile", "Add a profile")) {
        new_profile_ = {};
        go(Screen::new_profile);
        return;
    }
    muted(ui_, "Lock after this long without a touch:");
    static const int minutes[] = {1, 5, 15, 60};
    const float quarter = (ui_.avail() - 3 * m.gap()) / 4;
    for (int i = 0; i < 4; ++i) {
        if (i) ImGui::SameLine();
        const std::string label = std::to_string(minutes[i]) + " min";
        if (big_button(ui_, ("lock-after-" + std::to_string(minutes[i])).c_str(), label, quarter,
                       lock_after_minutes_ == minutes[i])) {
            lock_after_minutes_ = minutes[i];
            std::string ignored; // kept for this sitting even if it could not be stored
            act(ignored,
                [&] { store_.set_setting("lock_after_minutes", std::to_string(minutes[i])); });
        }
    }
    heading(ui_, "Local contacts");
    muted(ui_, "Shown by the checklist under \u201cWho to call\u201d. One per line.");
    // Saved through the autosave, as every other typed text is, not at each keystroke.
    if (text_editor(ui_, "##contacts", contacts_, 3.0f)) {
        contacts_dirty_ = true;
        edited();
    }
    heading(ui_, "Sync");
    if (big_button(ui_, "settings-sync", "Sync with your other devices")) {
        open_sync();
        return;
    }
    heading(ui_, "This device");
    muted(ui_, "Your progress and reflections are kept in " + store_.path().string() + ".");
    heading(ui_, "About");
    muted(ui_, std::string("Casebook ") + casebook::version +
                   ". Cases and guidance summaries are the project's own words; each cites its "
                   "source.");
    set_display(next);
}

} // namespace casebook::gui
