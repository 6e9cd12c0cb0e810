#pragma once
// Profiles, their PIN lock, notes (with versions and a trash), supervision sessions and
// full-text search: the personal side of Casebook, kept in the Store's database.
//
// Every query names the profile it is made for and sees only that profile's records: a note,
// supervision session or search result of another profile is reported as missing, never shown.
#include "casebook/base/kdf_cost.hpp"
#include "casebook/base/problem.hpp"
#include "casebook/identifiers/guard.hpp"
#include "casebook/store.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace casebook {

class Library;

// A refusal by the journal (no such note for this profile, a signed-off record, a bad value).
// Derived from StoreError so one catch handles every failure of the user's data.
class JournalError : public StoreError {
  public:
    using StoreError::StoreError;
};

enum class Role { trainee, supervisor, other };
const char* to_string(Role role);
std::optional<Role> role_from_string(const std::string& text);

struct ProfileDetails {
    std::string name;
    Role role = Role::other;
    std::string profession;   // as in case files: "doctor", "nurse", ...
    std::string jurisdiction; // "england", "wales", "scotland", "northern-ireland"
};

struct Profile {
    std::string id; // random 128-bit, hex
    std::string name;
    Role role = Role::other;
    std::string profession;
    std::string jurisdiction;
    bool has_pin = false;
    std::string created_at;
};

// The answer to a PIN try. A profile without a PIN always accepts.
struct PinCheck {
    enum class Outcome { accepted, wrong, wait };
    Outcome outcome = Outcome::accepted;
    // wrong: how long before the next try is allowed; wait: how long is still left.
    std::chrono::seconds wait{0};

    bool accepted() const { return outcome == Outcome::accepted; }
    // "wrong PIN for Sam" / "too many wrong PINs for Sam: try again in 30 s".
    std::string message(const std::string& profile_name) const;
};

// What a note is attached to: nothing, a case ("case id"), a decision of a case
// ("case-id/decision-id") or a checklist decision record (its id).
inline constexpr const char* note_attachments[] = {"none", "case", "decision", "checklist_record"};

struct NoteDraft {
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    std::string attached_kind = "none";
    std::string attached_id;
};

struct Note {
    std::string id;
    std::string profile_id;
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    std::string attached_kind; // one of note_attachments
    std::string attached_id;
    std::string created_at;
    std::string edited_at;
    std::string deleted_at; // set while the note is in the trash
    int version = 0;        // the number of the current version (the first save is 1)

    bool in_trash() const { return !deleted_at.empty(); }
};

struct NoteVersion {
    int number = 0;
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    std::string saved_at;
};

// Whether a save keeps the text it replaces as an older version. Autosave while one editing
// burst goes on may amend the newest version instead, so versions stay meaningful.
enum class NoteSave { new_version, amend_current };

struct NoteFilter {
    std::string tag;           // empty = any
    std::string attached_kind; // empty = any
    std::string attached_id;   // with attached_kind: only notes attached to this
    std::size_t limit = 0;     // at most this many, most recently edited first (0 = all)
};

struct SupervisionAction {
    std::string text;
    std::string due_on; // YYYY-MM-DD, or empty

    bool operator==(const SupervisionAction&) const = default;
};

struct SupervisionAddendum {
    std::string id;
    std::string author_profile_id;
    std::string text;
    std::string created_at;
};

// What the two people at the device write during a session.
struct SupervisionDraft {
    std::string case_id;             // optional
    std::string checklist_record_id; // optional
    std::string discussion;
    std::vector<SupervisionAction> actions;
    std::string trainee_reflection;
};

// A supervision session. Once both have signed off it is read-only (the database refuses
// changes); later additions are addenda, each with its own author and time.
struct Supervision {
    std::string id;
    std::string supervisor_profile_id;
    std::string trainee_profile_id;
    std::string case_id;
    std::string checklist_record_id;
    std::string discussion;
    std::vector<SupervisionAction> actions;
    std::string trainee_reflection;
    std::string signed_by_supervisor_at; // empty until signed
    std::string signed_by_trainee_at;
    std::string created_at;
    std::string updated_at;
    std::vector<SupervisionAddendum> addenda;

    bool signed_off() const {
        return !signed_by_supervisor_at.empty() && !signed_by_trainee_at.empty();
    }
};

// How a participant signs: with their PIN, or, for a profile that has none, an explicit
// confirmation given on screen.
struct SignOff {
    std::string pin;
    bool confirmed = false;
};

// A PIN try that was refused; check says whether it was wrong or came too soon.
class PinError : public JournalError {
  public:
    PinError(const std::string& message, PinCheck result) : JournalError(message), check(result) {}
    PinCheck check;
};

enum class SearchKind { note, supervision, case_text };
const char* to_string(SearchKind kind);

struct SearchOptions {
    std::size_t limit = 20; // results of each kind
    bool notes = true;
    bool supervision = true;
    bool cases = true;
    std::string open_mark = "["; // put around each matching word in the snippet
    std::string close_mark = "]";
};

struct SearchHit {
    SearchKind kind = SearchKind::note;
    std::string id; // note id, supervision id or case id
    std::string title;
    std::string snippet; // a few words around the match, matches between the marks
    double score = 0;    // bm25: lower is a better match
};

// A Markdown document, and the likely patient identifiers in it: export warns before it includes
// them (the person decides whether to redact the note or to go ahead).
struct MarkdownExport {
    std::string text;
    // Found in what people wrote (not in headings and times the export adds); byte offsets
    // into text.
    std::vector<IdentifierMatch> identifiers;

    // Each kind found once, in the order first seen.
    std::vector<IdentifierKind> kinds() const;
};

// The journal over a Store. Not thread-safe, like the Store.
class Journal {
  public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    // `clock` is for tests (PIN back-off, ordering); by default the system clock.
    explicit Journal(Store& store, Clock clock = {});

    // Profiles. Names are unique on this device (ignoring case), so a name can stand for its id.
    Profile add_profile(const ProfileDetails& details);
    void update_profile(const std::string& profile_id, const ProfileDetails& details);
    std::vector<Profile> profiles() const; // by name
    std::optional<Profile> profile(const std::string& profile_id) const;
    // By id, or else by name ignoring case. Names are unique when made here, but a sync may bring
    // a second profile of the same name: then a name is refused (JournalError listing the ids),
    // never silently taken for one of them.
    std::optional<Profile> find_profile(const std::string& id_or_name) const;
    // Every profile of that name, ignoring case (more than one only after a sync).
    std::vector<Profile> profiles_named(const std::string& name) const;

    // The PIN lock. Callers change or remove a PIN only once the profile is unlocked.
    // Whether a would-be PIN will do (4 to 64 characters); if not, adds why to `problems` at
    // `file` and `field`.
    static bool check_pin(const std::string& pin, const std::string& file, const std::string& field,
                          Problems& problems);
    void set_pin(const std::string& profile_id, const std::string& pin,
                 KdfCost cost = KdfCost::interactive);
    void remove_pin(const std::string& profile_id);
    // Checks a PIN try. Wrong tries are counted per profile; from the third in a row each one
    // makes the next wait longer (30 s, doubling, at most 15 min), and tries during the wait are
    // refused unchecked. A right PIN clears the count.
    PinCheck check_pin(const std::string& profile_id, const std::string& pin);
    // How long until the next try is allowed (zero if now).
    std::chrono::seconds pin_wait(const std::string& profile_id) const;
    static std::chrono::seconds pin_backoff(int failed_attempts);

    // Notes. Each save is one transaction.
    Note add_note(const std::string& profile_id, const NoteDraft& draft);
    // Saves the note's new text; an unchanged text adds no version.
    Note save_note(const std::string& profile_id, const std::string& note_id,
                   const NoteDraft& draft, NoteSave how = NoteSave::new_version);
    std::optional<Note> note(const std::string& profile_id, const std::string& note_id) const;
    std::vector<Note> notes(const std::string& profile_id, const NoteFilter& filter = {}) const;
    std::vector<Note> trash(const std::string& profile_id) const; // most recently deleted first
    std::vector<NoteVersion> note_versions(const std::string& profile_id,
                                           const std::string& note_id) const; // oldest first
    // Saves an older version's text as the new current version; nothing is lost.
    Note restore_version(const std::string& profile_id, const std::string& note_id, int number);
    void trash_note(const std::string& profile_id, const std::string& note_id);
    Note restore_note(const std::string& profile_id, const std::string& note_id);
    // Deletes a note in the trash for good: its text and versions go, a tombstone stays for sync.
    void purge_note(const std::string& profile_id, const std::string& note_id);

    // Supervision sessions, visible to their supervisor and their trainee only.
    Supervision start_supervision(const std::string& supervisor_profile_id,
                                  const std::string& trainee_profile_id,
                                  const std::string& case_id = {},
                                  const std::string& checklist_record_id = {});
    // Either participant may save. A change to what one of them already signed clears the
    // signatures, so each signs what the record finally says. Throws once both have signed.
    Supervision save_supervision(const std::string& profile_id, const std::string& supervision_id,
                                 const SupervisionDraft& draft);
    // Signs as the session's supervisor or trainee, whichever profile_id is. Throws PinError
    // for a wrong or too early PIN, JournalError without a PIN or confirmation.
    Supervision sign_supervision(const std::string& profile_id, const std::string& supervision_id,
                                 const SignOff& how);
    // Only after both have signed; throws JournalError otherwise.
    SupervisionAddendum add_supervision_addendum(const std::string& profile_id,
                                                 const std::string& supervision_id,
                                                 const std::string& text);
    std::optional<Supervision> supervision(const std::string& profile_id,
                                           const std::string& supervision_id) const;
    std::vector<Supervision> supervisions(const std::string& profile_id) const; // newest first
    // Deletes a session not yet signed off by both (a tombstone stays for sync).
    void delete_supervision(const std::string& profile_id, const std::string& supervision_id);

    // Search. Case text is shared by every profile; it is indexed again only when it changed.
    // Returns true if the index was rebuilt.
    bool index_cases(const Library& library);
    // `text` is what the person typed: its words must all match, the last one as a prefix (as
    // you type; a last word of one letter waits for the next). The profile's notes, then its
    // supervision sessions, then case text, each kind best match first (bm25 scores of differently
    // sized indexes do not interleave fairly).
    std::vector<SearchHit> search(const std::string& profile_id, const std::string& text,
                                  const SearchOptions& options = {}) const;

    // Markdown for an e-portfolio. `library`, if given, names attached cases by title.
    MarkdownExport supervision_markdown(const std::string& profile_id,
                                        const std::string& supervision_id,
                                        const Library* library = nullptr) const;
    // The profile's notes (not the trash) and supervision sessions in one document.
    MarkdownExport export_markdown(const std::string& profile_id,
                                   const Library* library = nullptr) const;

  private:
    std::string now() const; // ISO 8601 UTC from the clock
    std::string stamp();     // the next hybrid logical clock stamp
    Profile require_profile(const std::string& profile_id) const;
    Note require_note(const std::string& profile_id, const std::string& note_id) const;
    Supervision require_supervision(const std::string& profile_id,
                                    const std::string& supervision_id) const;
    void write_note_text(const Note& current, const NoteDraft& draft, NoteSave how);
    void write_supervision_index(const std::string& supervision_id);
    void supervision_markdown(const Supervision& s, const Library* library, int heading_level,
                              MarkdownExport& into) const;

    Store& store_;
    Clock clock_;
    long long last_stamp_ms_ = 0;
    int stamp_counter_ = 0;
};

} // namespace casebook
