// Revision items from the case library, and schedules derived from the review log.
#include "casebook/revision.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace casebook {

const char* to_string(ReviewAction action) {
    switch (action) {
    case ReviewAction::review:
        return "review";
    case ReviewAction::add:
        return "add";
    case ReviewAction::suspend:
        return "suspend";
    case ReviewAction::resume:
        return "resume";
    case ReviewAction::reset:
        return "reset";
    }
    return "review";
}

std::optional<ReviewAction> review_action_from_string(const std::string& text) {
    for (auto a : {ReviewAction::review, ReviewAction::add, ReviewAction::suspend,
                   ReviewAction::resume, ReviewAction::reset})
        if (text == to_string(a)) return a;
    return std::nullopt;
}

Rating rating_for(Grade grade, bool guess) {
    if (guess) return Rating::again;
    switch (grade) {
    case Grade::best:
        return Rating::good;
    case Grade::acceptable:
        return Rating::hard;
    case Grade::unsafe:
        return Rating::again;
    }
    return Rating::again;
}

namespace {

constexpr std::int64_t ms_per_day = 86'400'000;

// A recall prompt for a learning point whose case file wrote none: where it is from, and its
// first words as a cue.
std::string generated_prompt(const Case& c, std::size_t index) {
    const std::string& text = c.learning_points[index];
    std::string cue;
    int words = 0;
    for (std::size_t i = 0; i < text.size() && words < 4; ++i) {
        if (text[i] == ' ') ++words;
        if (words < 4) cue += text[i];
    }
    if (cue.size() < text.size()) cue += "...";
    return "From \"" + c.title + "\": what is learning point " + std::to_string(index + 1) +
           " of " + std::to_string(c.learning_points.size()) + "? It begins: " + cue;
}

} // namespace

std::vector<RevisionItem> revision_items(const Library& library) {
    std::vector<RevisionItem> out;
    for (const auto& c : library.cases()) {
        for (const auto& d : c.decisions) {
            RevisionItem item;
            item.id = "decision:" + c.id + "/" + d.id;
            item.kind = ItemKind::decision;
            item.source = &c;
            item.decision = &d;
            item.prompt = d.prompt;
            item.written_prompt = true;
            out.push_back(std::move(item));
        }
        for (std::size_t i = 0; i < c.learning_points.size(); ++i) {
            RevisionItem item;
            item.id = "point:" + c.id + "/" + std::to_string(i + 1);
            item.kind = ItemKind::learning_point;
            item.source = &c;
            item.point = static_cast<int>(i + 1);
            const bool written = i < c.learning_prompts.size() && !c.learning_prompts[i].empty();
            item.prompt = written ? c.learning_prompts[i] : generated_prompt(c, i);
            item.written_prompt = written;
            item.answer = c.learning_points[i];
            out.push_back(std::move(item));
        }
    }
    return out;
}

std::optional<RevisionItem> revision_item(const Library& library, const std::string& id) {
    for (auto& item : revision_items(library))
        if (item.id == id) return item;
    return std::nullopt;
}

std::map<std::string, ItemSchedule>
derive_schedules(const std::vector<ReviewEvent>& events,
                 const std::map<std::string, std::int64_t>& enrolments,
                 const fsrs::Parameters& parameters) {
    // The sort and the walk below use a compact key per event (item as a small number, time,
    // action, rating) so they stay in cache; the events themselves are read only to break a tie.
    struct Key {
        std::uint32_t item;
        std::uint32_t index;
        std::int64_t at_ms;
        ReviewAction action;
        int rating;
    };
    std::unordered_map<std::string_view, std::uint32_t> item_numbers;
    std::vector<Key> keys(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        const ReviewEvent& e = events[i];
        std::uint32_t item = 0;
        // A log read from the database comes grouped by item: the previous number is likely it.
        if (i > 0 && e.item == events[i - 1].item)
            item = keys[i - 1].item;
        else
            item = item_numbers.try_emplace(e.item, static_cast<std::uint32_t>(item_numbers.size()))
                       .first->second;
        keys[i] = {item, static_cast<std::uint32_t>(i), e.at_ms, e.action, e.rating};
    }
    // Per item in time order; the id (then the content) breaks ties, so the order never depends
    // on arrival. Copies of one event end up side by side and are taken once.
    const auto before = [&](const Key& x, const Key& y) {
        if (x.item != y.item) return x.item < y.item;
        if (x.at_ms != y.at_ms) return x.at_ms < y.at_ms;
        if (const int c = events[x.index].id.compare(events[y.index].id); c != 0) return c < 0;
        return std::tie(x.action, x.rating) < std::tie(y.action, y.rating);
    };
    if (!std::is_sorted(keys.begin(), keys.end(), before))
        std::sort(keys.begin(), keys.end(), before);

    std::map<std::string, ItemSchedule> out;
    for (const auto& [item, at] : enrolments) {
        auto& s = out[item];
        s.item = item;
        s.enrolled = true;
        s.enrolled_ms = at;
        s.due_ms = at;
    }
    ItemSchedule* s = nullptr;
    const Key* previous = nullptr;
    for (const Key& k : keys) {
        // A copy of the event just taken: same item, time and id.
        if (previous && previous->item == k.item && previous->at_ms == k.at_ms &&
            events[previous->index].id == events[k.index].id)
            continue;
        const bool new_item = !previous || previous->item != k.item;
        previous = &k;
        if (new_item) {
            const std::string& item = events[k.index].item;
            s = &out[item];
            s->item = item;
        }
        const Key& e = k;
        auto enrol = [&] {
            if (!s->enrolled || e.at_ms < s->enrolled_ms) {
                s->enrolled_ms = e.at_ms;
                if (s->is_new() && (!s->enrolled || s->due_ms > e.at_ms)) s->due_ms = e.at_ms;
            }
            s->enrolled = true;
        };
        switch (e.action) {
        case ReviewAction::add:
            enrol();
            break;
        case ReviewAction::suspend:
            s->suspended = true;
            break;
        case ReviewAction::resume:
            s->suspended = false;
            break;
        case ReviewAction::reset:
            enrol();
            s->memory.reset();
            s->reviews = 0;
            s->lapses = 0;
            s->last_review_ms = 0;
            s->interval_days = 0;
            s->due_ms = e.at_ms;
            break;
        case ReviewAction::review: {
            if (e.rating < 1 || e.rating > 4) break;
            enrol();
            const auto rating = static_cast<Rating>(e.rating);
            const double elapsed =
                static_cast<double>(e.at_ms - s->last_review_ms) / static_cast<double>(ms_per_day);
            s->memory = fsrs::review(s->memory, elapsed, rating, parameters);
            ++s->reviews;
            if (rating == Rating::again) ++s->lapses;
            s->last_review_ms = e.at_ms;
            s->interval_days = fsrs::interval_days(s->memory->stability, parameters);
            s->due_ms = e.at_ms + static_cast<std::int64_t>(s->interval_days) * ms_per_day;
            break;
        }
        }
    }
    return out;
}

} // namespace casebook
