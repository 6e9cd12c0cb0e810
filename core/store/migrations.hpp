#pragma once
// The schema migrations the Store runs at open (core/store/migrations.cpp).
#include <cstddef>

namespace casebook::detail {

// migrations[i] takes the schema from version i to i + 1.
extern const char* const migrations[];
extern const std::size_t migration_count;

} // namespace casebook::detail
