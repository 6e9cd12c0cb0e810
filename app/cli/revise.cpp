// casebook revise: personal revision from the command line (what is due, answering, progress).
#include "casebook/journal.hpp"
#include "casebook/revision.hpp"
#include "casebook/store.hpp"
#include "cli_support.hpp"
#include "json_views.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <sstream>

namespace casebook::cli {

std::string date_of(std::int64_t ms) {
    using namespace std::chrono;
    const auto days = floor<std::chrono::days>(sys_time<milliseconds>(milliseconds(ms)));
    const year_month_day ymd{days};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

const char* kind_name(ItemKind k) {
    return k == ItemKind::decision ? "decision" : "learning point";
}

namespace {

const char* revise_usage =
    "casebook revise due [--limit N]\n"
    "       casebook revise answer ITEM GRADE [--guess]\n"
    "       casebook revise stats\n"
    "       casebook revise items [--case ID]\n"
    "       casebook revise add|suspend|resume|reset ITEM\n"
    "       casebook revise settings [--retention R] [--maximum-interval DAYS]\n"
    "  each also takes [--profile ID|NAME] [--pin-file FILE] [--now TIME] [--json]";

const char* revise_help =
    "Decisions and learning points of the cases you have completed come back for revision on\n"
    "an FSRS-5 schedule derived from your review log.\n"
    "  due      what is due now, longest overdue first, then new items\n"
    "  answer   ITEM is decision:<case>/<decision> or point:<case>/<n>. For a decision GRADE is\n"
    "           the option chosen (A, B, ...), graded from the case: best is Good, acceptable\n"
    "           Hard, unsafe Again; --guess marks a guess, which counts as a lapse. For a\n"
    "           learning point GRADE is again, hard, good or easy (or 1 to 4).\n"
    "  stats    reviews per day over 30 days, share right, predicted retention, due in the next\n"
    "           14 days, mastery by topic and by nation\n"
    "  items    every item there is, with its id (to add one by hand)\n"
    "  add, suspend, resume, reset   put an item into revision, keep it out, let it back, or\n"
    "           make it new again\n"
    "  settings the target retention (0.70 to 0.99, default 0.90: an item comes back when the\n"
    "           chance you still recall it falls to this) and the longest interval in days\n"
    "           (default 36500); shown, or set with the options\n"
    "--now TIME (YYYY-MM-DDTHH:MM:SSZ) acts as if it were that time, for scripts and tests.\n"
    "With no profile on the device, revision is the device's own (no --profile).\n";

using Clock = Revision::Clock;

// "YYYY-MM-DDTHH:MM(:SS)Z" in UTC.
std::optional<Clock::time_point> parse_time(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char z = 0;
    const int n =
        std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z);
    if (n != 7 || z != 'Z') return std::nullopt;
    using namespace std::chrono;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                              day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
    return time_point_cast<Clock::duration>(sys_days{date} + hours{h} + minutes{mi} + seconds{s});
}

std::string percent(double fraction) {
    return std::to_string(static_cast<int>(std::lround(fraction * 100))) + "%";
}

struct Session {
    const Context& ctx;
    const Parsed& p;
    Revision& revision;
    std::string profile;
    Clock::time_point now;
    bool json;
};

int due(Session& s) {
    if (!s.p.words.empty()) return usage_error(s.ctx, "revise due takes no words", revise_usage);
    std::size_t limit = 0;
    if (const auto l = s.p.option("--limit"); !l.empty()) {
        if (l.find_first_not_of("0123456789") != std::string::npos || l.size() > 6)
            return usage_error(s.ctx, "--limit is a whole number, not '" + l + "'", revise_usage);
        limit = std::stoul(l);
    }
    auto due = s.revision.due(s.profile, s.now);
    const auto total = due.size();
    if (limit && due.size() > limit) due.resize(limit);
    if (s.json) {
        s.ctx.out << json::revise_due(due, total) << "\n";
        return 0;
    }
    if (due.empty()) {
        s.ctx.out << "nothing to revise now\n";
        return 0;
    }
    for (const auto& d : due) {
        s.ctx.out << d.item.id << "  (" << kind_name(d.item.kind)
                  << (d.schedule.is_new() ? ", new" : "") << ")\n    " << d.item.prompt << "\n";
        if (d.item.decision)
            for (const auto& o : d.item.decision->options)
                s.ctx.out << "      " << o.key << ". " << o.text << "\n";
    }
    s.ctx.out << total << " to revise, about " << (total * seconds_per_item + 59) / 60
              << " minute(s)\n";
    return 0;
}

int answer(Session& s) {
    if (s.p.words.size() != 2)
        return usage_error(s.ctx, "revise answer needs ITEM and GRADE", revise_usage);
    const auto& id = s.p.words[0];
    const auto& given = s.p.words[1];
    const auto item = revision_item(s.revision.library(), id);
    if (!item) {
        s.ctx.err << "casebook: no revision item '" << id << "' (see `casebook revise items`)\n";
        return 2;
    }
    ItemSchedule after;
    std::string outcome;
    if (item->kind == ItemKind::decision) {
        const Option* option = item->decision->option(given);
        if (!option) {
            std::string keys;
            for (const auto& o : item->decision->options)
                keys += (keys.empty() ? "" : ", ") + o.key;
            s.ctx.err << "casebook: '" << given << "' is not an option of " << id
                      << ": answer a decision with one of " << keys << "\n";
            return 2;
        }
        const auto r = s.revision.answer(s.profile, id, given, s.p.has("--guess"), s.now);
        after = r.schedule;
        outcome = std::string(to_string(r.grade)) + " answer, graded " +
                  to_string(static_cast<Rating>(r.event.rating)) +
                  (r.event.guess ? " (a guess counts as a lapse)" : "");
    } else {
        if (s.p.has("--guess"))
            return usage_error(s.ctx, "--guess is for decisions; grade a learning point again",
                               revise_usage);
        const auto rating = rating_from_string(given);
        if (!rating) {
            s.ctx.err << "casebook: '" << given
                      << "' is not a grade: a learning point is graded again, hard, good or easy "
                         "(or 1 to 4)\n";
            return 2;
        }
        after = s.revision.grade(s.profile, id, *rating, s.now);
        outcome = std::string("graded ") + to_string(*rating);
    }
    if (s.json) {
        s.ctx.out << json::revise_answer(id, outcome, after) << "\n";
    } else {
        s.ctx.out << id << ": " << outcome << "; next in " << after.interval_days << " day(s), on "
                  << date_of(after.due_ms) << "\n";
    }
    return 0;
}

int stats(Session& s) {
    if (!s.p.words.empty()) return usage_error(s.ctx, "revise stats takes no words", revise_usage);
    const auto st = s.revision.stats(s.profile, s.now);
    if (s.json) {
        s.ctx.out << json::revise_stats(st) << "\n";
        return 0;
    }
    auto& out = s.ctx.out;
    int reviews_30 = 0;
    for (int n : st.reviews_per_day)
        reviews_30 += n;
    out << "in revision: " << st.enrolled << " (" << st.new_items << " new, " << st.suspended
        << " suspended)\n";
    out << "due now: " << st.due_now << ", about " << st.minutes_due << " minute(s)\n";
    out << "reviews in the last 30 days: " << reviews_30 << ", right " << percent(st.right_share)
        << "\n";
    out << "predicted retention now: "
        << (st.predicted_retention > 0 ? percent(st.predicted_retention) : "-") << "\n";
    out << "due in the next 14 days:";
    for (int n : st.due_per_day)
        out << " " << n;
    out << "\nmastery by topic:\n";
    for (const auto& m : st.by_topic)
        out << "  " << std::left << std::setw(34) << topic_label(m.key) << percent(m.mastery)
            << "  (" << m.reviewed << " of " << m.items << " reviewed)\n";
    out << "mastery by nation:\n";
    for (const auto& m : st.by_jurisdiction)
        out << "  " << std::left << std::setw(34) << jurisdiction_label(m.key) << percent(m.mastery)
            << "  (" << m.reviewed << " of " << m.items << " reviewed)\n";
    return 0;
}

int items(Session& s) {
    if (!s.p.words.empty()) return usage_error(s.ctx, "revise items takes no words", revise_usage);
    const auto wanted = s.p.option("--case");
    if (!wanted.empty() && !s.revision.library().find(wanted)) {
        s.ctx.err << "casebook: no case '" << wanted << "' (see `casebook cases`)\n";
        return 2;
    }
    const auto sched = s.revision.schedules(s.profile);
    const auto all = revision_items(s.revision.library());
    std::vector<json::ItemRow> rows;
    for (const auto& item : all) {
        if (!wanted.empty() && item.source->id != wanted) continue;
        const auto it = sched.find(item.id);
        const bool in = it != sched.end() && it->second.enrolled;
        if (s.json)
            rows.push_back({&item, in});
        else
            s.ctx.out << item.id
                      << (in ? (it->second.suspended ? "  (suspended)" : "  (in revision)") : "")
                      << "\n";
    }
    if (s.json) s.ctx.out << json::revise_items(rows) << "\n";
    return 0;
}

int settings(Session& s) {
    if (!s.p.words.empty())
        return usage_error(s.ctx, "revise settings takes no words", revise_usage);
    if (const auto r = s.p.option("--retention"); !r.empty()) {
        char* end = nullptr;
        const double value = std::strtod(r.c_str(), &end);
        if (end == r.c_str() || *end || !(value >= 0.7 && value <= 0.99))
            return usage_error(s.ctx, "--retention is a number from 0.70 to 0.99, not '" + r + "'",
                               revise_usage);
        s.revision.set_target_retention(s.profile, value);
    }
    if (const auto d = s.p.option("--maximum-interval"); !d.empty()) {
        if (d.find_first_not_of("0123456789") != std::string::npos || d.size() > 5 ||
            std::stoi(d) < 1 || std::stoi(d) > 36500)
            return usage_error(
                s.ctx,
                "--maximum-interval is a whole number of days from 1 to 36500, not '" + d + "'",
                revise_usage);
        s.revision.set_maximum_interval(s.profile, std::stoi(d));
    }
    const auto p = s.revision.parameters(s.profile);
    if (s.json) {
        s.ctx.out << json::revise_settings(p) << "\n";
    } else {
        s.ctx.out << "target retention: " << percent(p.target_retention)
                  << "\nmaximum interval: " << p.maximum_interval_days << " days\n";
    }
    return 0;
}

int change(Session& s, const std::string& sub) {
    if (s.p.words.size() != 1)
        return usage_error(s.ctx, "revise " + sub + " needs one ITEM", revise_usage);
    const auto& id = s.p.words[0];
    if (!revision_item(s.revision.library(), id)) {
        s.ctx.err << "casebook: no revision item '" << id << "' (see `casebook revise items`)\n";
        return 2;
    }
    if (sub == "add") s.revision.add(s.profile, id, s.now);
    if (sub == "suspend") s.revision.suspend(s.profile, id, s.now);
    if (sub == "resume") s.revision.resume(s.profile, id, s.now);
    if (sub == "reset") s.revision.reset(s.profile, id, s.now);
    const auto after = s.revision.schedule(s.profile, id).value_or(ItemSchedule{});
    if (s.json) {
        s.ctx.out << json::revise_change(id, sub, after) << "\n";
    } else {
        const char* done = sub == "add"       ? "added to revision"
                           : sub == "suspend" ? "suspended"
                           : sub == "resume"  ? "back in revision"
                                              : "reset: new again";
        s.ctx.out << id << ": " << done << "\n";
    }
    return 0;
}

int revise_run(const std::string& sub, const Parsed& p, const Context& ctx);

} // namespace

int revise_command(const std::vector<std::string>& args, const Context& ctx) {
    static const Command command{
        "revise",
        revise_usage,
        revise_help,
        {"due", "answer", "stats", "items", "add", "suspend", "resume", "reset", "settings"},
        {{"--json", "--guess"},
         {"--profile", "--pin-file", "--now", "--limit", "--case", "--retention",
          "--maximum-interval"}}};
    return run_command(args, ctx, command, [&](const std::string& sub, const Parsed& p) {
        return revise_run(sub, p, ctx);
    });
}

namespace {

int revise_run(const std::string& sub, const Parsed& p, const Context& ctx) {
    auto now = Clock::now();
    if (const auto t = p.option("--now"); !t.empty()) {
        const auto parsed = parse_time(t);
        if (!parsed)
            return usage_error(ctx,
                               "--now is a UTC time like 2026-03-01T09:00:00Z, not '" + t + "'",
                               revise_usage);
        now = *parsed;
    }

    Library library = load_library(ctx, true);
    Store store(ctx.data_dir() / Store::file_name);
    Journal journal(store);
    std::string profile; // the device's own use while it has no profiles
    if (!p.option("--profile").empty() || !journal.profiles().empty()) {
        const auto unlocked = unlocked_profile(journal, p, ctx, revise_usage);
        if (!unlocked) return 2;
        profile = unlocked->id;
    }
    Revision revision(store, library);
    Session s{ctx, p, revision, profile, now, p.has("--json")};
    if (sub == "due") return due(s);
    if (sub == "answer") return answer(s);
    if (sub == "stats") return stats(s);
    if (sub == "items") return items(s);
    if (sub == "settings") return settings(s);
    return change(s, sub);
}

} // namespace

} // namespace casebook::cli
