// Supervision sessions, their actions and addenda; a session signed by both is sealed.
#include "sync/tables/tables.hpp"

#include <algorithm>
#include <map>

namespace casebook::detail {

void TableReplica::detect_supervision(const std::string& id) {
    auto& s =
        db_.cached("SELECT supervisor_profile_id, trainee_profile_id, COALESCE(case_id, ''), "
                   "COALESCE(checklist_record_id, ''), discussion, trainee_reflection, "
                   "COALESCE(signed_by_supervisor_at, ''), COALESCE(signed_by_trainee_at, ''), "
                   "created_at, updated_at, hlc, deleted FROM supervision WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return;
    const std::string supervisor = s.text(0);
    const RecordKey key{"supervision", id};
    const bool purged = s.integer64(11) != 0;
    detect_row(key, true, supervisor, IfGone::keep, [&](const Record& r, View& v) {
        v.wall_ms = stamp_ms(s.text(10));
        if (purged) {
            v.purged = true;
            return;
        }
        v.fields = {{"supervisor_profile_id", supervisor},
                    {"trainee_profile_id", s.text(1)},
                    {"case_id", s.text(2)},
                    {"checklist_record_id", s.text(3)},
                    {"signed_by_supervisor_at", s.text(6)},
                    {"signed_by_trainee_at", s.text(7)},
                    {"created_at", s.text(8)},
                    {"updated_at", s.text(9)}};
        // A save clears both signatures: every change carries the signatures as they now are.
        v.force = {"signed_by_supervisor_at", "signed_by_trainee_at"};
        if (!r.field("sealed").empty()) return;
        const std::string discussion = s.text(4), reflection = s.text(5);
        v.texts = {{"discussion", discussion}, {"trainee_reflection", reflection}};
        if (s.text(6).empty() || s.text(7).empty()) return;
        // Signed off by both: what they signed, sealed.
        std::vector<std::string> sealed{discussion, reflection, s.text(6), s.text(7)};
        auto& a = db_.cached("SELECT id, position, text, COALESCE(due_on, '') FROM "
                             "supervision_action WHERE supervision_id = ? AND deleted = 0 "
                             "ORDER BY position");
        a.bind(1, id);
        while (a.step())
            for (int c = 0; c < 4; ++c)
                sealed.push_back(a.text(c));
        v.fields.emplace_back("sealed", pack(sealed));
    });
    if (purged) return;

    auto& parts = db_.cached("SELECT id, position, text, COALESCE(due_on, ''), deleted, hlc FROM "
                             "supervision_action WHERE supervision_id = ?");
    parts.bind(1, id);
    detect_parts(key, "supervision_action", supervisor, parts, false, [](Statement& row) {
        View av;
        av.fields = {{"position", row.text(1)}, {"text", row.text(2)}, {"due_on", row.text(3)}};
        av.state = row.integer64(4) ? presence::deleted : presence::alive;
        av.wall_ms = stamp_ms(row.text(5));
        return av;
    });
    auto& addenda = db_.cached("SELECT id, author_profile_id, text, created_at, hlc FROM "
                               "supervision_addendum WHERE supervision_id = ?");
    addenda.bind(1, id);
    detect_parts(key, "supervision_addendum", supervisor, addenda, true, [](Statement& row) {
        View dv;
        dv.fields = {
            {"author_profile_id", row.text(1)}, {"text", row.text(2)}, {"created_at", row.text(3)}};
        dv.wall_ms = stamp_ms(row.text(4));
        return dv;
    });
}

bool TableReplica::apply_supervision(const Record& r) {
    const std::string supervisor = r.field("supervisor_profile_id");
    const std::string trainee = r.field("trainee_profile_id");
    if (!profile_exists(supervisor) || !profile_exists(trainee)) return false;
    const std::string hlc = r.latest().str();
    bool exists = false, signed_off = false;
    {
        auto& s =
            db_.cached("SELECT signed_by_supervisor_at IS NOT NULL AND signed_by_trainee_at IS "
                       "NOT NULL FROM supervision WHERE id = ?");
        s.bind(1, r.id);
        if (s.step()) {
            exists = true;
            signed_off = s.integer64(0) != 0;
        }
    }
    auto add_addenda = [&] {
        for (const auto& d : children(r.key(), "supervision_addendum")) {
            if (!profile_exists(d.field("author_profile_id"))) continue;
            db_.cached("INSERT OR IGNORE INTO supervision_addendum (id, supervision_id, "
                       "author_profile_id, text, created_at, hlc) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(1, d.id)
                .bind(2, r.id)
                .bind(3, d.field("author_profile_id"))
                .bind(4, d.field("text"))
                .bind(5, or_now(d.field("created_at")))
                .bind(6, d.latest().str())
                .run();
        }
    };
    if (signed_off) {
        // Read-only here once both signed: only addenda can still arrive. A seal saying something
        // else (made elsewhere, or forged) is not shown here, but said.
        if (const auto sealed = unpack(r.field("sealed")); sealed && sealed->size() >= 4) {
            auto& s =
                db_.cached("SELECT discussion, trainee_reflection FROM supervision WHERE id = ?");
            s.bind(1, r.id);
            if (s.step() && (s.text(0) != (*sealed)[0] || s.text(1) != (*sealed)[1]))
                notes_.push_back("supervision " + r.id +
                                 ": another device holds a different signed version; this device "
                                 "keeps what was signed here");
        }
        add_addenda();
        index_supervision(r.id);
        return true;
    }
    {
        auto& s = db_.cached("SELECT supervisor_profile_id || '/' || trainee_profile_id FROM "
                             "supervision WHERE id = ?");
        s.bind(1, r.id);
        if (s.step() && s.text(0) != supervisor + "/" + trainee)
            throw StoreError("it would give the session other people");
    }
    // A sealed session is never deleted (a file saying otherwise does not undo a signature).
    if (r.state() == presence::deleted && r.field("sealed").empty()) {
        if (exists) {
            db_.cached("DELETE FROM supervision_search WHERE rowid = "
                       "(SELECT seq FROM supervision WHERE id = ?)")
                .bind(1, r.id)
                .run();
            db_.cached(
                   "UPDATE supervision SET discussion = '', trainee_reflection = '', deleted = 1, "
                   "hlc = ? WHERE id = ?")
                .bind(1, hlc)
                .bind(2, r.id)
                .run();
        }
        return true;
    }

    std::string discussion = r.text("discussion"), reflection = r.text("trainee_reflection");
    struct Action {
        std::string id, position, text, due_on;
        bool deleted = false;
        std::string hlc;
    };
    std::vector<Action> actions;
    std::string by_supervisor = r.field("signed_by_supervisor_at");
    std::string by_trainee = r.field("signed_by_trainee_at");
    const auto sealed = r.field("sealed").empty() ? std::nullopt : unpack(r.field("sealed"));
    if (sealed && sealed->size() >= 4 && sealed->size() % 4 == 0) {
        // What both signed, whatever was written elsewhere meanwhile.
        discussion = (*sealed)[0];
        reflection = (*sealed)[1];
        by_supervisor = (*sealed)[2];
        by_trainee = (*sealed)[3];
        for (std::size_t i = 4; i < sealed->size(); i += 4)
            actions.push_back(
                {(*sealed)[i], (*sealed)[i + 1], (*sealed)[i + 2], (*sealed)[i + 3], false, hlc});
        // Actions the sealed session does not hold are not part of it.
        for (const auto& c : children(r.key(), "supervision_action"))
            if (std::none_of(actions.begin(), actions.end(),
                             [&](const Action& x) { return x.id == c.id; }))
                actions.push_back({c.id, c.field("position"), c.field("text"), c.field("due_on"),
                                   true, c.latest().str()});
    } else {
        for (const auto& c : children(r.key(), "supervision_action"))
            actions.push_back({c.id, c.field("position"), c.field("text"), c.field("due_on"),
                               c.state() == presence::deleted, c.latest().str()});
    }
    const bool both = !by_supervisor.empty() && !by_trainee.empty();
    // The row is written unsigned-by-both first, so its actions can still be written.
    db_.cached(
           "INSERT INTO supervision (id, supervisor_profile_id, trainee_profile_id, case_id, "
           "checklist_record_id, discussion, trainee_reflection, signed_by_supervisor_at, "
           "signed_by_trainee_at, created_at, updated_at, hlc, deleted) "
           "VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, "
           "?, ?, 0) ON CONFLICT (id) DO UPDATE SET "
           "supervisor_profile_id = excluded.supervisor_profile_id, "
           "trainee_profile_id = excluded.trainee_profile_id, case_id = excluded.case_id, "
           "checklist_record_id = excluded.checklist_record_id, "
           "discussion = excluded.discussion, trainee_reflection = excluded.trainee_reflection, "
           "signed_by_supervisor_at = excluded.signed_by_supervisor_at, "
           "signed_by_trainee_at = excluded.signed_by_trainee_at, "
           "created_at = excluded.created_at, updated_at = excluded.updated_at, "
           "hlc = excluded.hlc, deleted = 0")
        .bind(1, r.id)
        .bind(2, supervisor)
        .bind(3, trainee)
        .bind(4, r.field("case_id"))
        .bind(5, r.field("checklist_record_id"))
        .bind(6, discussion)
        .bind(7, reflection)
        .bind(8, by_supervisor)
        .bind(9, both ? std::string{} : by_trainee)
        .bind(10, or_now(r.field("created_at")))
        .bind(11, or_now(r.field("updated_at")))
        .bind(12, hlc)
        .run();
    for (const auto& a : actions)
        db_.cached(
               "INSERT INTO supervision_action (id, supervision_id, position, text, due_on, hlc, "
               "deleted) VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, ?) ON CONFLICT (id) DO UPDATE SET "
               "position = excluded.position, text = excluded.text, due_on = excluded.due_on, "
               "hlc = excluded.hlc, deleted = excluded.deleted")
            .bind(1, a.id)
            .bind(2, r.id)
            .bind_int64(3, to_int(a.position))
            .bind(4, a.text)
            .bind(5, a.due_on)
            .bind(6, a.hlc)
            .bind_int64(7, a.deleted ? 1 : 0)
            .run();
    if (both) {
        db_.cached("UPDATE supervision SET signed_by_trainee_at = ? WHERE id = ?")
            .bind(1, by_trainee)
            .bind(2, r.id)
            .run();
        add_addenda();
    }
    index_supervision(r.id);
    return true;
}

void TableReplica::index_supervision(const std::string& id) {
    // As the Journal indexes a session: who, then everything either of them wrote.
    db_.cached(
           "DELETE FROM supervision_search WHERE rowid = (SELECT seq FROM supervision WHERE id = "
           "?)")
        .bind(1, id)
        .run();
    std::string supervisor, trainee, body, reflection;
    {
        auto& s =
            db_.cached("SELECT (SELECT name FROM profile WHERE id = supervisor_profile_id), "
                       "(SELECT name FROM profile WHERE id = trainee_profile_id), discussion, "
                       "trainee_reflection FROM supervision WHERE id = ? AND deleted = 0");
        s.bind(1, id);
        if (!s.step()) return;
        supervisor = s.text(0);
        trainee = s.text(1);
        body = s.text(2);
        reflection = s.text(3);
    }
    auto& a = db_.cached("SELECT text FROM supervision_action WHERE supervision_id = ? AND "
                         "deleted = 0 ORDER BY position");
    a.bind(1, id);
    while (a.step())
        body += "\n" + a.text(0);
    body += "\n" + reflection;
    auto& d = db_.cached("SELECT text FROM supervision_addendum WHERE supervision_id = ? "
                         "ORDER BY created_at, rowid");
    d.bind(1, id);
    while (d.step())
        body += "\n" + d.text(0);
    db_.cached("INSERT INTO supervision_search (rowid, title, body) "
               "SELECT seq, ?, ? FROM supervision WHERE id = ?")
        .bind(1, "Supervision: " + supervisor + " with " + trainee)
        .bind(2, body)
        .bind(3, id)
        .run();
}

} // namespace casebook::detail
