#pragma once
// Shared by the Journal's source files: times, tags and full-text queries.
#include "casebook/base.hpp"
#include "casebook/journal.hpp"
#include "store/sqlite.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace casebook::detail {

long long unix_ms(std::chrono::system_clock::time_point time);

// Tags are stored as one text, "a, b, c" (casebook/tags.hpp, public so a front end edits them
// the same way).
using casebook::join_tags;
using casebook::split_tags;
// Trimmed, without empty or repeated (ignoring case) tags, in the order given.
std::vector<std::string> clean_tags(const std::vector<std::string>& tags);

// What someone typed, as an FTS5 query: every word quoted (so no character is syntax), all
// required, the last one a prefix (from two letters on). Empty if there is no word.
// Repeated words (ignoring ASCII case) count once, and at most max_search_words are searched.
inline constexpr std::size_t max_search_words = 32;
std::string fts_query(const std::string& typed);

// Profile ids and names are compared ignoring ASCII case.
std::string lower_ascii(std::string text);

} // namespace casebook::detail
