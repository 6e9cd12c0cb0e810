#pragma once
#include "casebook/case_run.hpp"
#include "casebook/checklist.hpp"
#include "casebook/identifier_guard.hpp"
#include "casebook/journal.hpp"
#include "casebook/library.hpp"
#include "casebook/store.hpp"
#include "casebook/sync.hpp"
#include "widgets.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace casebook::gui {

enum class Screen {
    home,
    library,
    player,
    settings,
    lock, // pick a profile (names only), then its PIN
    new_profile,
    notes,
    note, // the note editor
    supervisions,
    supervision, // one session
    checklist,   // the disclosure checklist being answered
    records,     // decision records
    record,      // one decision record
    sync,        // sync with other devices through a shared folder
    revision,    // a revision session: one item per screen
    progress,    // revision progress
};

// What the reader chose for this device; the platform rebuilds fonts and style when it changes.
struct DisplaySettings {
    ThemeName theme = ThemeName::light;
    int text_size = 1; // index into text_scale()
    bool operator==(const DisplaySettings&) const = default;
};

// The whole front end as ImGui screens over the core. It owns no data: the Library and the
// Store do. Call frame() between ImGui::NewFrame() and ImGui::Render().
class GuiApp {
  public:
    GuiApp(const Library& library, Store& store);

    void set_ui(const UiMetrics& metrics, const Fonts& fonts);
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

    const DisplaySettings& display() const { return display_; }
    void set_display(const DisplaySettings& settings); // applies and remembers it
    // True once after the reader changed a display setting.
    bool take_display_change();

    // The shared-tablet lock: back to the profile picker, nothing of the last person on screen.
    void lock();
    bool locked() const { return screen_ == Screen::lock; }
    // Input happened (the idle lock counts from the last input).
    void note_activity(double now) { last_activity_ = now; }
    // When tick() next needs calling for the idle lock, if a profile is open.
    std::optional<double> next_lock_at() const;
    const std::optional<Profile>& profile() const { return profile_; }
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
    // Called from the sync worker thread when its progress changes and when it finishes, so
    // the platform can wake its sleeping event loop (it must be safe to call from any thread).
    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }
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

    // Revision (revision_screens.cpp): a session over what is due now, and progress.
    void open_revision();
    void open_progress();

    Screen screen() const { return screen_; }
    void open_home();
    void open_library();
    void open_settings();
    void open_notes();
    void open_supervisions();
    bool open_note_by_id(const std::string& id);
    bool open_supervision_by_id(const std::string& id);
    // Opens a case (resuming the latest attempt); false if there is no such case.
    bool open_case(const std::string& id);
    CaseRun* run() { return run_.get(); }
    // Brings the named section heading (e.g. "The guidance") to the top when it is drawn.
    void scroll_to_heading(const std::string& heading) { ui_.scroll_anchor = heading; }

    // Where each tappable thing was drawn in the last frame, for tests and tap-size checks.
    const std::vector<HitTarget>& targets() const { return ui_.targets; }
    const HitTarget* target(const std::string& label) const;
    // Button labels drawn in the last frame that would only fit by breaking a word.
    const std::vector<std::string>& split_labels() const { return ui_.split_labels; }

  private:
    void navigation(bool vertical, float width);
    void home();
    void library();
    void player();
    void decision(std::size_t index);
    std::string decision_heading(std::size_t index) const;
    void outcome();
    void settings();
    void begin_column();
    void go(Screen screen);
    void edited(); // something typed is waiting to be saved

    // Profiles and the lock (profile_screens.cpp).
    void lock_screen();
    void new_profile_screen();
    void profile_bar();
    // Notes and search (notes_screens.cpp).
    void notes_screen();
    void note_screen();
    void open_note(const std::string& id);
    void new_note(const std::string& attached_kind = "none", const std::string& attached_id = {});
    void save_note_now();
    void save_reflection_now();
    void save_supervision_pdf(const Supervision& session);
    // The checklist and decision records (checklist_screens.cpp).
    void checklist_screen();
    void checklist_step(const Step& step, bool paged);
    void checklist_summary(const Evaluation& e);
    void checklist_review(const Evaluation& e);
    void records_screen();
    void record_screen();
    void contacts_panel();
    void save_checklist_now();
    // Writes `text` into the export folder; returns what to tell the person.
    std::string save_export(const std::string& file_name, const std::string& text);
    // Sync (sync_screens.cpp).
    void sync_screen();
    void start_sync(const std::string& action);
    void finish_sync();
    // What Home and the sync screen show of sync, read when it may have changed (arriving on
    // either screen, a sync finishing, a conflict resolved, a profile joining), never per frame.
    void refresh_sync_view();
    // Revision (revision_screens.cpp). Its state lives there; locking forgets it.
    struct RevisionState;
    struct RevisionStateDeleter {
        void operator()(RevisionState* state) const;
    };
    RevisionState& revision_state();
    std::string revision_profile() const;
    void revision_home();
    void revision_screen();
    void progress_screen();
    void revision_forget();
    std::unique_ptr<RevisionState, RevisionStateDeleter> revision_;
    // Supervision (supervision_screens.cpp).
    void supervisions_screen();
    void supervision_screen();
    void open_supervision(const std::string& id);
    void save_supervision_now();

    const Library& library_;
    Store& store_;
    Ui ui_;
    Screen screen_ = Screen::home;
    bool narrow_ = false;
    std::unique_ptr<CaseRun> run_;
    std::string reflection_;
    bool reflection_dirty_ = false;
    std::string reflection_message_; // why the last save failed; the text is kept
    bool scroll_to_top_ = false;
    DisplaySettings display_;
    bool display_changed_ = false;

    double now_ = 0;
    std::optional<double> pending_since_; // first unsaved edit
    double last_edit_ = 0;
    bool redraw_ = false;

    Journal journal_;
    std::optional<Profile> profile_;
    double last_activity_ = 0;
    int lock_after_minutes_ = 5;
    // The lock screen: the profile picked, the PIN typed, and what went wrong.
    std::string lock_pick_;
    std::string pin_;
    std::string lock_message_;
    // A new profile being made.
    struct NewProfile {
        std::string name, pin, pin_again, message;
        int role = 0, profession = 0, jurisdiction = 0;
    } new_profile_;

    // The note being edited. Its first save in a sitting is a new version; later saves in the
    // same sitting amend it, so versions are sittings, not keystrokes.
    struct NoteEdit {
        std::string id; // empty until the first save creates it
        NoteDraft draft;
        std::string tags_text;
        bool dirty = false;
        bool saved_this_sitting = false;
        std::string message;
    } note_;
    std::string notes_search_;
    bool show_trash_ = false;
    static constexpr std::size_t notes_page = 50;
    std::size_t notes_shown_ = notes_page; // notes listed; "Show older notes" adds a page

    // The supervision session open.
    struct SupervisionEdit {
        std::string id;
        SupervisionDraft draft;
        bool dirty = false;
        std::string signer; // profile id signing now
        std::string pin;
        bool confirm = false;
        std::string addendum;
        std::string message;
        std::string saved;       // where the PDF went
        bool pdf_warned = false; // the identifier warning was shown; the next tap saves
    } supervision_;
    std::string new_session_with_; // the other participant's profile id

    std::function<void()> wake_;
    std::thread case_index_;
    std::atomic<bool> case_index_done_{false};
    // Decision records made with nobody signed in, in this sitting: listed only until the
    // tablet locks, so the next person cannot read them.
    std::set<std::string> unowned_records_;
    const Checklist* checklist_ = nullptr;
    std::filesystem::path export_folder_;
    // The checklist being answered: a draft record from the first answer on.
    struct ChecklistEdit {
        std::string record_id;
        std::string mode = "real";
        std::string case_id;
        Answers answers;
        std::size_t page = 0;   // one question per page on a narrow screen
        bool reviewing = false; // the end: outcome, record, and (practice) the comparison
        bool dirty = false;
        std::string message;
    } checklist_edit_;
    // The sync screen. The run happens on a worker thread with its own database connection.
    struct SyncScreen {
        std::string folder;
        std::string passphrase;
        std::string message;
        std::optional<SyncReport> report;
        std::map<std::string, std::string> merges; // conflict key -> edited text
        std::thread worker;
        std::atomic<bool> running{false};
        std::mutex mutex; // guards result and error
        std::optional<SyncReport> result;
        std::string error;
        double started = 0;
    } sync_;
    struct SyncView {
        std::string error; // why sync's state could not be read
        std::optional<std::string> group;
        std::string this_device;
        std::vector<PeerStatus> peers;
        std::vector<SyncConflict> conflicts; // the open profile's only; none without a profile
        bool member = false;                 // the open profile takes part in the group
    } sync_view_;
    bool sync_view_stale_ = false;
    std::string record_open_; // the decision record being viewed
    std::string record_addendum_;
    std::string record_message_;

    // Library filters: 0 means any, i > 0 the (i - 1)th distinct value; sort indexes directly.
    struct Filters {
        std::string search;
        int profession = 0, setting = 0, jurisdiction = 0, topic = 0, status = 0, sort = 0;
    } filters_;
};

} // namespace casebook::gui
