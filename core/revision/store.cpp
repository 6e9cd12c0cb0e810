// The Revision façade: the review log in the Store's database, and what is derived from it.
#include "casebook/revision.hpp"
#include "store/sqlite.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace casebook {

using detail::Statement;

namespace {

constexpr std::int64_t ms_per_day = 86'400'000;

std::int64_t to_ms(Revision::Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// "YYYY-MM-DDTHH:MM:SS(.mmm)Z" as Unix milliseconds; 0 if it is not one.
std::int64_t parse_iso_ms(const std::string& text) {
    std::tm tm{};
    int ms = 0;
    const int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d", &tm.tm_year, &tm.tm_mon,
                              &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms);
    if (n < 6) return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<std::int64_t>(timegm(&tm)) * 1000 + (n == 7 ? ms : 0);
}

std::string setting_key(const char* name, const std::string& profile) {
    return std::string("revision.") + name + "/" + profile;
}

} // namespace

Revision::Revision(Store& store, const Library& library)
    : store_(&store), library_(&library), items_(revision_items(library)) {
    for (std::size_t i = 0; i < items_.size(); ++i)
        index_[items_[i].id] = i;
}

fsrs::Parameters Revision::parameters(const std::string& profile) const {
    fsrs::Parameters p;
    const auto retention = store_->setting(setting_key("retention", profile));
    if (!retention.empty()) p.target_retention = std::stod(retention);
    const auto maximum = store_->setting(setting_key("maximum_interval", profile));
    if (!maximum.empty()) p.maximum_interval_days = std::stoi(maximum);
    return p;
}

void Revision::set_target_retention(const std::string& profile, double retention) {
    if (!(retention >= 0.7 && retention <= 0.99))
        throw RevisionError("target retention must be between 0.70 and 0.99");
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", retention);
    store_->set_setting(setting_key("retention", profile), text);
}

void Revision::set_maximum_interval(const std::string& profile, int days) {
    if (days < 1 || days > 36500)
        throw RevisionError("the maximum interval must be between 1 and 36500 days");
    store_->set_setting(setting_key("maximum_interval", profile), std::to_string(days));
}

const RevisionItem& Revision::known(const std::string& item) const {
    auto it = index_.find(item);
    if (it == index_.end())
        throw RevisionError("no revision item '" + item +
                            "' (items look like decision:<case>/<decision> or point:<case>/<n>)");
    return items_[it->second];
}

std::string Revision::device() const {
    // The sync's device id once there is one; before that a random id kept for this purpose.
    {
        Statement s(store_->db(), "SELECT value FROM sync_meta WHERE key = 'device_id'");
        if (s.step() && !s.text(0).empty()) return s.text(0);
    }
    auto id = store_->setting("revision.device");
    if (id.empty()) {
        id = random_id();
        store_->set_setting("revision.device", id);
    }
    return id;
}

ReviewEvent Revision::append(const std::string& profile, const std::string& item,
                             ReviewAction action, int rating, const std::string& answer, bool guess,
                             Clock::time_point now) {
    ReviewEvent e{random_id(), profile, item, to_ms(now), action, rating, answer, guess, device()};
    import({e});
    return e;
}

std::size_t Revision::import(const std::vector<ReviewEvent>& events) {
    detail::Transaction tx(store_->db());
    Statement s(store_->db(),
                "INSERT INTO review_event (id, profile_id, item, at_ms, action, rating, answer, "
                "guess, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                "ON CONFLICT (id) DO NOTHING");
    std::size_t added = 0;
    for (const auto& e : events) {
        s.reset();
        s.bind(1, e.id).bind(2, e.profile_id).bind(3, e.item).bind_int64(4, e.at_ms);
        s.bind(5, to_string(e.action)).bind_int64(6, e.rating).bind(7, e.answer);
        s.bind_int64(8, e.guess ? 1 : 0).bind(9, e.device);
        s.step();
        added += static_cast<std::size_t>(store_->db().changes());
    }
    tx.commit();
    return added;
}

AnswerResult Revision::answer(const std::string& profile, const std::string& item,
                              const std::string& option_key, bool guess, Clock::time_point now) {
    const auto& it = known(item);
    if (it.kind != ItemKind::decision)
        throw RevisionError("'" + item +
                            "' is a learning point: grade it (again, hard, good, "
                            "easy) instead of answering");
    const Option* option = it.decision->option(option_key);
    if (!option) {
        std::string keys;
        for (const auto& o : it.decision->options)
            keys += (keys.empty() ? "" : ", ") + o.key;
        throw RevisionError("'" + option_key + "' is not an option of " + item +
                            " (options: " + keys + ")");
    }
    const Rating rating = rating_for(option->grade, guess);
    AnswerResult result;
    result.event = append(profile, item, ReviewAction::review, static_cast<int>(rating),
                          option->key, guess, now);
    result.grade = option->grade;
    result.option = option;
    result.schedule = schedule(profile, item).value_or(ItemSchedule{});
    return result;
}

ItemSchedule Revision::grade(const std::string& profile, const std::string& item, Rating rating,
                             Clock::time_point now) {
    known(item);
    append(profile, item, ReviewAction::review, static_cast<int>(rating), {}, false, now);
    return schedule(profile, item).value_or(ItemSchedule{});
}

void Revision::add(const std::string& profile, const std::string& item, Clock::time_point now) {
    known(item);
    append(profile, item, ReviewAction::add, 0, {}, false, now);
}

void Revision::suspend(const std::string& profile, const std::string& item, Clock::time_point now) {
    known(item);
    append(profile, item, ReviewAction::suspend, 0, {}, false, now);
}

void Revision::resume(const std::string& profile, const std::string& item, Clock::time_point now) {
    known(item);
    append(profile, item, ReviewAction::resume, 0, {}, false, now);
}

void Revision::reset(const std::string& profile, const std::string& item, Clock::time_point now) {
    known(item);
    append(profile, item, ReviewAction::reset, 0, {}, false, now);
}

std::vector<ReviewEvent> Revision::events(const std::string& profile) const {
    std::vector<ReviewEvent> out;
    Statement s(store_->db(),
                "SELECT id, item, at_ms, action, rating, answer, guess, device FROM review_event "
                "WHERE profile_id = ?");
    s.bind(1, profile);
    while (s.step()) {
        ReviewEvent e;
        e.id = s.text(0);
        e.profile_id = profile;
        e.item = s.text(1);
        e.at_ms = s.integer64(2);
        e.action = review_action_from_string(s.text(3)).value_or(ReviewAction::review);
        e.rating = s.integer(4);
        e.answer = s.text(5);
        e.guess = s.integer(6) != 0;
        e.device = s.text(7);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<ReviewEvent> Revision::log(const std::string& profile) const {
    // What scheduling and the progress figures need, and nothing more (this runs often).
    std::vector<ReviewEvent> out;
    Statement s(store_->db(), "SELECT id, item, at_ms, action, rating FROM review_event "
                              "INDEXED BY review_event_profile WHERE profile_id = ?");
    s.bind(1, profile);
    while (s.step()) {
        ReviewEvent& e = out.emplace_back();
        e.id = s.text(0);
        e.item = s.text(1);
        e.at_ms = s.integer64(2);
        const std::string action = s.text(3);
        e.action = action == "review"
                       ? ReviewAction::review
                       : review_action_from_string(action).value_or(ReviewAction::add);
        e.rating = s.integer(4);
    }
    return out;
}

std::map<std::string, std::int64_t> Revision::enrolments(const std::string& profile) const {
    // Every item of a case enters revision when the profile first completes the case.
    std::map<std::string, std::int64_t> out;
    Statement s(store_->db(),
                "SELECT case_id, MIN(finished_at) FROM attempt WHERE profile_id = ? AND "
                "finished_at IS NOT NULL AND finished_at <> '' GROUP BY case_id");
    s.bind(1, profile);
    while (s.step()) {
        const auto* c = library_->find(s.text(0));
        if (!c) continue;
        const auto at = parse_iso_ms(s.text(1));
        for (const auto& item : items_)
            if (item.source == c) out[item.id] = at;
    }
    return out;
}

std::map<std::string, ItemSchedule> Revision::schedules(const std::string& profile) const {
    return derive_schedules(log(profile), enrolments(profile), parameters(profile));
}

std::optional<ItemSchedule> Revision::schedule(const std::string& profile,
                                               const std::string& item) const {
    auto all = schedules(profile);
    auto it = all.find(item);
    if (it == all.end()) return std::nullopt;
    return it->second;
}

std::vector<DueItem> Revision::due(const std::string& profile, Clock::time_point now) const {
    return due_from(schedules(profile), now);
}

std::vector<DueItem> Revision::due_from(const std::map<std::string, ItemSchedule>& schedules,
                                        Clock::time_point now) const {
    const auto now_ms = to_ms(now);
    std::vector<DueItem> out;
    for (const auto& [id, s] : schedules) {
        if (!s.enrolled || s.suspended || s.due_ms > now_ms) continue;
        auto it = index_.find(id);
        if (it == index_.end()) continue; // an item of a case this library does not have
        out.push_back({items_[it->second], s});
    }
    // Reviews first, the longest overdue first; then new items in the order they came in.
    std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
        if (a.schedule.is_new() != b.schedule.is_new()) return !a.schedule.is_new();
        return a.schedule.due_ms < b.schedule.due_ms;
    });
    return out;
}

RevisionStats Revision::stats(const std::string& profile, Clock::time_point now) const {
    const auto ev = log(profile);
    const auto p = parameters(profile);
    auto sched = derive_schedules(ev, enrolments(profile), p);
    return stats_from(sched, ev, p, now);
}

Revision::Overview Revision::overview(const std::string& profile, Clock::time_point now) const {
    const auto ev = log(profile);
    const auto p = parameters(profile);
    const auto sched = derive_schedules(ev, enrolments(profile), p);
    return {due_from(sched, now), stats_from(sched, ev, p, now)};
}

RevisionStats Revision::stats_from(const std::map<std::string, ItemSchedule>& schedules,
                                   const std::vector<ReviewEvent>& events, const fsrs::Parameters&,
                                   Clock::time_point now) const {
    RevisionStats st;
    const auto now_ms = to_ms(now);
    const auto today = now_ms / ms_per_day;

    int reviews_30 = 0, right_30 = 0;
    for (const auto& e : events) {
        if (e.action != ReviewAction::review) continue;
        ++st.reviews_total;
        const auto day = e.at_ms / ms_per_day;
        if (day > today || day <= today - 30) continue;
        const auto slot = static_cast<std::size_t>(29 - (today - day));
        ++st.reviews_per_day[slot];
        ++reviews_30;
        if (e.rating >= static_cast<int>(Rating::good)) {
            ++st.right_per_day[slot];
            ++right_30;
        }
    }
    st.right_share = reviews_30 ? static_cast<double>(right_30) / reviews_30 : 0.0;

    // Predicted recall now of every item of the library (0 for one never reviewed).
    std::vector<double> recall(items_.size(), 0.0);
    std::vector<bool> reviewed(items_.size(), false);
    double recall_sum = 0;
    int recall_count = 0;
    for (const auto& [id, s] : schedules) {
        if (!s.enrolled) continue;
        ++st.enrolled;
        if (s.suspended) ++st.suspended;
        if (s.is_new()) ++st.new_items;
        if (!s.suspended) {
            if (s.due_ms <= now_ms) ++st.due_now;
            const auto day = std::max<std::int64_t>(s.due_ms / ms_per_day - today, 0);
            if (day < 14) ++st.due_per_day[static_cast<std::size_t>(day)];
        }
        if (!s.memory) continue;
        const double r = fsrs::retrievability(
            static_cast<double>(now_ms - s.last_review_ms) / ms_per_day, s.memory->stability);
        recall_sum += r;
        ++recall_count;
        if (auto it = index_.find(id); it != index_.end()) {
            recall[it->second] = r;
            reviewed[it->second] = true;
        }
    }
    st.predicted_retention = recall_count ? recall_sum / recall_count : 0.0;
    st.minutes_due = (st.due_now * seconds_per_item + 59) / 60;

    std::map<std::string, TopicMastery> topics, nations;
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const Case& c = *items_[i].source;
        auto count = [&](TopicMastery& m) {
            ++m.items;
            if (reviewed[i]) ++m.reviewed;
            m.mastery += recall[i];
        };
        for (const auto& t : c.topics) {
            auto& m = topics[t];
            m.key = t;
            count(m);
        }
        auto& n = nations[c.jurisdiction];
        n.key = c.jurisdiction;
        count(n);
    }
    for (auto* group : {&topics, &nations}) {
        auto& list = group == &topics ? st.by_topic : st.by_jurisdiction;
        for (auto& [key, m] : *group) {
            if (m.items) m.mastery /= m.items;
            list.push_back(m);
        }
    }
    return st;
}

} // namespace casebook
