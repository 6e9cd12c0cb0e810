// Revision: Home's "7 to revise" with its button, the revision session (one item per screen) and
// the progress screen. Every answer is written to the review log as it is given, so leaving a
// session midway keeps what was done.
#include "screens/revision.hpp"

#include "gui_app.hpp"
#include "session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace casebook::gui {

namespace {

using Clock = Revision::Clock;
using Labeller = std::string (*)(const std::string&);
constexpr std::int64_t day_ms = 86'400'000;

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
        .count();
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "in 3 days", "tomorrow", "today".
std::string when_due(std::int64_t due_ms, std::int64_t now) {
    const auto days = due_ms / day_ms - now / day_ms;
    if (days <= 0) return "today";
    if (days == 1) return "tomorrow";
    return "in " + std::to_string(days) + " days";
}

std::string days_text(int days) {
    return days == 1 ? "1 day" : std::to_string(days) + " days";
}

std::string percent(double fraction) {
    return std::to_string(static_cast<int>(std::lround(fraction * 100))) + "%";
}

// Digits typed on a keyboard this frame ('1' to '4' -> 0 to 3).
std::optional<std::size_t> digit_key() {
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters)
        if (c >= '1' && c <= '4') return static_cast<std::size_t>(c - '1');
    return std::nullopt;
}

bool key(ImGuiKey k) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), false);
}

const ImVec4& colour_of(const Palette& p, Grade g) {
    return g == Grade::best ? p.best : g == Grade::acceptable ? p.acceptable : p.unsafe;
}

const char* grade_name(Grade g) {
    return g == Grade::best ? "Best" : g == Grade::acceptable ? "Acceptable" : "Unsafe";
}

// Bars from the draw list: `primary` stacked under `secondary`, with a caption at each end.
void bar_chart(Ui& ui, const char* id, const std::vector<int>& primary,
               const std::vector<int>& secondary, const ImVec4& primary_colour,
               const ImVec4& secondary_colour, const char* left, const char* right) {
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    const float w = ui.avail();
    const float h = m.font_px * 7;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float label_h = m.font_px * 1.3f; // room for the count above the tallest bar
    ImGui::Dummy({w, label_h + h + m.font_px * 1.4f});
    ui.record(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int top = 1;
    for (std::size_t i = 0; i < primary.size(); ++i)
        top = std::max(top, primary[i] + (i < secondary.size() ? secondary[i] : 0));
    const float n = static_cast<float>(primary.size());
    const float slot = w / n;
    const float bar = std::max(2.0f, slot * 0.7f);
    const float base = pos.y + label_h + h;
    dl->AddLine({pos.x, base}, {pos.x + w, base}, u32(p.border), std::max(1.0f, m.dp));
    for (std::size_t i = 0; i < primary.size(); ++i) {
        const float x = pos.x + slot * static_cast<float>(i) + (slot - bar) * 0.5f;
        const float h1 = h * static_cast<float>(primary[i]) / static_cast<float>(top);
        const int second = i < secondary.size() ? secondary[i] : 0;
        const float h2 = h * static_cast<float>(second) / static_cast<float>(top);
        if (h1 > 0) dl->AddRectFilled({x, base - h1}, {x + bar, base}, u32(primary_colour));
        if (h2 > 0)
            dl->AddRectFilled({x, base - h1 - h2}, {x + bar, base - h1}, u32(secondary_colour));
        const int total = primary[i] + second;
        if (total > 0 && slot >= m.font_px * 1.2f) {
            const std::string label = std::to_string(total);
            const ImVec2 size = ImGui::CalcTextSize(label.c_str());
            dl->AddText({x + (bar - size.x) * 0.5f, base - h1 - h2 - size.y}, u32(p.text),
                        label.c_str());
        }
    }
    dl->AddText({pos.x, base + m.font_px * 0.2f}, u32(p.muted), left);
    const float rw = ImGui::CalcTextSize(right).x;
    dl->AddText({pos.x + w - rw, base + m.font_px * 0.2f}, u32(p.muted), right);
}

// A label and a bar of how well it is held.
void mastery_rows(Ui& ui, const std::vector<TopicMastery>& rows, Labeller label) {
    const UiMetrics& m = ui.metrics;
    for (const auto& row : rows) {
        paragraph(ui, label(row.key));
        const std::string text = percent(row.mastery) + "  (" + std::to_string(row.reviewed) +
                                 " of " + std::to_string(row.items) + " reviewed)";
        progress_bar(ui, static_cast<float>(row.mastery), m.font_px * 1.5f, text);
        ImGui::Dummy({0, m.gap() * 0.5f});
    }
}

} // namespace

void RevisionScreen::start(const std::string& who) {
    queue = revision.due(who, Clock::now());
    index = 0;
    revealed = false;
    guess = false;
    answered.reset();
    finished = queue.empty();
    reviewed = right = lapses = 0;
    next_due_after = 0;
    parameters = revision.parameters(who);
    message.clear();
}

void RevisionScreen::refresh_progress(const std::string& who) {
    stats.reset(); // if reading fails, the screen tries again rather than show old figures
    stats = revision.stats(who, Clock::now());
    target_retention = revision.parameters(who).target_retention;
}

void RevisionScreen::refresh_home(const std::string& who) {
    auto& r = *this;
    // Arriving at Home: count what is due now.
    try {
        r.due = r.revision.due(who, Clock::now()).size();
        r.next_due_ms = 0;
        for (const auto& [id, s] : r.revision.schedules(who))
            if (s.enrolled && !s.suspended && (!r.next_due_ms || s.due_ms < r.next_due_ms))
                r.next_due_ms = s.due_ms;
    } catch (const std::exception& e) {
        r.due = 0;
        r.message = e.what();
    }
}

void RevisionScreen::home(Context& cx) {
    auto& r = *this;
    Ui& ui = cx.ui;

    heading(ui, "Revision");
    if (r.due > 0) {
        const auto minutes = std::max<std::size_t>(1, (r.due * seconds_per_item + 59) / 60);
        paragraph(ui, std::to_string(r.due) + " to revise, about " +
                          plural(minutes, "minute", "minutes"));
        if (big_button(ui, "home-revise", "Start revising", 0, true)) {
            cx.app.open_revision();
            return;
        }
    } else if (r.next_due_ms) {
        muted(ui, "Nothing to revise now. The next item comes back " +
                      when_due(r.next_due_ms, now_ms()) + ".");
    } else {
        muted(ui, "Finish a case and its decisions and learning points come back here, just "
                  "before you would forget them.");
    }
    if (big_button(ui, "home-progress", "Your revision progress")) cx.app.open_progress();
}

void RevisionScreen::draw(Context& cx) {
    auto& r = *this;
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    const auto& who = cx.profile;

    if (ui.fonts.title) ImGui::PushFont(ui.fonts.title);
    paragraph(ui, r.finished ? "Done for now" : "Revision");
    if (ui.fonts.title) ImGui::PopFont();
    const std::size_t total = r.queue.size();
    const std::size_t done = r.finished ? total : r.index;
    const std::string count = std::to_string(done) + " of " + std::to_string(total);
    progress_bar(ui, total ? static_cast<float>(done) / static_cast<float>(total) : 1.0f,
                 m.font_px * 1.5f, count);
    ImGui::Dummy({0, m.gap()});

    if (r.finished) {
        if (total == 0 && r.reviewed == 0) {
            paragraph(ui, "Nothing is due now.");
        } else {
            paragraph(ui, "Reviewed: " + std::to_string(r.reviewed));
            paragraph(ui,
                      "Right first time: " + std::to_string(r.right) +
                          (r.reviewed ? " (" + percent(double(r.right) / r.reviewed) + ")" : ""));
            paragraph(ui, "Lapses: " + std::to_string(r.lapses));
        }
        if (r.next_due_after) paragraph(ui, "Next due: " + when_due(r.next_due_after, now_ms()));
        ImGui::Dummy({0, m.gap()});
        if (big_button(ui, "revision-home", "Back to home", 0, true) || key(ImGuiKey_Enter))
            cx.app.open_home();
        else if (big_button(ui, "revision-progress", "See your progress"))
            cx.app.open_progress();
        return;
    }

    const DueItem& current = r.queue[r.index];
    const RevisionItem& item = current.item;
    const Case& c = *item.source;
    muted(ui, std::string(item.kind == ItemKind::decision ? "A decision" : "A learning point") +
                  " from \"" + c.title + "\"" + (current.schedule.is_new() ? "  ·  new" : ""));

    auto next_item = [&] {
        r.answered.reset();
        r.revealed = false;
        r.guess = false;
        if (++r.index >= r.queue.size()) {
            r.finished = true;
            r.next_due_after = 0;
            for (const auto& [id, s] : r.revision.schedules(who))
                if (s.enrolled && !s.suspended &&
                    (!r.next_due_after || s.due_ms < r.next_due_after))
                    r.next_due_after = s.due_ms;
        }
        cx.scroll_to_top();
    };

    if (item.kind == ItemKind::decision) {
        const Decision& d = *item.decision;
        for (const auto& para : d.before)
            paragraph(ui, para);
        if (d.before.empty()) paragraph(ui, c.summary);
        ImGui::Dummy({0, m.gap()});
        if (ui.fonts.heading) ImGui::PushFont(ui.fonts.heading);
        paragraph(ui, d.prompt);
        if (ui.fonts.heading) ImGui::PopFont();
        std::optional<std::size_t> pick;
        if (!r.answered) pick = digit_key();
        for (std::size_t i = 0; i < d.options.size(); ++i) {
            const Option& o = d.options[i];
            OptionLook look = OptionLook::open;
            if (r.answered)
                look = r.answered->option == &o ? OptionLook::chosen : OptionLook::other;
            const std::string id = "revision-option-" + o.key;
            if (option_button(ui, id.c_str(), o.key, o.text, look, colour_of(p, o.grade)) &&
                !r.answered)
                pick = i;
        }
        if (!r.answered) {
            if (big_button(ui, "revision-guess",
                           r.guess ? "Marked as a guess (counts as a lapse): tap to unmark"
                                   : "I'm guessing"))
                r.guess = !r.guess;
            if (pick && *pick < d.options.size()) {
                try {
                    r.answered = r.revision.answer(who, item.id, d.options[*pick].key, r.guess,
                                                   Clock::now());
                    ++r.reviewed;
                    const auto rating = static_cast<Rating>(r.answered->event.rating);
                    if (rating == Rating::good || rating == Rating::easy) ++r.right;
                    if (rating == Rating::again) ++r.lapses;
                    r.message.clear();
                } catch (const std::exception& e) {
                    r.message = std::string("Not saved: ") + e.what();
                }
            }
        } else {
            const Option& chosen = *r.answered->option;
            panel(ui, std::string(grade_name(chosen.grade)) + (r.guess ? " (a guess)" : ""),
                  chosen.feedback, colour_of(p, chosen.grade));
            if (chosen.grade != Grade::best)
                for (const auto& o : d.options)
                    if (o.grade == Grade::best)
                        panel(ui, "The best answer: " + o.key, o.text + "\n" + o.feedback, p.best);
            for (const auto& cite : c.citations) {
                const std::string label = cite.para.empty() ? cite.topic : "para " + cite.para;
                panel(ui, "The guidance, " + label, cite.applies, p.accent);
            }
            if (!c.learning_points.empty())
                panel(ui, "Learning point", c.learning_points.front(), p.accent);
            muted(ui, "Back " + when_due(r.answered->schedule.due_ms, now_ms()) + ".");
            if (big_button(ui, "revision-next", "Next", 0, true) || key(ImGuiKey_Enter))
                next_item();
        }
    } else {
        if (ui.fonts.heading) ImGui::PushFont(ui.fonts.heading);
        paragraph(ui, item.prompt);
        if (ui.fonts.heading) ImGui::PopFont();
        if (!r.revealed) {
            muted(ui, "Recall it, then show the answer.");
            if (big_button(ui, "revision-reveal", "Show the answer", 0, true) ||
                key(ImGuiKey_Space))
                r.revealed = true;
        } else {
            panel(ui, "The learning point", item.answer, p.accent);
            muted(ui, "How well did you recall it?");
            // Each button says when the item would come back.
            const auto& params = r.parameters;
            const double elapsed =
                current.schedule.memory
                    ? static_cast<double>(now_ms() - current.schedule.last_review_ms) / day_ms
                    : 0.0;
            static const char* const names[] = {"Again", "Hard", "Good", "Easy"};
            std::optional<std::size_t> pick = digit_key();
            const float gap = m.gap();
            const bool two_rows = ui.avail() < m.font_px * 30;
            const float w = two_rows ? (ui.avail() - gap) / 2 : (ui.avail() - 3 * gap) / 4;
            for (std::size_t i = 0; i < 4; ++i) {
                const auto rating = static_cast<Rating>(i + 1);
                const auto after = fsrs::review(current.schedule.memory, elapsed, rating, params);
                const std::string text = std::to_string(i + 1) + "  " + names[i] + "\n" +
                                         days_text(fsrs::interval_days(after.stability, params));
                const std::string id = std::string("revision-grade-") + to_string(rating);
                if (i % (two_rows ? 2 : 4) != 0) ImGui::SameLine(0, gap);
                if (big_button(ui, id.c_str(), text, w, rating == Rating::good)) pick = i;
            }
            if (pick) {
                try {
                    const auto rating = static_cast<Rating>(*pick + 1);
                    r.revision.grade(who, item.id, rating, Clock::now());
                    ++r.reviewed;
                    if (rating == Rating::good || rating == Rating::easy) ++r.right;
                    if (rating == Rating::again) ++r.lapses;
                    r.message.clear();
                    next_item();
                } catch (const std::exception& e) {
                    r.message = std::string("Not saved: ") + e.what();
                }
            }
        }
    }
    if (!r.message.empty()) panel(ui, "Something went wrong", r.message, p.unsafe);
    ImGui::Dummy({0, m.gap() * 2});
    muted(ui, "Keys: 1 to 4 answer or grade, Space shows the answer, Enter goes on.");
    if (big_button(ui, "revision-stop", "Stop for now (what you did is kept)")) cx.app.open_home();
}

void RevisionScreen::draw_progress(Context& cx) {
    auto& r = *this;
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    if (!r.stats) r.stats = r.revision.stats(cx.profile, Clock::now());
    const RevisionStats& st = *r.stats;

    if (ui.fonts.title) ImGui::PushFont(ui.fonts.title);
    paragraph(ui, "Revision progress");
    if (ui.fonts.title) ImGui::PopFont();
    int reviews_30 = 0, right_30 = 0;
    for (std::size_t i = 0; i < st.reviews_per_day.size(); ++i) {
        reviews_30 += st.reviews_per_day[i];
        right_30 += st.right_per_day[i];
    }
    paragraph(ui, "In revision: " + std::to_string(st.enrolled) + " (" +
                      std::to_string(st.new_items) + " new, " + std::to_string(st.suspended) +
                      " suspended)");
    paragraph(ui, "Due now: " + std::to_string(st.due_now));
    paragraph(ui, "Answered right, last 30 days: " + (reviews_30 ? percent(st.right_share) : "-"));
    paragraph(ui, "Predicted retention now: " +
                      (st.predicted_retention > 0 ? percent(st.predicted_retention) : "-"));
    if (st.due_now > 0 &&
        big_button(ui, "progress-revise", "Revise the " + std::to_string(st.due_now) + " due now",
                   0, true)) {
        cx.app.open_revision();
        return;
    }

    heading(ui, "Reviews per day, last 30 days");
    std::vector<int> right_days(st.right_per_day.begin(), st.right_per_day.end());
    std::vector<int> other(30);
    for (std::size_t i = 0; i < 30; ++i)
        other[i] = st.reviews_per_day[i] - st.right_per_day[i];
    bar_chart(ui, "progress-reviews", right_days, other, p.best, p.unsafe, "30 days ago", "today");
    muted(ui, std::to_string(reviews_30) + " reviews: " + std::to_string(right_30) +
                  " right (green), " + std::to_string(reviews_30 - right_30) + " not (red).");

    heading(ui, "Due in the next 14 days");
    std::vector<int> ahead(st.due_per_day.begin(), st.due_per_day.end());
    bar_chart(ui, "progress-due", ahead, {}, p.accent, p.accent, "today", "in 13 days");

    // The target retention: how sure recall should still be when an item comes back.
    heading(ui, "How often items come back");
    const int target = static_cast<int>(std::lround(r.target_retention * 100));
    paragraph(ui, "Items come back when you are likely to remember them " + std::to_string(target) +
                      "% of the time: higher means more reviews.");
    {
        static constexpr int choices[] = {80, 85, 90, 95};
        const float gap = m.gap();
        const float w = (ui.avail() - 3 * gap) / 4;
        for (std::size_t i = 0; i < 4; ++i) {
            const int c = choices[i];
            const std::string id = "progress-retention-" + std::to_string(c);
            if (i != 0) ImGui::SameLine(0, gap);
            if (big_button(ui, id.c_str(), std::to_string(c) + "%", w, c == target) && c != target)
                // Saved now; act() has the figures (the due counts) read again after the frame.
                cx.act(r.retention_message,
                       [&] { r.revision.set_target_retention(cx.profile, c / 100.0); });
        }
    }
    if (!r.retention_message.empty()) panel(ui, "Not saved", r.retention_message, p.unsafe);

    heading(ui, "Mastery by topic");
    muted(ui, "The recall FSRS predicts now, over every item of the topic's cases.");
    mastery_rows(ui, st.by_topic, topic_label);
    heading(ui, "Mastery by nation");
    mastery_rows(ui, st.by_jurisdiction, jurisdiction_label);
    ImGui::Dummy({0, m.gap()});
    if (big_button(ui, "progress-home", "Back to home")) cx.app.open_home();
}

// The hub's side: the state in the session, the screens' entry points and table rows.

RevisionScreen& revision_of(Context& cx) {
    auto& r = cx.session().revision;
    if (!r) r = std::make_unique<RevisionScreen>(cx.store, cx.library);
    return *r;
}

void GuiApp::open_revision() {
    Context cx = context();
    revision_of(cx).start(cx.profile);
    go(Screen::revision);
}

void GuiApp::open_progress() {
    Context cx = context();
    revision_of(cx).retention_message.clear();
    go(Screen::progress); // reads the figures
}

} // namespace casebook::gui
