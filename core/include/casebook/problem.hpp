#pragma once
#include <string>
#include <vector>

namespace casebook {

// One thing wrong with an input file: which file, which field (a JSON path), and why.
struct Problem {
    std::string file;
    std::string field;
    std::string reason;

    std::string to_string() const;
};

using Problems = std::vector<Problem>;

} // namespace casebook
