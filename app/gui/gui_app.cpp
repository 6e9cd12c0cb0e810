#include "gui_app.hpp"

#include <algorithm>
#include <imgui_internal.h> // SetNextWindowScroll, ClearActiveID, InputTextState
#include <utility>

namespace casebook::gui {

// Typing saves after this pause, and never later than the second limit.
constexpr double save_after_pause = 0.4;
constexpr double save_at_most_after = 0.9;

GuiApp::GuiApp(const Library& library, Store& store)
    : library_(library), store_(store), journal_(store) {
    // A device with profiles opens at the lock screen: nobody's notes are on show.
    if (!journal_.profiles().empty()) screen_ = Screen::lock;
    settings_.load(store_);
    ui_.theme = settings_.display.theme;
    refresh(); // what the first screen shows
}

// One row per screen: what draws it, which tab is lit while it shows, whether it takes the wide
// column, whether it shows a person's own data, and whether it is shown while locked (no
// navigation then).
struct GuiApp::ScreenInfo {
    Screen screen;
    void (*draw)(GuiApp&, Context&);
    std::optional<Screen> tab;
    bool wide = false;
    bool needs_profile = false;
    bool locked = false;
};

bool GuiApp::needs_profile(Screen screen) {
    return info(screen).needs_profile;
}

const GuiApp::ScreenInfo& GuiApp::info(Screen screen) {
    using S = Screen;
    // Notes, sessions and sync belong to the Notes and Settings tabs; the player to the Library.
    static const ScreenInfo table[] = {
        // screen, draw, the tab lit, wide column, needs a profile, shown while locked
        {S::home, [](GuiApp&, Context& cx) { cx.session().home.draw(cx); }, S::home},
        {S::library, [](GuiApp&, Context& cx) { cx.session().library.draw(cx); }, S::library},
        {S::player, [](GuiApp&, Context& cx) { cx.session().player.draw(cx); }, S::library},
        {S::settings, [](GuiApp& a, Context& cx) { a.settings_.draw(cx); }, S::settings},
        {S::lock, [](GuiApp& a, Context& cx) { a.lock_.draw(cx); }, std::nullopt, false, false,
         true},
        {S::new_profile, [](GuiApp& a, Context& cx) { a.new_profile_.draw(cx); }, std::nullopt,
         false, false, true},
        {S::notes, [](GuiApp&, Context& cx) { cx.session().notes.draw(cx); }, S::notes, false,
         true},
        {S::note, [](GuiApp&, Context& cx) { cx.session().note.draw(cx); }, S::notes, false, true},
        {S::supervisions, [](GuiApp&, Context& cx) { cx.session().supervisions.draw(cx); },
         S::notes, false, true},
        {S::supervision, [](GuiApp&, Context& cx) { cx.session().supervision.draw(cx); }, S::notes,
         false, true},
        {S::checklist, [](GuiApp&, Context& cx) { cx.session().checklist.draw(cx); }, std::nullopt,
         true},
        {S::records, [](GuiApp&, Context& cx) { cx.session().records.draw(cx); }, std::nullopt},
        {S::record, [](GuiApp&, Context& cx) { cx.session().record.draw(cx); }, std::nullopt},
        {S::sync, [](GuiApp&, Context& cx) { cx.session().sync.draw(cx); }, S::settings},
        {S::revision, [](GuiApp&, Context& cx) { revision_of(cx).draw(cx); }, std::nullopt},
        {S::progress, [](GuiApp&, Context& cx) { revision_of(cx).draw_progress(cx); },
         std::nullopt},
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
        Context cx = context();
        switch (screen_) {
        case Screen::lock:
            lock_.profiles = journal_.profiles();
            return;
        case Screen::home:
        case Screen::library:
        case Screen::player:
            ss().statuses = Progress(store_).statuses(cx.profile);
            if (screen_ == Screen::home) {
                // Home shows only the open profile's sync conflicts: with nobody signed in
                // there are none, and sync's own connection need not be opened to say so.
                if (cx.person())
                    ss().sync.refresh(cx);
                else
                    ss().sync.view = {};
                revision_of(cx).refresh_home(cx.profile);
            }
            return;
        case Screen::notes:
            ss().notes.refresh(cx);
            return;
        case Screen::note:
            ss().note.refresh(cx);
            return;
        case Screen::supervisions:
            ss().supervisions.refresh(cx);
            return;
        case Screen::supervision:
            ss().supervision.refresh(cx);
            return;
        case Screen::checklist:
            ss().checklist.refresh(cx);
            return;
        case Screen::records:
            ss().records.refresh(cx);
            return;
        case Screen::record:
            ss().record.refresh(cx);
            return;
        case Screen::sync:
            ss().sync.refresh(cx);
            return;
        case Screen::progress:
            revision_of(cx).refresh_progress(cx.profile);
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
    // Kept text holds the old atlas's glyphs, kept boxes its white pixel: a new atlas (a new
    // text size or theme) may put them elsewhere, and a new font may reuse an old one's address.
    ui_.layouts.clear();
    ui_.boxes.clear();
    ui_.theme = settings_.display.theme;
}

void GuiApp::set_display(const DisplaySettings& settings) {
    if (settings == settings_.display) return;
    settings_.display = settings;
    ui_.theme = settings.theme;
    store_.set_setting("theme", to_string(settings.theme));
    store_.set_setting("text_size", std::to_string(settings.text_size));
    settings_.display_changed = true;
}

bool GuiApp::take_display_change() {
    return std::exchange(settings_.display_changed, false);
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
    // A sync that has ended: its outcome is taken (by the session that started it) and sync's
    // state read again here, between frames, so no frame waits on the database.
    if (session_ && sync_.finished()) {
        Context cx = context();
        session_->sync.finish(cx);
    }
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
    settings_.save_contacts(store_);
    pending_since_.reset();
    if (session_) {
        Context cx = context();
        ss().player.save_reflection();
        ss().note.save(cx);
        ss().supervision.save(cx);
        ss().checklist.save(cx);
        stale_ = true; // a save can change what the screen lists (versions, records)
        // A save that failed keeps its text on screen and is tried again at the next edit.
        if (ss().player.reflection_dirty || ss().note.dirty || ss().supervision.dirty ||
            ss().checklist.dirty)
            pending_since_ = now_;
    }
    if (settings_.contacts_dirty) pending_since_ = now_;
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
void GuiApp::open_new_profile() {
    new_profile_ = {};
    go(Screen::new_profile);
}

void GuiApp::open_notes() {
    go(Screen::notes);
}

void GuiApp::start_real_concern() {
    Context cx = context();
    ss().checklist.start(cx, "real");
}

void GuiApp::start_practice(const std::string& case_id) {
    Context cx = context();
    ss().checklist.start(cx, "practice", case_id);
}

void GuiApp::open_records() {
    go(Screen::records);
}

bool GuiApp::open_record(const std::string& id) {
    Context cx = context();
    return ss().record.open(cx, id);
}

void GuiApp::open_supervisions() {
    go(Screen::supervisions);
}

bool GuiApp::open_case(const std::string& id) {
    const Case* c = library_.find(id);
    if (!c) return false;
    Context cx = context();
    ss().player.open(cx, *c);
    return true;
}

bool GuiApp::open_note_by_id(const std::string& id) {
    Context cx = context();
    ss().note.open(cx, id);
    return screen_ == Screen::note;
}

bool GuiApp::open_supervision_by_id(const std::string& id) {
    Context cx = context();
    ss().supervision.open(cx, id);
    return screen_ == Screen::supervision;
}

void GuiApp::open_profile(const Profile& person) {
    const Profile p = person; // `person` may live in the lock screen's list, reset below
    save_pending();
    // A new person: a new session (what was made with nobody signed in is not theirs).
    session_.emplace();
    session_->profile = p;
    lock_ = {};
    go(Screen::home);
}

void GuiApp::lock() {
    save_pending();
    // Everything of the last person goes at once: their profile, drafts, searches, what the
    // screens read for them, and the records made with nobody signed in.
    session_.reset();
    ui_.layouts.clear(); // the glyphs of the last person's text
    ui_.boxes.clear();
    // ImGui keeps the text field being edited in its own buffer: that goes too.
    if (ImGui::GetCurrentContext()) {
        ImGui::ClearActiveID();
        ImGui::GetCurrentContext()->InputTextState.ClearFreeMemory();
    }
    lock_ = {};
    new_profile_ = {};
    screen_ = Screen::lock;
    scroll_to_top_ = true;
    redraw_ = true;
    refresh();
}

std::string GuiApp::lock_notice() const {
    return lock_.notice(now_);
}

std::optional<double> GuiApp::next_lock_at() const {
    // A record made with nobody signed in locks away too, so it is not left for the next person.
    if (!session_ || (!session_->profile && session_->unowned_records.empty())) return std::nullopt;
    return last_activity_ + settings_.lock_after_minutes * 60.0;
}

GuiApp::~GuiApp() {
    save_pending();
    if (case_index_.joinable()) case_index_.join();
}

void GuiApp::start_case_index() {
    if (case_index_.joinable()) return;
    case_index_done_ = false;
    const std::filesystem::path db = store_.path();
    case_index_ = std::thread([this, db] {
        try {
            Store store(db);
            Journal(store).index_cases(library_);
        } catch (const std::exception&) {
            // Search still finds notes and sessions; the command line reports what went wrong.
        }
        case_index_done_ = true;
    });
}

void GuiApp::open_sync() {
    if (sync_.folder.empty()) sync_.folder = store_.setting("sync_folder");
    go(Screen::sync);
}

std::optional<double> GuiApp::next_frame_at() const {
    if (sync_.running()) return now_ + 0.1;
    // The lock screen counts the wait after wrong PINs down, a second at a time.
    if (lock_.wait_until > now_) return std::min(lock_.wait_until, now_ + 1.0);
    return std::nullopt;
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
    {
        Context cx = context();
        info(screen_).draw(*this, cx);
    }
    ImGui::Dummy({0, m.tap()}); // room below the last item
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    if (bar) {
        ImGui::Separator();
        navigation(false, ImGui::GetContentRegionAvail().x);
    }
    ImGui::End();
    ui_.layouts.end_frame();
    ui_.boxes.end_frame();
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
        coloured_text(ui_, "Casebook", ui_.colours().accent);
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
        muted(ui_, profile()->name);
        if (big_button(ui_, "lock", "Lock", ui_.avail())) lock();
    }
}

} // namespace casebook::gui
