// The merge of record states: last-writer-wins fields, multi-value text, add-wins presence.
#include "sync/record.hpp"

#include <algorithm>

namespace casebook {

namespace {

bool by_stamp(const MvEntry& a, const MvEntry& b) {
    return a.stamp < b.stamp;
}

const MvEntry* find_stamp(const std::vector<MvEntry>& entries, const Hlc& stamp) {
    auto it = std::lower_bound(entries.begin(), entries.end(), stamp,
                               [](const MvEntry& e, const Hlc& s) { return e.stamp < s; });
    return it != entries.end() && it->stamp == stamp ? &*it : nullptr;
}

void note_seen(std::map<std::string, Hlc>& seen, const Hlc& stamp) {
    auto& latest = seen[stamp.device];
    if (latest < stamp) latest = stamp;
}

// The smaller of two non-empty texts, or the non-empty one: a join for fields that should agree.
bool merge_identity(std::string& mine, const std::string& theirs) {
    if (theirs.empty() || theirs == mine) return false;
    if (!mine.empty() && mine < theirs) return false;
    mine = theirs;
    return true;
}

// A seal (a signed-off session's "sealed", a decision record's "finalised_at" and "sealed") only
// grows: any value beats none whatever the stamps, and of two values the earlier one stands (the
// first seal is what was signed). Among empty ones the later write stands, as for any field. This
// is a total order on (value, stamp), so keeping the greater is still a join.
bool merge_seal(LwwRegister& mine, const LwwRegister& theirs) {
    const bool have = !mine.value.empty(), got = !theirs.value.empty();
    bool take = false;
    if (have != got)
        take = got;
    else if (theirs.stamp != mine.stamp)
        take = have ? theirs.stamp < mine.stamp : mine.stamp < theirs.stamp;
    else
        take = mine.value < theirs.value;
    if (take) mine = theirs;
    return take;
}

} // namespace

bool is_seal_field(const std::string& name) {
    return name == "sealed" || name == "finalised_at";
}

bool LwwRegister::merge(const LwwRegister& other) {
    // Equal stamps mean the same write; the value comparison only keeps a damaged peer's copy
    // from making the result depend on order.
    if (other.stamp < stamp || (other.stamp == stamp && other.value <= value)) return false;
    *this = other;
    return true;
}

bool MvRegister::covers(const Hlc& stamp) const {
    auto it = seen.find(stamp.device);
    return it != seen.end() && !(it->second < stamp);
}

void MvRegister::write(const std::string& value, const Hlc& stamp) {
    if (!entries.empty()) entries.pop_back(); // the value shown, which this write replaces
    std::erase_if(entries, [&](const MvEntry& e) { return e.value == value; });
    entries.push_back({value, stamp});
    std::sort(entries.begin(), entries.end(), by_stamp);
    note_seen(seen, stamp);
}

void MvRegister::resolve(const std::string& value, const Hlc& stamp) {
    entries.assign(1, {value, stamp});
    note_seen(seen, stamp);
}

bool MvRegister::merge(const MvRegister& other) {
    std::vector<MvEntry> out;
    out.reserve(entries.size() + other.entries.size());
    for (const auto& e : entries) {
        if (const MvEntry* same = find_stamp(other.entries, e.stamp))
            out.push_back(same->value > e.value ? *same : e);
        else if (!other.covers(e.stamp))
            out.push_back(e); // the other state never saw it: it stands
    }
    for (const auto& e : other.entries)
        if (!find_stamp(entries, e.stamp) && !covers(e.stamp)) out.push_back(e);
    std::sort(out.begin(), out.end(), by_stamp);

    bool changed = out != entries;
    entries = std::move(out);
    for (const auto& [device, stamp] : other.seen) {
        auto& latest = seen[device];
        if (latest < stamp) {
            latest = stamp;
            changed = true;
        }
    }
    return changed;
}

std::string MvRegister::value() const {
    return entries.empty() ? std::string{} : entries.back().value;
}

std::vector<std::string> MvRegister::values() const {
    std::vector<std::string> out;
    for (auto it = entries.rbegin(); it != entries.rend(); ++it)
        if (std::find(out.begin(), out.end(), it->value) == out.end()) out.push_back(it->value);
    return out;
}

std::string Record::field(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? std::string{} : it->second.value;
}

std::string Record::text(const std::string& name) const {
    auto it = texts.find(name);
    return it == texts.end() ? std::string{} : it->second.value();
}

std::string Record::state() const {
    bool trash = false, gone = false;
    for (const auto& e : presence.entries) {
        if (e.value == presence::alive) return presence::alive;
        if (e.value == presence::deleted)
            gone = true;
        else if (e.value == presence::trashed)
            trash = true;
    }
    if (gone) return presence::deleted;
    if (trash) return presence::trashed;
    return presence::alive;
}

bool Record::conflicted() const {
    return std::any_of(texts.begin(), texts.end(),
                       [](const auto& t) { return t.second.conflicted(); });
}

Hlc Record::latest() const {
    Hlc out;
    auto see = [&](const Hlc& h) {
        if (out < h) out = h;
    };
    auto see_mv = [&](const MvRegister& mv) {
        for (const auto& e : mv.entries)
            see(e.stamp);
        for (const auto& s : mv.seen)
            see(s.second);
    };
    for (const auto& f : fields)
        see(f.second.stamp);
    for (const auto& t : texts)
        see_mv(t.second);
    see_mv(presence);
    return out;
}

bool Record::set_field(const std::string& name, const std::string& value, const Hlc& stamp) {
    if (field(name) == value) return false;
    if (is_seal_field(name) && !field(name).empty()) return false; // a seal is never undone
    fields[name] = {value, stamp};
    return true;
}

bool Record::set_text(const std::string& name, const std::string& value, const Hlc& stamp) {
    auto it = texts.find(name);
    if (it == texts.end() ? value.empty()
                          : (it->second.value() == value && !it->second.entries.empty()))
        return false;
    texts[name].write(value, stamp);
    return true;
}

void Record::set_state(const std::string& state, const Hlc& stamp) {
    presence.resolve(state, stamp);
}

bool Record::merge(const Record& other) {
    bool changed = merge_identity(parent, other.parent);
    changed = merge_identity(profile_id, other.profile_id) || changed;
    for (const auto& [name, reg] : other.fields) {
        auto [it, added] = fields.try_emplace(name, reg);
        if (added)
            changed = true;
        else
            changed = (is_seal_field(name) ? merge_seal(it->second, reg) : it->second.merge(reg)) ||
                      changed;
    }
    for (const auto& [name, reg] : other.texts) {
        auto [it, added] = texts.try_emplace(name, reg);
        changed = (added || it->second.merge(reg)) || changed;
    }
    changed = presence.merge(other.presence) || changed;
    return changed;
}

} // namespace casebook
