#pragma once
#include <string>
#include <vector>

namespace casebook {

// The core's one shape for validation: a check adds a Problem to a list for each thing wrong with
// an input (failures, by contrast, are exceptions). A Problem says which file (empty for an
// argument or a typed value), which field (a JSON path, an option), and why.
struct Problem {
    std::string file;
    std::string field;
    std::string reason;

    std::string to_string() const;
    bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

} // namespace casebook
