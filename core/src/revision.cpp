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
    // Items as small numbers, so the sort below compares integers, not long item ids.
    std::unordered_map<std::string_view, std::uint32_t> item_numbers;
    std::vector<std::uint32_t> item_of(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        // A log read from the database comes grouped by item: the previous number is likely it.
        if (i > 0 && events[i].item == events[i - 1].item)
            item_of[i] = item_of[i - 1];
        else
            item_of[i] =
                item_numbers
                    .try_emplace(events[i].item, static_cast<std::uint32_t>(item_numbers.size()))
                    .first->second;
    }
    // Per item in time order; the id (then the content) breaks ties, so the order never depends
    // on arrival. Copies of one event end up side by side and are taken once.
    std::vector<std::uint32_t> order(events.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    const auto before = [&](std::uint32_t x, std::uint32_t y) {
        const ReviewEvent& a = events[x];
        const ReviewEvent& b = events[y];
        if (item_of[x] != item_of[y]) return item_of[x] < item_of[y];
        if (a.at_ms != b.at_ms) return a.at_ms < b.at_ms;
        if (const int c = a.id.compare(b.id); c != 0) return c < 0;
        return std::tie(a.action, a.rating) < std::tie(b.action, b.rating);
    };
    if (!std::is_sorted(order.begin(), order.end(), before))
        std::sort(order.begin(), order.end(), before);

    std::map<std::string, ItemSchedule> out;
    for (const auto& [item, at] : enrolments) {
        auto& s = out[item];
        s.item = item;
        s.enrolled = true;
        s.enrolled_ms = at;
        s.due_ms = at;
    }
    ItemSchedule* s = nullptr;
    const ReviewEvent* previous = nullptr;
    std::uint32_t current_item = 0;
    for (const auto i : order) {
        const ReviewEvent& e = events[i];
        if (previous && previous->id == e.id) continue; // a copy of the event just taken
        previous = &e;
        if (!s || item_of[i] != current_item) {
            current_item = item_of[i];
            s = &out[e.item];
            s->item = e.item;
        }
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
