#include "casebook/identifiers.hpp"

#include <algorithm>

namespace casebook {

std::vector<IdentifierFinding> notes_with_identifiers(const Journal& journal,
                                                      const std::string& profile_id) {
    std::vector<IdentifierFinding> out;
    for (const auto& p : journal.profiles()) {
        if (!profile_id.empty() && p.id != profile_id) continue;
        for (const auto& n : journal.notes(p.id)) {
            IdentifierFinding f{p.name, n.id, n.title, {}};
            for (const auto& text : {n.title, n.body})
                for (const auto& m : find_identifiers(text))
                    if (std::find(f.kinds.begin(), f.kinds.end(), m.kind) == f.kinds.end())
                        f.kinds.push_back(m.kind);
            if (!f.kinds.empty()) out.push_back(std::move(f));
        }
    }
    return out;
}

std::string describe(const std::vector<IdentifierFinding>& findings) {
    std::vector<IdentifierKind> kinds;
    for (const auto& f : findings)
        for (auto k : f.kinds)
            if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
    std::string what;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (i) what += i + 1 == kinds.size() ? " and " : ", ";
        what += std::string(kinds[i] == IdentifierKind::email ? "an " : "a ") + label(kinds[i]);
    }
    return std::to_string(findings.size()) +
           (findings.size() == 1 ? " note holds" : " notes hold") + " what looks like " + what;
}

} // namespace casebook
