// Markdown for an e-portfolio: one supervision session, or all of a profile's notes and sessions.
#include "casebook/cases.hpp"
#include "journal/support.hpp"

#include <algorithm>

namespace casebook {

std::vector<IdentifierKind> MarkdownExport::kinds() const {
    std::vector<IdentifierKind> out;
    for (const auto& m : identifiers)
        if (std::find(out.begin(), out.end(), m.kind) == out.end()) out.push_back(m.kind);
    return out;
}

namespace {

std::string hashes(int level) {
    return std::string(static_cast<std::size_t>(std::clamp(level, 1, 6)), '#') + " ";
}

// Appends what a person wrote, checking it for identifiers. The export's own words and times
// are appended directly: a heading's date is not a patient's date of birth.
void written(MarkdownExport& doc, const std::string& text) {
    for (auto m : find_identifiers(text)) {
        m.begin += doc.text.size();
        m.end += doc.text.size();
        doc.identifiers.push_back(std::move(m));
    }
    doc.text += text;
}

// A paragraph of the person's own text, or a note that there was none.
void block(MarkdownExport& doc, const std::string& text) {
    const auto last = text.find_last_not_of(" \t\r\n");
    if (last == std::string::npos) {
        doc.text += "_None recorded._\n\n";
        return;
    }
    written(doc, text.substr(0, last + 1));
    doc.text += "\n\n";
}

std::string describe(const Profile& p) {
    std::string out = p.name + " (" + to_string(p.role);
    if (!p.profession.empty()) out += ", " + profession_label(p.profession);
    if (!p.jurisdiction.empty()) out += ", " + jurisdiction_label(p.jurisdiction);
    return out + ")";
}

std::string case_name(const std::string& case_id, const Library* library) {
    if (library)
        if (const Case* c = library->find(case_id)) return c->title + " (`" + case_id + "`)";
    return "`" + case_id + "`";
}

} // namespace

void Journal::supervision_markdown(const Supervision& s, const Library* library, int level,
                                   MarkdownExport& doc) const {
    auto who = [&](const std::string& id) {
        auto p = profile(id);
        return p ? describe(*p) : std::string("(a profile no longer on this device)");
    };
    auto name = [&](const std::string& id) {
        auto p = profile(id);
        return p ? p->name : id;
    };
    std::string& out = doc.text;
    out += hashes(level) + "Supervision session, " + s.created_at.substr(0, 10) + "\n\n";
    out += "- **Supervisor:** " + who(s.supervisor_profile_id) + "\n";
    out += "- **Trainee:** " + who(s.trainee_profile_id) + "\n";
    if (!s.case_id.empty()) out += "- **Case:** " + case_name(s.case_id, library) + "\n";
    if (!s.checklist_record_id.empty())
        out += "- **Decision record:** `" + s.checklist_record_id + "`\n";
    out += "- **Started:** " + utc_time(s.created_at) + "\n";
    out += "- **Last changed:** " + utc_time(s.updated_at) + "\n\n";
    out += hashes(level + 1) + "Discussion\n\n";
    block(doc, s.discussion);
    out += hashes(level + 1) + "Agreed actions\n\n";
    if (s.actions.empty()) out += "_None recorded._\n\n";
    for (std::size_t i = 0; i < s.actions.size(); ++i) {
        out += std::to_string(i + 1) + ". ";
        written(doc, s.actions[i].text);
        if (!s.actions[i].due_on.empty()) out += " (due " + s.actions[i].due_on + ")";
        out += "\n";
    }
    if (!s.actions.empty()) out += "\n";
    out += hashes(level + 1) + "Trainee's reflection\n\n";
    block(doc, s.trainee_reflection);
    out += hashes(level + 1) + "Sign-off\n\n";
    auto signature = [&](const char* role, const std::string& at) {
        out += std::string("- ") + role + ": " +
               (at.empty() ? "not signed" : "signed " + utc_time(at)) + "\n";
    };
    signature("Supervisor", s.signed_by_supervisor_at);
    signature("Trainee", s.signed_by_trainee_at);
    out += s.signed_off() ? "\nSigned off by both: this record is read-only.\n\n"
                          : "\nNot yet signed off by both: this is a draft.\n\n";
    if (s.addenda.empty()) return;
    out += hashes(level + 1) + "Addenda\n\n";
    for (const auto& a : s.addenda) {
        out += hashes(level + 2) + utc_time(a.created_at) + ", by " + name(a.author_profile_id) +
               "\n\n";
        block(doc, a.text);
    }
}

MarkdownExport Journal::supervision_markdown(const std::string& profile_id,
                                             const std::string& supervision_id,
                                             const Library* library) const {
    MarkdownExport doc;
    supervision_markdown(require_supervision(profile_id, supervision_id), library, 1, doc);
    return doc;
}

MarkdownExport Journal::export_markdown(const std::string& profile_id,
                                        const Library* library) const {
    const Profile p = require_profile(profile_id);
    const auto all_notes = notes(profile_id);
    const auto sessions = supervisions(profile_id);
    MarkdownExport doc;
    std::string& out = doc.text;
    out += "# Casebook: notes and supervision of " + p.name + "\n\n";
    out += "- **Profile:** " + describe(p) + "\n";
    out += "- **Exported:** " + utc_time(now()) + "\n";
    out += "- **Notes:** " + std::to_string(all_notes.size()) + "; **supervision sessions:** " +
           std::to_string(sessions.size()) + "\n\n";

    out += "## Notes\n\n";
    if (all_notes.empty()) out += "_No notes._\n\n";
    for (const auto& n : all_notes) {
        out += "### ";
        if (n.title.empty())
            out += "(untitled)";
        else
            written(doc, n.title);
        out += "\n\n_Created " + utc_time(n.created_at) + "; edited " + utc_time(n.edited_at) +
               "; version " + std::to_string(n.version);
        if (!n.tags.empty()) {
            out += "; tags: ";
            written(doc, detail::join_tags(n.tags));
        }
        if (n.attached_kind == "case")
            out += "; on case " + case_name(n.attached_id, library);
        else if (n.attached_kind == "decision")
            out += "; on decision `" + n.attached_id + "`";
        else if (n.attached_kind == "checklist_record")
            out += "; on decision record `" + n.attached_id + "`";
        out += "_\n\n";
        block(doc, n.body);
    }

    out += "## Supervision sessions\n\n";
    if (sessions.empty()) out += "_No supervision sessions._\n\n";
    for (const auto& s : sessions)
        supervision_markdown(s, library, 3, doc);
    return doc;
}

} // namespace casebook
