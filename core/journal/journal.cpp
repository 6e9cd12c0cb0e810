// The Journal's shared pieces, profiles and the PIN lock.
#include "base/sodium.hpp"
#include "journal/support.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <set>
#include <sodium.h>

namespace casebook {

using detail::Statement;
using detail::Transaction;

namespace detail {

long long unix_ms(std::chrono::system_clock::time_point time) {
    using namespace std::chrono;
    return duration_cast<milliseconds>(time.time_since_epoch()).count();
}

std::string lower_ascii(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::vector<std::string> clean_tags(const std::vector<std::string>& tags) {
    std::vector<std::string> out, seen;
    for (const auto& raw : tags) {
        // A tag cannot hold the separator; "a, b" given as one tag is two tags.
        for (auto& t : split_tags(raw)) {
            const auto key = lower_ascii(t);
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
            seen.push_back(key);
            out.push_back(std::move(t));
        }
    }
    return out;
}

std::string fts_query(const std::string& typed) {
    std::vector<std::string> words;
    std::string word;
    // A word of punctuation alone ("-", "*") has no token to match: it would match nothing.
    auto keep = [&] {
        if (std::any_of(word.begin(), word.end(), [](char c) {
                const auto u = static_cast<unsigned char>(c);
                return u >= 0x80 || std::isalnum(u);
            }))
            words.push_back(word);
        word.clear();
    };
    for (char c : typed) {
        // Spaces separate words; quotes would end a quoted string, so they separate too.
        if (std::isspace(static_cast<unsigned char>(c)) || c == '"')
            keep();
        else
            word += c;
    }
    keep();
    // A last word of one letter is not searched yet: as a prefix it would match a large part of
    // the vocabulary (the indexes hold prefixes of 2 and 3), and the results should stay put
    // until the second letter narrows them.
    if (!words.empty() && words.back().size() == 1) words.pop_back();
    // Each word once, and at most max_search_words of them (L4): FTS5's cost grows faster than
    // the number of terms, and a repeated word narrows nothing. The last word, the one being
    // typed, stays last; the first words typed are kept when there are too many.
    std::vector<std::string> unique;
    if (!words.empty()) {
        std::set<std::string> seen{lower_ascii(words.back())};
        for (std::size_t i = 0; i + 1 < words.size(); ++i)
            if (seen.insert(lower_ascii(words[i])).second) unique.push_back(words[i]);
        unique.push_back(words.back());
    }
    if (unique.size() > max_search_words)
        unique.erase(unique.begin() + static_cast<std::ptrdiff_t>(max_search_words) - 1,
                     unique.end() - 1);
    words = std::move(unique);
    std::string query;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!query.empty()) query += ' ';
        query += '"' + words[i] + '"';
        if (i + 1 == words.size()) query += '*';
    }
    return query;
}

} // namespace detail

const char* to_string(Role role) {
    switch (role) {
    case Role::trainee:
        return "trainee";
    case Role::supervisor:
        return "supervisor";
    case Role::other:
        return "other";
    }
    return "other";
}

std::optional<Role> role_from_string(const std::string& text) {
    for (Role r : {Role::trainee, Role::supervisor, Role::other})
        if (text == to_string(r)) return r;
    return std::nullopt;
}

std::string PinCheck::message(const std::string& profile_name) const {
    switch (outcome) {
    case Outcome::accepted:
        return "PIN accepted for " + profile_name;
    case Outcome::wrong:
        return "wrong PIN for " + profile_name +
               (wait.count() > 0
                    ? "; the next try is allowed in " + std::to_string(wait.count()) + " s"
                    : std::string{});
    case Outcome::wait:
        return "too many wrong PINs for " + profile_name + ": try again in " +
               std::to_string(wait.count()) + " s";
    }
    return {};
}

Journal::Journal(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
    // Idempotent and thread-safe; needed once before any PIN is hashed.
    detail::start_sodium();
}

std::string Journal::now() const {
    return iso8601(clock_());
}

std::string Journal::stamp() {
    // Wall-clock milliseconds that never go backwards in this process, plus a counter for
    // stamps within one millisecond. Sync adds the device id as the tie-break.
    const long long ms = std::max(detail::unix_ms(clock_()), last_stamp_ms_);
    stamp_counter_ = ms == last_stamp_ms_ ? stamp_counter_ + 1 : 0;
    last_stamp_ms_ = ms;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%015lld-%04x", ms, static_cast<unsigned>(stamp_counter_));
    return buf;
}

namespace {

const char* profile_columns = "id, name, role, profession, jurisdiction, pin_hash IS NOT NULL, "
                              "created_at FROM profile";

Profile read_profile(const Statement& s) {
    return {s.text(0), s.text(1), role_from_string(s.text(2)).value_or(Role::other),
            s.text(3), s.text(4), s.integer(5) != 0,
            s.text(6)};
}

void check_details(const ProfileDetails& d) {
    if (d.name.empty() || d.name.find_first_not_of(" \t") == std::string::npos)
        throw JournalError("a profile needs a name");
    if (d.name.size() > 80) throw JournalError("a profile name has at most 80 characters");
}

} // namespace

Profile Journal::add_profile(const ProfileDetails& details) {
    check_details(details);
    if (!profiles_named(details.name).empty())
        throw JournalError("a profile named '" + details.name + "' already exists on this device");
    Profile p{random_id(),          details.name, details.role, details.profession,
              details.jurisdiction, false,        now()};
    Statement s(store_.db(),
                "INSERT INTO profile (id, name, role, profession, jurisdiction, created_at, hlc) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, p.id).bind(2, p.name).bind(3, to_string(p.role)).bind(4, p.profession);
    s.bind(5, p.jurisdiction).bind(6, p.created_at).bind(7, stamp()).step();
    return p;
}

void Journal::update_profile(const std::string& profile_id, const ProfileDetails& details) {
    check_details(details);
    require_profile(profile_id);
    for (const auto& same_name : profiles_named(details.name))
        if (same_name.id != profile_id)
            throw JournalError("a profile named '" + details.name +
                               "' already exists on this device");
    Statement s(store_.db(),
                "UPDATE profile SET name = ?, role = ?, profession = ?, jurisdiction = ?, hlc = ? "
                "WHERE id = ? AND deleted = 0");
    s.bind(1, details.name).bind(2, to_string(details.role)).bind(3, details.profession);
    s.bind(4, details.jurisdiction).bind(5, stamp()).bind(6, profile_id).step();
}

std::vector<Profile> Journal::profiles() const {
    std::vector<Profile> out;
    Statement s(store_.db(), (std::string("SELECT ") + profile_columns +
                              " WHERE deleted = 0 ORDER BY name COLLATE NOCASE, created_at")
                                 .c_str());
    while (s.step())
        out.push_back(read_profile(s));
    return out;
}

std::optional<Profile> Journal::profile(const std::string& profile_id) const {
    Statement s(
        store_.db(),
        (std::string("SELECT ") + profile_columns + " WHERE id = ? AND deleted = 0").c_str());
    s.bind(1, profile_id);
    if (!s.step()) return std::nullopt;
    return read_profile(s);
}

std::vector<Profile> Journal::profiles_named(const std::string& name) const {
    std::vector<Profile> out;
    const auto wanted = detail::lower_ascii(name);
    for (auto& p : profiles())
        if (detail::lower_ascii(p.name) == wanted) out.push_back(std::move(p));
    return out;
}

std::optional<Profile> Journal::find_profile(const std::string& id_or_name) const {
    if (auto p = profile(id_or_name)) return p;
    auto named = profiles_named(id_or_name);
    if (named.size() > 1) {
        // Two devices each made an "Alice" and a sync brought them together: a name no longer
        // tells who is meant, and picking one could hand a person's notes to someone else.
        std::string which;
        for (const auto& p : named)
            which += "\n  " + p.id + "  " + p.name + (p.has_pin ? " (PIN)" : " (no PIN)") +
                     ", created " + p.created_at;
        throw JournalError(std::to_string(named.size()) + " profiles are named '" + id_or_name +
                           "' on this device: give the id of the one you mean (or rename one)" +
                           which);
    }
    if (named.empty()) return std::nullopt;
    return named.front();
}

Profile Journal::require_profile(const std::string& profile_id) const {
    auto p = profile(profile_id);
    if (!p) throw JournalError("no profile " + profile_id + " on this device");
    return *p;
}

bool Journal::check_pin(const std::string& pin, const std::string& file, const std::string& field,
                        Problems& problems) {
    if (pin.size() >= 4 && pin.size() <= 64) return true;
    problems.push_back(
        {file, field, "a PIN has 4 to 64 characters, not " + std::to_string(pin.size())});
    return false;
}

void Journal::set_pin(const std::string& profile_id, const std::string& pin, KdfCost cost) {
    require_profile(profile_id);
    if (Problems problems; !check_pin(pin, {}, "PIN", problems))
        throw JournalError(problems.front().reason);
    const bool minimum = cost == KdfCost::minimum;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            hash, pin.data(), pin.size(),
            minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
            minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
            crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw StoreError("cannot hash the PIN: out of memory");
    Transaction t(store_.db());
    Statement s(store_.db(), "UPDATE profile SET pin_hash = ?, hlc = ? WHERE id = ?");
    s.bind(1, hash).bind(2, stamp()).bind(3, profile_id).step();
    Statement clear(store_.db(), "DELETE FROM pin_failure WHERE profile_id = ?");
    clear.bind(1, profile_id).step();
    t.commit();
}

void Journal::remove_pin(const std::string& profile_id) {
    require_profile(profile_id);
    Statement s(store_.db(), "UPDATE profile SET pin_hash = NULL, hlc = ? WHERE id = ?");
    s.bind(1, stamp()).bind(2, profile_id).step();
}

std::chrono::seconds Journal::pin_backoff(int failed_attempts) {
    // Two slips are free; then 30 s, doubling with each further wrong PIN, up to 15 minutes.
    if (failed_attempts < 3) return std::chrono::seconds(0);
    const int doublings = std::min(failed_attempts - 3, 5);
    return std::min(std::chrono::seconds(30LL << doublings), std::chrono::seconds(15 * 60));
}

std::chrono::seconds Journal::pin_wait(const std::string& profile_id) const {
    Statement s(store_.db(),
                "SELECT failed_attempts, last_failure_ms FROM pin_failure WHERE profile_id = ?");
    s.bind(1, profile_id);
    if (!s.step()) return std::chrono::seconds(0);
    const auto backoff = pin_backoff(s.integer(0));
    const auto last = std::chrono::milliseconds(std::stoll(s.text(1)));
    const auto since = std::chrono::milliseconds(detail::unix_ms(clock_())) - last;
    // A clock set back to before the last failure still waits the whole back-off, no longer.
    if (since < std::chrono::milliseconds(0)) return backoff;
    const auto left = backoff - since;
    if (left <= std::chrono::milliseconds(0)) return std::chrono::seconds(0);
    return std::chrono::ceil<std::chrono::seconds>(left);
}

PinCheck Journal::check_pin(const std::string& profile_id, const std::string& pin) {
    // The try is counted before Argon2id runs, in a short write transaction, and no statement
    // stays open while it runs: another process may write meanwhile (M3), and tries made in
    // parallel each count towards the back-off.
    std::string hash;
    {
        Transaction t(store_.db());
        {
            Statement s(store_.db(), "SELECT pin_hash FROM profile WHERE id = ? AND deleted = 0");
            s.bind(1, profile_id);
            if (!s.step()) throw JournalError("no profile " + profile_id + " on this device");
            hash = s.text(0);
        }
        if (hash.empty()) return {};
        if (auto wait = pin_wait(profile_id); wait.count() > 0)
            return {PinCheck::Outcome::wait, wait};
        Statement count(store_.db(),
                        "INSERT INTO pin_failure (profile_id, failed_attempts, last_failure_ms) "
                        "VALUES (?, 1, ?) ON CONFLICT (profile_id) DO UPDATE SET "
                        "failed_attempts = failed_attempts + 1, "
                        "last_failure_ms = excluded.last_failure_ms");
        count.bind(1, profile_id).bind(2, std::to_string(detail::unix_ms(clock_()))).step();
        t.commit();
    }
    if (crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0) {
        Statement clear(store_.db(), "DELETE FROM pin_failure WHERE profile_id = ?");
        clear.bind(1, profile_id).step();
        return {};
    }
    return {PinCheck::Outcome::wrong, pin_wait(profile_id)};
}

} // namespace casebook
