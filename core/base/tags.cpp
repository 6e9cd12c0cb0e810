#include "casebook/base.hpp"

namespace casebook {

namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace

std::string join_tags(const std::vector<std::string>& tags) {
    std::string out;
    for (const auto& t : tags) {
        if (!out.empty()) out += ", ";
        out += t;
    }
    return out;
}

std::vector<std::string> split_tags(const std::string& text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        auto comma = text.find(',', from);
        if (comma == std::string::npos) comma = text.size();
        if (auto t = trim(text.substr(from, comma - from)); !t.empty()) out.push_back(t);
        from = comma + 1;
    }
    return out;
}

} // namespace casebook
