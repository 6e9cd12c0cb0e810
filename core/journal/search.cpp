// Full-text search (SQLite FTS5) over the profile's notes and supervision sessions and over the
// case text, ranked by bm25 with the matching words marked in a snippet.
#include "casebook/cases.hpp"
#include "journal/support.hpp"

#include <algorithm>
#include <cstdint>

namespace casebook {

using detail::Statement;
using detail::Transaction;

const char* to_string(SearchKind kind) {
    switch (kind) {
    case SearchKind::note:
        return "note";
    case SearchKind::supervision:
        return "supervision";
    case SearchKind::case_text:
        return "case";
    }
    return "note";
}

namespace {

// A query that is one word of one or two letters, being typed ("ne"): as a prefix it matches
// most notes, so ranking them all would cost the most exactly when the ranking means least.
bool one_short_prefix(const std::string& query) {
    if (query.size() < 3 || query.front() != '"' || query.substr(query.size() - 2) != "\"*")
        return false;
    const std::string word = query.substr(1, query.size() - 3);
    if (word.find('"') != std::string::npos) return false;
    const auto letters = std::count_if(word.begin(), word.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80; // UTF-8 lead bytes
    });
    return letters <= 2;
}

// Everything a reader of a case sees, as one searchable text.
std::string case_text(const Case& c) {
    std::string out = c.summary;
    auto add = [&](const std::string& text) {
        out += '\n';
        out += text;
    };
    for (const auto& t : c.topics)
        add(topic_label(t));
    for (const auto& s : c.story)
        add(s);
    for (const auto& l : c.dialogue)
        add(l.text);
    for (const auto& d : c.decisions) {
        for (const auto& b : d.before)
            add(b);
        for (const auto& l : d.dialogue)
            add(l.text);
        add(d.prompt);
        for (const auto& o : d.options) {
            add(o.text);
            add(o.feedback);
        }
    }
    for (const auto& w : c.what_happened)
        add(w);
    for (const auto& ci : c.citations)
        add(ci.applies);
    for (const auto& v : c.views) {
        add(v.view);
        add(v.why);
    }
    for (const auto& l : c.learning_points)
        add(l);
    return out;
}

// FNV-1a, 64 bits: enough to notice that the bundled cases changed.
void mix(std::uint64_t& hash, const std::string& text) {
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    hash ^= 0xff; // a separator, so "ab","c" and "a","bc" differ
    hash *= 1099511628211ULL;
}

// Case text is stored a paragraph per line, notes as typed; a snippet reads as one line.
std::string one_line(std::string snippet) {
    std::replace_if(
        snippet.begin(), snippet.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
        ' ');
    return snippet;
}

} // namespace

bool Journal::index_cases(const Library& library) {
    std::vector<std::pair<const Case*, std::string>> texts;
    std::uint64_t hash = 14695981039346656037ULL;
    for (const auto& c : library.cases()) {
        texts.emplace_back(&c, case_text(c));
        mix(hash, c.id);
        mix(hash, c.title);
        mix(hash, texts.back().second);
    }
    const std::string fingerprint = std::to_string(hash);
    {
        Statement s(store_.db(), "SELECT fingerprint FROM search_source WHERE name = 'cases'");
        if (s.step() && s.text(0) == fingerprint) return false;
    }
    Transaction t(store_.db());
    store_.db().exec("DELETE FROM case_search");
    for (const auto& [c, text] : texts) {
        Statement s(store_.db(), "INSERT INTO case_search (case_id, title, body) VALUES (?, ?, ?)");
        s.bind(1, c->id).bind(2, c->title).bind(3, text).step();
    }
    Statement s(store_.db(), "INSERT INTO search_source (name, fingerprint) VALUES ('cases', ?) "
                             "ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint");
    s.bind(1, fingerprint).step();
    t.commit();
    return true;
}

std::vector<SearchHit> Journal::search(const std::string& profile_id, const std::string& text,
                                       const SearchOptions& options) const {
    std::vector<SearchHit> hits;
    const std::string query = detail::fts_query(text);
    if (query.empty() || options.limit == 0) return hits;
    const std::string limit = " LIMIT " + std::to_string(options.limit);
    auto collect = [&](SearchKind kind, const std::string& sql, bool with_profile) {
        Statement s(store_.db(), sql.c_str());
        s.bind(1, options.open_mark).bind(2, options.close_mark).bind(3, query);
        if (with_profile) s.bind(4, profile_id);
        while (s.step())
            hits.push_back({kind, s.text(0), s.text(1), one_line(s.text(2)), std::stod(s.text(3))});
    };
    // Title matches count most, then tags, then the body. Each query is filtered by the profile
    // in the same statement, so another profile's text never leaves the database.
    if (options.notes) {
        // Ranking first, through the covering index of the profile's live notes (reading each
        // note row would cost more than the ranking); snippets only for the rows shown. While
        // only the first two letters of one word are typed, the newest matching notes come
        // first: FTS5 walks them newest first and stops at the limit instead of ranking all.
        const char* order =
            one_short_prefix(query) ? " ORDER BY note_search.rowid DESC" : " ORDER BY score";
        std::vector<std::pair<std::string, double>> ranked;
        {
            Statement s(store_.db(),
                        ("SELECT note_search.rowid, bm25(note_search, 10.0, 1.0, 4.0) AS score "
                         "FROM note_search WHERE note_search MATCH ? AND +note_search.rowid IN "
                         "(SELECT seq FROM note WHERE profile_id = ? AND deleted = 0 "
                         "AND deleted_at IS NULL)" +
                         std::string(order) + limit)
                            .c_str());
            s.bind(1, query).bind(2, profile_id);
            while (s.step())
                ranked.emplace_back(s.text(0), std::stod(s.text(1)));
        }
        // One statement for every row shown, prepared once and run again with the next row.
        Statement s(store_.db(), "SELECT n.id, n.title, snippet(note_search, -1, ?, ?, '…', 12) "
                                 "FROM note_search JOIN note n ON n.seq = note_search.rowid "
                                 "WHERE note_search MATCH ? AND note_search.rowid = ? "
                                 "AND n.profile_id = ?");
        for (const auto& [seq, score] : ranked) {
            s.reset();
            s.bind(1, options.open_mark).bind(2, options.close_mark).bind(3, query);
            s.bind(4, seq).bind(5, profile_id);
            if (s.step())
                hits.push_back(
                    {SearchKind::note, s.text(0), s.text(1), one_line(s.text(2)), score});
        }
    }
    if (options.supervision)
        collect(SearchKind::supervision,
                "SELECT s.id, supervision_search.title, "
                "snippet(supervision_search, -1, ?, ?, '…', 12), "
                "bm25(supervision_search, 4.0, 1.0) AS score "
                "FROM supervision_search JOIN supervision s ON s.seq = supervision_search.rowid "
                "WHERE supervision_search MATCH ? AND s.deleted = 0 "
                "AND ? IN (s.supervisor_profile_id, s.trainee_profile_id) ORDER BY score" +
                    limit,
                true);
    if (options.cases)
        collect(SearchKind::case_text,
                "SELECT case_id, title, snippet(case_search, -1, ?, ?, '…', 12), "
                "bm25(case_search, 0.0, 10.0, 1.0) AS score "
                "FROM case_search WHERE case_search MATCH ? ORDER BY score" +
                    limit,
                false);
    return hits;
}

} // namespace casebook
