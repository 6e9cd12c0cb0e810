#pragma once
// Personal revision: every decision and learning point of the cases comes back on an FSRS
// schedule. The only stored fact is an immutable log of review events (item, time, grade, device,
// random id) per profile; each item's schedule is derived from it, so two devices that revised
// apart agree once their logs are merged, in any order, however often an event arrives.
//
// The scheduler is FSRS-5 (the Free Spaced Repetition Scheduler, version 5, as Anki 24.11 and the
// open-spaced-repetition libraries publish it): power forgetting curve with DECAY = -0.5 and
// FACTOR = 19/81, 19 weights with their published defaults, same-day reviews by the short-term
// stability formula, no interval fuzz (a schedule must be a pure function of the log).
#include "casebook/cases/library.hpp"
#include "casebook/store.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace casebook {

// A refusal by revision (no such item, a grade out of range, a bad setting).
class RevisionError : public StoreError {
  public:
    using StoreError::StoreError;
};

// The four FSRS ratings.
enum class Rating { again = 1, hard = 2, good = 3, easy = 4 };
const char* to_string(Rating rating);
// "again", "hard", "good", "easy" or "1" to "4".
std::optional<Rating> rating_from_string(const std::string& text);

namespace fsrs {

inline constexpr double decay = -0.5;
inline constexpr double factor = 19.0 / 81.0; // 0.9^(1/decay) - 1: R(S, S) = 0.9

// FSRS-5's published default weights w0..w18.
inline constexpr std::array<double, 19> default_weights = {
    0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046,  1.54575, 0.1192,
    1.01925, 1.9395,  0.11,  0.29605,  2.2698, 0.2315, 2.9898, 0.51655, 0.6621};

struct Parameters {
    std::array<double, 19> w = default_weights;
    double target_retention = 0.9; // the recall probability at which an item comes back
    int maximum_interval_days = 36500;
};

// What FSRS knows of one memory: stability S (days until recall falls to 90%) and
// difficulty D (1 to 10).
struct Memory {
    double stability = 0;
    double difficulty = 0;
    bool operator==(const Memory&) const = default;
};

// R(t, S) = (1 + FACTOR * t / S)^DECAY.
double retrievability(double elapsed_days, double stability);
// I(r, S) = S / FACTOR * (r^(1/DECAY) - 1), before rounding.
double raw_interval(double stability, double retention);
// The interval in whole days: rounded, at least 1, at most the parameters' maximum.
int interval_days(double stability, const Parameters& p);

// S0(G) = w[G-1].
double initial_stability(Rating g, const Parameters& p);
// D0(G) = w4 - e^(w5 (G - 1)) + 1, clamped to [1, 10].
double initial_difficulty(Rating g, const Parameters& p);
// D' = w7 D0(4) + (1 - w7) (D + dD (10 - D) / 9), dD = -w6 (G - 3), clamped to [1, 10].
double next_difficulty(double d, Rating g, const Parameters& p);
// S'r = S (e^w8 (11 - D) S^-w9 (e^(w10 (1 - R)) - 1) [w15 if Hard] [w16 if Easy] + 1).
double recall_stability(double d, double s, double r, Rating g, const Parameters& p);
// S'f = min(w11 D^-w12 ((S + 1)^w13 - 1) e^(w14 (1 - R)), S / e^(w17 w18)).
double forget_stability(double d, double s, double r, const Parameters& p);
// Same day: S' = S e^(w17 (G - 3 + w18)).
double short_term_stability(double s, Rating g, const Parameters& p);

// One review: the memory after grading `g`, `elapsed_days` after the previous review (no
// previous memory: the first review).
Memory review(const std::optional<Memory>& before, double elapsed_days, Rating g,
              const Parameters& p);

} // namespace fsrs

// What one event in the log does.
enum class ReviewAction { review, add, suspend, resume, reset };
const char* to_string(ReviewAction action);
std::optional<ReviewAction> review_action_from_string(const std::string& text);

// One immutable fact of the log.
struct ReviewEvent {
    std::string id; // random 128-bit, hex: two copies of one event are one event
    std::string profile_id;
    std::string item;
    std::int64_t at_ms = 0; // Unix time in milliseconds
    ReviewAction action = ReviewAction::review;
    int rating = 0;     // 1 to 4 for a review, 0 otherwise
    std::string answer; // the option chosen, for a decision
    bool guess = false; // the person said it was a guess (graded Again)
    std::string device; // the device it was made on

    bool operator==(const ReviewEvent&) const = default;
};

// The schedule of one item, derived from its events.
struct ItemSchedule {
    std::string item;
    bool enrolled = false; // in revision (its case completed, or added by hand)
    bool suspended = false;
    std::int64_t enrolled_ms = 0;
    int reviews = 0;                    // since the last reset
    int lapses = 0;                     // Again (including guesses) since the last reset
    std::optional<fsrs::Memory> memory; // empty until the first review (a new item)
    std::int64_t last_review_ms = 0;
    int interval_days = 0;
    std::int64_t due_ms = 0; // new items are due from when they were enrolled

    bool is_new() const { return !memory.has_value(); }
    bool operator==(const ItemSchedule&) const = default;
};

// Folds events (in any order, repeated or not) into schedules: events are taken in order of
// (time, id) and each event once (copies of an event are one event). `enrolments`: item -> when it
// entered revision without an event (its case was completed). Every item with an event or an
// enrolment has a schedule.
std::map<std::string, ItemSchedule>
derive_schedules(const std::vector<ReviewEvent>& events,
                 const std::map<std::string, std::int64_t>& enrolments,
                 const fsrs::Parameters& parameters);

enum class ItemKind { decision, learning_point };

// One thing to revise: a decision ("decision:<case>/<decision>") or a learning point
// ("point:<case>/<n>", n from 1).
struct RevisionItem {
    std::string id;
    ItemKind kind = ItemKind::decision;
    const Case* source = nullptr;
    const Decision* decision = nullptr; // for a decision
    int point = 0;                      // for a learning point: its number, from 1
    std::string prompt;                 // the question, or the recall prompt
    std::string answer;                 // a learning point's text (empty for a decision)
    bool written_prompt = false;        // the case file wrote this prompt (else generated)
};

// Every item of every case in the library, in library order.
std::vector<RevisionItem> revision_items(const Library& library);
std::optional<RevisionItem> revision_item(const Library& library, const std::string& id);
// What a decision answer is graded: best -> Good, acceptable -> Hard, unsafe -> Again; a guess
// is a lapse (Again) whatever it chose.
Rating rating_for(Grade grade, bool guess);

struct DueItem {
    RevisionItem item;
    ItemSchedule schedule;
};

struct TopicMastery {
    std::string key;    // a topic or a jurisdiction, as in case files
    int items = 0;      // every item of its cases
    int reviewed = 0;   // of those, reviewed at least once
    double mastery = 0; // mean predicted recall now over all its items (0 for unreviewed)
};

struct RevisionStats {
    int enrolled = 0;
    int suspended = 0;
    int new_items = 0;
    int due_now = 0;
    int minutes_due = 0; // an estimate for what is due now
    int reviews_total = 0;
    std::array<int, 30> reviews_per_day{}; // [29] is today (UTC days)
    std::array<int, 30> right_per_day{};   // of those, Good or Easy
    double right_share = 0;                // over the last 30 days; 0 if none
    double predicted_retention = 0;        // mean predicted recall now of reviewed items
    std::array<int, 14> due_per_day{};     // [0] is today, with what is overdue
    std::vector<TopicMastery> by_topic;
    std::vector<TopicMastery> by_jurisdiction;
};

// How long one item takes, for estimates ("7 to revise, about 5 minutes").
inline constexpr int seconds_per_item = 40;

// What answering a decision did.
struct AnswerResult {
    ReviewEvent event;
    Grade grade = Grade::unsafe; // the case's grading of the option
    const Option* option = nullptr;
    ItemSchedule schedule; // after the answer
};

// The revision façade over the Store's database. Every call names the profile it acts for.
class Revision {
  public:
    using Clock = std::chrono::system_clock;

    Revision(Store& store, const Library& library);

    const Library& library() const { return *library_; }

    // The profile's FSRS parameters (target retention and maximum interval are settings).
    fsrs::Parameters parameters(const std::string& profile) const;
    // Throws RevisionError unless 0.7 <= retention <= 0.99.
    void set_target_retention(const std::string& profile, double retention);
    // Throws RevisionError unless 1 <= days <= 36500.
    void set_maximum_interval(const std::string& profile, int days);

    // Answers a decision item with an option key; graded from the case. Throws RevisionError if
    // the item is not a decision or the key is not one of its options.
    AnswerResult answer(const std::string& profile, const std::string& item,
                        const std::string& option_key, bool guess, Clock::time_point now);
    // Grades any item by hand (a learning point after revealing it).
    ItemSchedule grade(const std::string& profile, const std::string& item, Rating rating,
                       Clock::time_point now);
    void add(const std::string& profile, const std::string& item, Clock::time_point now);
    void suspend(const std::string& profile, const std::string& item, Clock::time_point now);
    void resume(const std::string& profile, const std::string& item, Clock::time_point now);
    // Forgets what FSRS learnt of the item: it is new again (its log stays).
    void reset(const std::string& profile, const std::string& item, Clock::time_point now);

    // Adds events from elsewhere (sync, tests); an id already present is skipped. Returns how
    // many were new.
    std::size_t import(const std::vector<ReviewEvent>& events);

    std::vector<ReviewEvent> events(const std::string& profile) const;
    // Every item in revision (and every item with an event), by item id.
    std::map<std::string, ItemSchedule> schedules(const std::string& profile) const;
    std::optional<ItemSchedule> schedule(const std::string& profile, const std::string& item) const;
    // What is due now: reviews by due time, then new items; suspended items never.
    std::vector<DueItem> due(const std::string& profile, Clock::time_point now) const;
    RevisionStats stats(const std::string& profile, Clock::time_point now) const;
    // Both from one reading of the log (Home and the progress screen need both).
    struct Overview {
        std::vector<DueItem> due;
        RevisionStats stats;
    };
    Overview overview(const std::string& profile, Clock::time_point now) const;

    // The same figures from given schedules and the log (each event once, as the database keeps
    // it), for the benchmark and tests.
    std::vector<DueItem> due_from(const std::map<std::string, ItemSchedule>& schedules,
                                  Clock::time_point now) const;
    RevisionStats stats_from(const std::map<std::string, ItemSchedule>& schedules,
                             const std::vector<ReviewEvent>& events, const fsrs::Parameters& p,
                             Clock::time_point now) const;

  private:
    const RevisionItem& known(const std::string& item) const;
    ReviewEvent append(const std::string& profile, const std::string& item, ReviewAction action,
                       int rating, const std::string& answer, bool guess, Clock::time_point now);
    std::map<std::string, std::int64_t> enrolments(const std::string& profile) const;
    // The events as scheduling needs them (id, item, time, action, rating).
    std::vector<ReviewEvent> log(const std::string& profile) const;
    std::string device() const;

    Store* store_;
    const Library* library_;
    std::vector<RevisionItem> items_;
    std::map<std::string, std::size_t> index_;
};

} // namespace casebook
