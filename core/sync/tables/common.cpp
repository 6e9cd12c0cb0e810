// What every table shares: the rules a record from another device must meet, and how a row's
// values are folded into its record.
#include "base/json_reader.hpp"
#include "casebook/base.hpp"
#include "sync/tables/tables.hpp"

#include <algorithm>
#include <map>

namespace casebook::detail {

std::int64_t stamp_ms(const std::string& hlc) {
    auto h = Hlc::parse(hlc);
    return h ? h->ms : 0;
}

std::string pack(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values)
        out += std::to_string(v.size()) + ":" + v;
    return out;
}

std::optional<std::vector<std::string>> unpack(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto colon = text.find(':', at);
        if (colon == std::string::npos || colon == at || colon - at > 12) return std::nullopt;
        std::size_t n = 0;
        for (std::size_t i = at; i < colon; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            n = n * 10 + static_cast<std::size_t>(text[i] - '0');
        }
        if (n > text.size() - colon - 1) return std::nullopt;
        out.push_back(text.substr(colon + 1, n));
        at = colon + 1 + n;
    }
    return out;
}

std::int64_t to_int(const std::string& text) {
    std::int64_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') break;
        n = n * 10 + (c - '0');
        if (n > 1'000'000'000) break;
    }
    return n;
}

std::string or_now(const std::string& text) {
    return text.empty() ? now_iso8601() : text;
}

std::pair<std::string, std::string> split_reflection_id(const std::string& id) {
    const auto slash = id.find('/');
    if (slash == std::string::npos) return {{}, id};
    return {id.substr(0, slash), id.substr(slash + 1)};
}

void TableReplica::check_incoming(const Record& in, const Record* stored) {
    auto refuse = [&](const std::string& why) {
        return SyncError({in.kind + " " + in.id, SkipReason::damaged, why});
    };
    // Kinds and ids are printable ASCII wherever they are made; anything else is crafted.
    auto plain = [](const std::string& text) {
        return std::all_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
        });
    };
    if (!plain(in.kind) || !plain(in.id) || !plain(in.parent) || !plain(in.profile_id))
        throw refuse("its kind or ids hold characters no id has");
    // Whose a record is, and what it is part of, are fixed when it is made: a file that says
    // otherwise is not applied (it would move the record into another profile).
    if (stored) {
        if (!in.profile_id.empty() && !stored->profile_id.empty() &&
            in.profile_id != stored->profile_id)
            throw refuse("it claims profile " + in.profile_id +
                         " as its owner, but it belongs to " + stored->profile_id +
                         " (a record's owner never changes)");
        if (!in.parent.empty() && !stored->parent.empty() && in.parent != stored->parent)
            throw refuse("it claims to be part of " + in.parent + ", but it is part of " +
                         stored->parent);
        for (const char* f : {"supervisor_profile_id", "trainee_profile_id", "author_profile_id"}) {
            const std::string claimed = in.field(f), known = stored->field(f);
            if (!claimed.empty() && !known.empty() && claimed != known)
                throw refuse(std::string("it names another ") + f + " (" + claimed + ", not " +
                             known + "; the people of a record never change)");
        }
    }
    if (const RecordKey root = root_of(in); !(root == in.key()) && !in.profile_id.empty())
        if (auto owner = load(root);
            owner && !owner->profile_id.empty() && owner->profile_id != in.profile_id)
            throw refuse("it claims profile " + in.profile_id + ", but the " + root.kind +
                         " it is part of belongs to " + owner->profile_id);
    if (in.kind == "reflection" && split_reflection_id(in.id).first != in.profile_id)
        throw refuse("its id and its profile disagree");
    if (const std::string sealed = in.field("sealed"); !sealed.empty()) {
        const auto parts = unpack(sealed);
        const bool readable = parts && (in.kind == "supervision"
                                            ? parts->size() >= 4 && parts->size() % 4 == 0 &&
                                                  !(*parts)[2].empty() && !(*parts)[3].empty()
                                            : in.kind != "checklist_record" || parts->size() == 3);
        if (!readable) throw refuse("what it says was signed or finalised cannot be read");
        if (in.kind == "checklist_record" && json::nesting_beyond((*parts)[1], json::max_nesting))
            throw refuse("its answers nest deeper than " + std::to_string(json::max_nesting) +
                         " levels");
    }
    if (json::nesting_beyond(in.field("answers_json"), json::max_nesting))
        throw refuse("its answers nest deeper than " + std::to_string(json::max_nesting) +
                     " levels");
}

bool TableReplica::absorb(Record& r, const View& v) {
    const bool fresh = r.presence.entries.empty();
    std::vector<const std::pair<std::string, std::string>*> fields, texts;
    for (const auto& f : v.fields)
        if (r.field(f.first) != f.second && !(is_seal_field(f.first) && !r.field(f.first).empty()))
            fields.push_back(&f); // a seal, once set, is never undone
    for (const auto& t : v.texts)
        if (r.text(t.first) != t.second) texts.push_back(&t);
    const bool state_changed = r.state() != v.state;
    if (!fresh && fields.empty() && texts.empty() && !state_changed) return false;

    const Hlc stamp = v.wall_ms > 0 ? clock_.at(v.wall_ms) : clock_.now();
    for (const auto* f : fields)
        r.fields[f->first] = {f->second, stamp};
    for (const auto& name : v.force)
        for (const auto& f : v.fields)
            if (f.first == name) r.fields[name] = {f.second, stamp};
    for (const auto* t : texts)
        r.texts[t->first].write(t->second, stamp);
    // Any change to a live record is also a fresh "alive": a delete made elsewhere without
    // having seen this change does not take it away.
    r.set_state(v.state, stamp);
    return true;
}

std::optional<Record>
TableReplica::detect_row(const RecordKey& key, bool found, const std::string& owner, IfGone gone,
                         const std::function<void(const Record&, View&)>& read) {
    if (!found && gone == IfGone::keep) return std::nullopt;
    auto loaded = load(key);
    if (!found) {
        // Deleted here (a draft, an attempt): the tombstone goes everywhere.
        if (gone == IfGone::tombstone && loaded && loaded->state() != presence::deleted) {
            const bool was = loaded->conflicted();
            loaded->set_state(presence::deleted, clock_.now());
            save(*loaded, true, true, was);
        }
        return std::nullopt;
    }
    Record r = loaded ? std::move(*loaded) : Record{key.kind, key.id, "", owner, {}, {}, {}};
    const bool was = r.conflicted();
    View v;
    read(r, v);
    if (v.purged) {
        // The text goes everywhere; the tombstone stays.
        if (r.state() != presence::deleted) {
            const Hlc stamp = clock_.at(v.wall_ms);
            r.set_state(presence::deleted, stamp);
            for (auto& t : r.texts)
                t.second.clear();
            for (const auto& [name, value] : v.fields)
                r.fields[name] = {value, stamp};
            save(r, true, true, was);
        }
        return std::nullopt;
    }
    if (absorb(r, v)) save(r, true, true, was);
    return r;
}

void TableReplica::detect_parts(const RecordKey& root, const char* kind, const std::string& owner,
                                Statement& rows, bool once,
                                const std::function<View(Statement&)>& read) {
    std::map<std::string, Record> known;
    for (auto& c : children(root, kind))
        known.emplace(c.id, std::move(c));
    std::vector<std::pair<std::string, View>> seen;
    while (rows.step()) {
        if (once && known.count(rows.text(0))) continue;
        seen.emplace_back(rows.text(0), read(rows));
    }
    for (auto& [id, v] : seen) {
        const auto it = known.find(id);
        Record part = it != known.end() ? it->second : Record{kind, id, root.id, owner, {}, {}, {}};
        if (absorb(part, v)) save(part, true, true, false);
    }
}

std::string TableReplica::shown_text(const Record& r, const std::string& field) {
    if (r.kind == "supervision" && !r.field("sealed").empty())
        if (auto sealed = unpack(r.field("sealed")); sealed && sealed->size() >= 4) {
            if (field == "discussion") return (*sealed)[0];
            if (field == "trainee_reflection") return (*sealed)[1];
        }
    return r.text(field);
}

bool TableReplica::profile_exists(const std::string& id) {
    auto& s = db_.cached("SELECT 1 FROM profile WHERE id = ?");
    s.bind(1, id);
    return s.step();
}

void TableReplica::require_owner(const char* sql, const std::string& id,
                                 const std::string& profile_id) {
    auto& s = db_.cached(sql);
    s.bind(1, id);
    if (s.step() && s.text(0) != profile_id)
        throw StoreError("it would move a record of profile " + s.text(0) + " into profile " +
                         profile_id);
}

} // namespace casebook::detail
