#pragma once
// The hub: the services, the drawing context, the autosave, the idle lock, the screen table
// and frame(), and the API the platform and the tests drive. Each screen is a struct of its
// own in screens/; everything bound to a person is in the ProfileSession (session.hpp).
#include "screens/context.hpp"
#include "screens/lock.hpp"
#include "screens/settings.hpp"
#include "session.hpp"
#include "sync_service.hpp"
#include "widgets.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace casebook::gui {

// The whole front end as ImGui screens over the core. It owns no data: the Library and the
// Store do. Call frame() between ImGui::NewFrame() and ImGui::Render().
class GuiApp {
  public:
    GuiApp(const Library& library, Store& store);

    void set_ui(const UiMetrics& metrics, const Fonts& fonts);
    // The renderer rasterises on the CPU: fills are cut to suit it (shapes.hpp).
    void set_software_raster(bool software) { ui_.software_raster = software; }
    void frame();

    // Typed text is saved shortly after typing stops (and at most about a second after the
    // first unsaved keystroke). `now` is seconds on any steady clock.
    void tick(double now);
    // When tick() next needs calling, if anything is waiting to be saved.
    std::optional<double> next_save_at() const;
    bool has_pending() const { return pending_since_.has_value(); }
    // Something on screen changed in tick() (a save or a lock): draw.
    bool take_redraw();
    // Saves everything waiting now (leaving a screen, going to the background, quitting).
    void save_pending();

    const DisplaySettings& display() const { return settings_.display; }
    void set_display(const DisplaySettings& settings); // applies and remembers it
    // True once after the reader changed a display setting.
    bool take_display_change();

    // The shared-tablet lock: back to the profile picker, nothing of the last person on screen.
    void lock();
    bool locked() const { return screen_ == Screen::lock; }
    // The person's session, if anyone is using the device (tests look inside it after a lock).
    const ProfileSession* session() const { return session_ ? &*session_ : nullptr; }
    // Input happened (the idle lock counts from the last input).
    void note_activity(double now) { last_activity_ = now; }
    // When tick() next needs calling for the idle lock, if a profile is open.
    std::optional<double> next_lock_at() const;
    const std::optional<Profile>& profile() const;
    // Opens a profile without its PIN (tests, or a profile that has none).
    void open_profile(const Profile& profile);
    Journal& journal() { return journal_; }

    // The disclosure checklist (loaded by the platform from the assets).
    void set_checklist(const Checklist* checklist) { checklist_ = checklist; }
    // A real concern, now: the emergency question comes first.
    void start_real_concern();
    // Practice after a case, in the case's jurisdiction; compared with its key at the end.
    void start_practice(const std::string& case_id);
    void open_records();
    bool open_record(const std::string& id);
    void open_sync();
    // While a sync runs on its worker thread the screen shows progress: draw again by then.
    std::optional<double> next_frame_at() const;
    // What the lock screen says after a wrong PIN, with the wait left counted down ("" if
    // nothing went wrong).
    std::string lock_notice() const;
    // Called from the sync worker thread when its progress changes and when it finishes, so
    // the platform can wake its sleeping event loop (it must be safe to call from any thread).
    void set_wake(std::function<void()> wake) { sync_.set_wake(std::move(wake)); }
    // Builds the case search index, if the cases are new or changed, on a thread of its own
    // with its own connection (the platform calls it at start; frames never wait for it).
    void start_case_index();
    bool case_index_ready() const { return case_index_done_; }
    ~GuiApp();
    // Where "Save as a file" writes (the platform's documents folder).
    void set_export_folder(const std::filesystem::path& folder) { export_folder_ = folder; }

    // The text field being edited, so the platform can place the on-screen keyboard.
    std::optional<HitTarget> active_text_field() const { return ui_.active_text; }
    bool narrow() const { return narrow_; }

    // Revision (screens/revision.cpp): a session over what is due now, and progress.
    void open_revision();
    void open_progress();

    Screen screen() const { return screen_; }
    void open_home();
    void open_library();
    void open_settings();
    void open_new_profile();
    void open_notes();
    void open_supervisions();
    bool open_note_by_id(const std::string& id);
    bool open_supervision_by_id(const std::string& id);
    // Opens a case (resuming the latest attempt); false if there is no such case.
    bool open_case(const std::string& id);
    CaseRun* run() { return session_ ? session_->player.run.get() : nullptr; }
    // Brings the named section heading (e.g. "The guidance") to the top when it is drawn.
    void scroll_to_heading(const std::string& heading) { ui_.scroll_anchor = heading; }

    // Where each tappable thing was drawn in the last frame, for tests and tap-size checks.
    const std::vector<HitTarget>& targets() const { return ui_.targets; }
    // The wrapped texts kept between frames (for the tests of what a lock leaves behind).
    const TextLayouts& text_layouts() const { return ui_.layouts; }
    const HitTarget* target(const std::string& label) const;
    // Button labels drawn in the last frame that would only fit by breaking a word.
    const std::vector<std::string>& split_labels() const { return ui_.split_labels; }

    // Whether a screen shows a person's own data (a deep link to it needs a profile).
    static bool needs_profile(Screen screen);

  private:
    // One row of the screen table (gui_app.cpp), which frame(), the navigation, the column
    // width and refresh() read.
    struct ScreenInfo;
    static const ScreenInfo& info(Screen screen);
    friend struct Context;
    // What a screen struct is given this frame (screens/context.hpp).
    Context context();
    // The person at the device; made on first use after a lock (cases with no profile).
    ProfileSession& ss();
    // Runs a screen action; an exception becomes `message` instead of leaving the frame with
    // ImGui's stack unbalanced. What the screens show is read again afterwards.
    bool act(std::string& message, const std::function<void()>& fn);
    // Reads again what the current screen shows from the database (arriving, after an action,
    // a save, a sync, a lock), so frames only draw.
    void refresh();

    void navigation(bool vertical, float width);
    void begin_column();
    void go(Screen screen);
    void edited(); // something typed is waiting to be saved

    const Library& library_;
    Store& store_;
    Journal journal_;
    Ui ui_;
    Screen screen_ = Screen::home;
    bool narrow_ = false;
    bool scroll_to_top_ = false;
    bool stale_ = false; // an action changed data: read again at the end of the frame

    double now_ = 0;
    std::optional<double> pending_since_; // first unsaved edit
    double last_edit_ = 0;
    bool redraw_ = false;
    double last_activity_ = 0;

    std::optional<ProfileSession> session_; // reset by lock(): nothing of the last person stays
    // The lock screens show names only: outside the session, reset on lock and on unlock.
    LockScreen lock_;
    NewProfileScreen new_profile_;
    SettingsScreen settings_; // the device's: kept across a lock

    std::thread case_index_;
    std::atomic<bool> case_index_done_{false};
    const Checklist* checklist_ = nullptr;
    std::filesystem::path export_folder_;
    SyncService sync_{store_}; // outlives a lock
};

} // namespace casebook::gui
