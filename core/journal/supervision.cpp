// Supervision sessions: written together at one device, signed off by both, then read-only.
#include "journal/support.hpp"

#include <cctype>

namespace casebook {

using detail::Statement;
using detail::Transaction;

namespace {

// Each session is seen only by its supervisor and its trainee: the second parameter is the
// profile asking.
const char* supervision_columns =
    "SELECT id, supervisor_profile_id, trainee_profile_id, COALESCE(case_id, ''), "
    "COALESCE(checklist_record_id, ''), discussion, trainee_reflection, "
    "COALESCE(signed_by_supervisor_at, ''), COALESCE(signed_by_trainee_at, ''), created_at, "
    "updated_at FROM supervision WHERE deleted = 0 ";

Supervision read_supervision(const Statement& s) {
    Supervision out;
    out.id = s.text(0);
    out.supervisor_profile_id = s.text(1);
    out.trainee_profile_id = s.text(2);
    out.case_id = s.text(3);
    out.checklist_record_id = s.text(4);
    out.discussion = s.text(5);
    out.trainee_reflection = s.text(6);
    out.signed_by_supervisor_at = s.text(7);
    out.signed_by_trainee_at = s.text(8);
    out.created_at = s.text(9);
    out.updated_at = s.text(10);
    return out;
}

void read_parts(detail::Db& db, Supervision& out) {
    Statement a(db, "SELECT text, COALESCE(due_on, '') FROM supervision_action "
                    "WHERE supervision_id = ? AND deleted = 0 ORDER BY position");
    a.bind(1, out.id);
    while (a.step())
        out.actions.push_back({a.text(0), a.text(1)});
    Statement d(db, "SELECT id, author_profile_id, text, created_at FROM supervision_addendum "
                    "WHERE supervision_id = ? ORDER BY created_at, rowid");
    d.bind(1, out.id);
    while (d.step())
        out.addenda.push_back({d.text(0), d.text(1), d.text(2), d.text(3)});
}

// Any session by id, whoever asks: for the Journal's own bookkeeping only.
std::optional<Supervision> load_supervision(detail::Db& db, const std::string& id) {
    Statement s(db, (std::string(supervision_columns) + "AND id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    Supervision out = read_supervision(s);
    read_parts(db, out);
    return out;
}

bool is_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

} // namespace

Supervision Journal::require_supervision(const std::string& profile_id,
                                         const std::string& supervision_id) const {
    auto s = supervision(profile_id, supervision_id);
    // The same words whether the session does not exist or is someone else's.
    if (!s) throw JournalError("no supervision session " + supervision_id + " in this profile");
    return *s;
}

Supervision Journal::start_supervision(const std::string& supervisor_profile_id,
                                       const std::string& trainee_profile_id,
                                       const std::string& case_id,
                                       const std::string& checklist_record_id) {
    require_profile(supervisor_profile_id);
    require_profile(trainee_profile_id);
    if (supervisor_profile_id == trainee_profile_id)
        throw JournalError("a supervision session needs two different profiles");
    const std::string id = random_id();
    const std::string at = now();
    Transaction t(store_.db());
    Statement s(store_.db(),
                "INSERT INTO supervision (id, supervisor_profile_id, trainee_profile_id, case_id, "
                "checklist_record_id, created_at, updated_at, hlc) "
                "VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?, ?)");
    s.bind(1, id).bind(2, supervisor_profile_id).bind(3, trainee_profile_id).bind(4, case_id);
    s.bind(5, checklist_record_id).bind(6, at).bind(7, at).bind(8, stamp()).step();
    write_supervision_index(id);
    t.commit();
    return require_supervision(supervisor_profile_id, id);
}

Supervision Journal::save_supervision(const std::string& profile_id,
                                      const std::string& supervision_id,
                                      const SupervisionDraft& draft) {
    const Supervision current = require_supervision(profile_id, supervision_id);
    if (current.signed_off())
        throw JournalError("supervision session " + supervision_id +
                           " is signed off by both and cannot be changed; add an addendum");
    for (const auto& a : draft.actions) {
        if (a.text.empty()) throw JournalError("an agreed action needs its text");
        if (!a.due_on.empty() && !is_date(a.due_on))
            throw JournalError("an action's due date is YYYY-MM-DD, not '" + a.due_on + "'");
    }
    if (draft.case_id == current.case_id &&
        draft.checklist_record_id == current.checklist_record_id &&
        draft.discussion == current.discussion && draft.actions == current.actions &&
        draft.trainee_reflection == current.trainee_reflection)
        return current;

    Transaction t(store_.db());
    // What either of them signed is no longer what the record says: both sign again.
    Statement s(store_.db(),
                "UPDATE supervision SET case_id = NULLIF(?, ''), checklist_record_id = NULLIF(?, "
                "''), discussion = ?, trainee_reflection = ?, signed_by_supervisor_at = NULL, "
                "signed_by_trainee_at = NULL, updated_at = ?, hlc = ? WHERE id = ?");
    s.bind(1, draft.case_id).bind(2, draft.checklist_record_id).bind(3, draft.discussion);
    s.bind(4, draft.trainee_reflection).bind(5, now()).bind(6, stamp()).bind(7, supervision_id);
    s.step();

    // Actions keep their ids by position, so sync sees an edit rather than a new action.
    std::vector<std::string> action_ids;
    {
        Statement ids(store_.db(),
                      "SELECT id FROM supervision_action WHERE supervision_id = ? AND deleted = 0 "
                      "ORDER BY position");
        ids.bind(1, supervision_id);
        while (ids.step())
            action_ids.push_back(ids.text(0));
    }
    for (std::size_t i = 0; i < draft.actions.size(); ++i) {
        const auto& a = draft.actions[i];
        if (i < action_ids.size()) {
            Statement u(store_.db(), "UPDATE supervision_action SET position = ?, text = ?, "
                                     "due_on = NULLIF(?, ''), hlc = ? WHERE id = ?");
            u.bind(1, std::to_string(i)).bind(2, a.text).bind(3, a.due_on).bind(4, stamp());
            u.bind(5, action_ids[i]).step();
        } else {
            Statement n(store_.db(),
                        "INSERT INTO supervision_action (id, supervision_id, position, text, "
                        "due_on, hlc) VALUES (?, ?, ?, ?, NULLIF(?, ''), ?)");
            n.bind(1, random_id()).bind(2, supervision_id).bind(3, std::to_string(i));
            n.bind(4, a.text).bind(5, a.due_on).bind(6, stamp()).step();
        }
    }
    for (std::size_t i = draft.actions.size(); i < action_ids.size(); ++i) {
        Statement d(store_.db(), "UPDATE supervision_action SET deleted = 1, hlc = ? WHERE id = ?");
        d.bind(1, stamp()).bind(2, action_ids[i]).step();
    }
    write_supervision_index(supervision_id);
    t.commit();
    return require_supervision(profile_id, supervision_id);
}

Supervision Journal::sign_supervision(const std::string& profile_id,
                                      const std::string& supervision_id, const SignOff& how) {
    const Supervision current = require_supervision(profile_id, supervision_id);
    const bool as_supervisor = profile_id == current.supervisor_profile_id;
    if (!(as_supervisor ? current.signed_by_supervisor_at : current.signed_by_trainee_at).empty())
        return current;
    const Profile signer = require_profile(profile_id);
    if (signer.has_pin) {
        const PinCheck check = check_pin(profile_id, how.pin);
        if (!check.accepted()) throw PinError(check.message(signer.name), check);
    } else if (!how.confirmed) {
        throw JournalError(signer.name +
                           " has no PIN: the sign-off needs an explicit confirmation");
    }
    Statement s(store_.db(), as_supervisor
                                 ? "UPDATE supervision SET signed_by_supervisor_at = ?, hlc = ? "
                                   "WHERE id = ?"
                                 : "UPDATE supervision SET signed_by_trainee_at = ?, hlc = ? "
                                   "WHERE id = ?");
    s.bind(1, now()).bind(2, stamp()).bind(3, supervision_id).step();
    return require_supervision(profile_id, supervision_id);
}

SupervisionAddendum Journal::add_supervision_addendum(const std::string& profile_id,
                                                      const std::string& supervision_id,
                                                      const std::string& text) {
    const Supervision current = require_supervision(profile_id, supervision_id);
    if (!current.signed_off())
        throw JournalError("supervision session " + supervision_id +
                           " is not signed off by both yet: edit it instead of adding an addendum");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw JournalError("an addendum needs some text");
    SupervisionAddendum a{random_id(), profile_id, text, now()};
    Transaction t(store_.db());
    Statement s(store_.db(),
                "INSERT INTO supervision_addendum (id, supervision_id, author_profile_id, text, "
                "created_at, hlc) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, a.id).bind(2, supervision_id).bind(3, profile_id).bind(4, a.text);
    s.bind(5, a.created_at).bind(6, stamp()).step();
    write_supervision_index(supervision_id);
    t.commit();
    return a;
}

std::optional<Supervision> Journal::supervision(const std::string& profile_id,
                                                const std::string& supervision_id) const {
    Statement s(store_.db(), (std::string(supervision_columns) +
                              "AND id = ? AND ? IN (supervisor_profile_id, trainee_profile_id)")
                                 .c_str());
    s.bind(1, supervision_id).bind(2, profile_id);
    if (!s.step()) return std::nullopt;
    Supervision out = read_supervision(s);
    read_parts(store_.db(), out);
    return out;
}

std::vector<Supervision> Journal::supervisions(const std::string& profile_id) const {
    std::vector<Supervision> out;
    Statement s(store_.db(), (std::string(supervision_columns) +
                              "AND ? IN (supervisor_profile_id, trainee_profile_id) "
                              "ORDER BY created_at DESC, seq DESC")
                                 .c_str());
    s.bind(1, profile_id);
    while (s.step())
        out.push_back(read_supervision(s));
    for (auto& one : out)
        read_parts(store_.db(), one);
    return out;
}

void Journal::delete_supervision(const std::string& profile_id, const std::string& supervision_id) {
    const Supervision current = require_supervision(profile_id, supervision_id);
    if (current.signed_off())
        throw JournalError("supervision session " + supervision_id +
                           " is signed off by both and is kept");
    Transaction t(store_.db());
    Statement index(store_.db(), "DELETE FROM supervision_search WHERE rowid = "
                                 "(SELECT seq FROM supervision WHERE id = ?)");
    index.bind(1, supervision_id).step();
    Statement s(store_.db(),
                "UPDATE supervision SET discussion = '', trainee_reflection = '', deleted = 1, "
                "hlc = ? WHERE id = ?");
    s.bind(1, stamp()).bind(2, supervision_id).step();
    t.commit();
}

void Journal::write_supervision_index(const std::string& supervision_id) {
    // One searchable row per session: who, then everything either of them wrote.
    auto s = load_supervision(store_.db(), supervision_id);
    Statement remove(store_.db(), "DELETE FROM supervision_search WHERE rowid = "
                                  "(SELECT seq FROM supervision WHERE id = ?)");
    remove.bind(1, supervision_id).step();
    if (!s) return;
    auto name = [&](const std::string& id) {
        auto p = profile(id);
        return p ? p->name : std::string{};
    };
    const std::string title =
        "Supervision: " + name(s->supervisor_profile_id) + " with " + name(s->trainee_profile_id);
    std::string body = s->discussion;
    for (const auto& a : s->actions)
        body += "\n" + a.text;
    body += "\n" + s->trainee_reflection;
    for (const auto& a : s->addenda)
        body += "\n" + a.text;
    Statement add(store_.db(), "INSERT INTO supervision_search (rowid, title, body) "
                               "SELECT seq, ?, ? FROM supervision WHERE id = ?");
    add.bind(1, title).bind(2, body).bind(3, supervision_id).step();
}

} // namespace casebook
