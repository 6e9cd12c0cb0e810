#include "store/migrations.hpp"

#include <iterator>

namespace casebook::detail {

// Each entry takes the schema from version i to i + 1; never edit one that has shipped.
const char* const migrations[] = {
    // 0 -> 1: attempts at cases and the option chosen at each decision.
    R"sql(
CREATE TABLE attempt (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX attempt_case ON attempt(case_id);
CREATE TABLE choice (
    attempt_id TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
    decision_id TEXT NOT NULL,
    option_key TEXT NOT NULL,
    chosen_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, decision_id)
);
)sql",
    // 1 -> 2: the reader's reflection on a case.
    R"sql(
CREATE TABLE reflection (
    case_id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
)sql",
    // 2 -> 3: device settings (theme, text size).
    R"sql(
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql",
    // 3 -> 4: disclosure checklist decision records, read-only once final, with addenda.
    R"sql(
CREATE TABLE checklist_record (
    id TEXT PRIMARY KEY,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'real')),
    case_id TEXT,
    jurisdiction TEXT NOT NULL,
    answers_json TEXT NOT NULL,
    outcome TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finalised_at TEXT
);
CREATE TRIGGER checklist_record_final_is_read_only
BEFORE UPDATE ON checklist_record WHEN OLD.finalised_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a finalised decision record cannot be changed; add an addendum');
END;
CREATE TRIGGER checklist_record_final_is_kept
BEFORE DELETE ON checklist_record WHEN OLD.finalised_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a finalised decision record cannot be deleted');
END;
CREATE TABLE record_addendum (
    id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES checklist_record(id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX record_addendum_record ON record_addendum(record_id);
)sql",
    // 4 -> 5: profiles with an optional PIN, notes with every saved version, supervision
    // sessions (read-only once both have signed off, then addenda), and full-text search.
    // Every user record has a random id, a hybrid logical clock stamp (hlc) and a tombstone flag
    // (deleted) for sync. seq columns give the full-text indexes a stable integer key (a plain
    // rowid may be renumbered by VACUUM).
    R"sql(
CREATE TABLE profile (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('trainee', 'supervisor', 'other')),
    profession TEXT NOT NULL DEFAULT '',
    jurisdiction TEXT NOT NULL DEFAULT '',
    pin_hash TEXT,
    created_at TEXT NOT NULL,
    hlc TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
-- Wrong-PIN back-off belongs to this device: kept apart from the profile, never synced.
CREATE TABLE pin_failure (
    profile_id TEXT PRIMARY KEY REFERENCES profile(id),
    failed_attempts INTEGER NOT NULL,
    last_failure_ms INTEGER NOT NULL
);
CREATE TABLE note (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    profile_id TEXT NOT NULL REFERENCES profile(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tags TEXT NOT NULL,
    attached_kind TEXT NOT NULL DEFAULT 'none'
        CHECK (attached_kind IN ('none', 'case', 'decision', 'checklist_record')),
    attached_id TEXT,
    created_at TEXT NOT NULL,
    edited_at TEXT NOT NULL,
    deleted_at TEXT,
    hlc TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
-- Lists a profile's notes in order, and is the covering index search filters notes with.
CREATE INDEX note_profile ON note(profile_id, deleted, deleted_at, edited_at);
CREATE TABLE note_version (
    note_id TEXT NOT NULL REFERENCES note(id),
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tags TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (note_id, number)
);
CREATE TABLE supervision (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    supervisor_profile_id TEXT NOT NULL REFERENCES profile(id),
    trainee_profile_id TEXT NOT NULL REFERENCES profile(id),
    case_id TEXT,
    checklist_record_id TEXT,
    discussion TEXT NOT NULL DEFAULT '',
    trainee_reflection TEXT NOT NULL DEFAULT '',
    signed_by_supervisor_at TEXT,
    signed_by_trainee_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    hlc TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    CHECK (supervisor_profile_id <> trainee_profile_id)
);
CREATE INDEX supervision_supervisor ON supervision(supervisor_profile_id);
CREATE INDEX supervision_trainee ON supervision(trainee_profile_id);
CREATE TABLE supervision_action (
    id TEXT PRIMARY KEY,
    supervision_id TEXT NOT NULL REFERENCES supervision(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    due_on TEXT,
    hlc TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX supervision_action_supervision ON supervision_action(supervision_id);
CREATE TABLE supervision_addendum (
    id TEXT PRIMARY KEY,
    supervision_id TEXT NOT NULL REFERENCES supervision(id),
    author_profile_id TEXT NOT NULL REFERENCES profile(id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    hlc TEXT NOT NULL
);
CREATE INDEX supervision_addendum_supervision ON supervision_addendum(supervision_id);

CREATE TRIGGER supervision_signed_is_read_only
BEFORE UPDATE ON supervision
WHEN OLD.signed_by_supervisor_at IS NOT NULL AND OLD.signed_by_trainee_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a supervision record signed off by both cannot be changed; add an addendum');
END;
CREATE TRIGGER supervision_signed_is_kept
BEFORE DELETE ON supervision
WHEN OLD.signed_by_supervisor_at IS NOT NULL AND OLD.signed_by_trainee_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a supervision record signed off by both cannot be deleted');
END;
CREATE TRIGGER supervision_action_signed_no_insert
BEFORE INSERT ON supervision_action
WHEN (SELECT signed_by_supervisor_at IS NOT NULL AND signed_by_trainee_at IS NOT NULL
      FROM supervision WHERE id = NEW.supervision_id)
BEGIN
    SELECT RAISE(ABORT, 'a supervision record signed off by both cannot be changed; add an addendum');
END;
CREATE TRIGGER supervision_action_signed_no_update
BEFORE UPDATE ON supervision_action
WHEN (SELECT signed_by_supervisor_at IS NOT NULL AND signed_by_trainee_at IS NOT NULL
      FROM supervision WHERE id = OLD.supervision_id)
BEGIN
    SELECT RAISE(ABORT, 'a supervision record signed off by both cannot be changed; add an addendum');
END;
CREATE TRIGGER supervision_action_signed_no_delete
BEFORE DELETE ON supervision_action
WHEN (SELECT signed_by_supervisor_at IS NOT NULL AND signed_by_trainee_at IS NOT NULL
      FROM supervision WHERE id = OLD.supervision_id)
BEGIN
    SELECT RAISE(ABORT, 'a supervision record signed off by both cannot be changed; add an addendum');
END;
CREATE TRIGGER supervision_addendum_after_sign_off
BEFORE INSERT ON supervision_addendum
WHEN (SELECT signed_by_supervisor_at IS NULL OR signed_by_trainee_at IS NULL
      FROM supervision WHERE id = NEW.supervision_id)
BEGIN
    SELECT RAISE(ABORT, 'addenda follow sign-off by both; until then edit the record');
END;
CREATE TRIGGER supervision_addendum_is_read_only
BEFORE UPDATE ON supervision_addendum
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be changed; add another');
END;
CREATE TRIGGER supervision_addendum_is_kept
BEFORE DELETE ON supervision_addendum
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be deleted');
END;

-- Notes are indexed from the note table itself (external content), kept current by triggers.
CREATE VIRTUAL TABLE note_search USING fts5(
    title, body, tags, content='note', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER note_search_insert AFTER INSERT ON note
BEGIN
    INSERT INTO note_search (rowid, title, body, tags) VALUES (NEW.seq, NEW.title, NEW.body, NEW.tags);
END;
CREATE TRIGGER note_search_delete AFTER DELETE ON note
BEGIN
    INSERT INTO note_search (note_search, rowid, title, body, tags)
    VALUES ('delete', OLD.seq, OLD.title, OLD.body, OLD.tags);
END;
CREATE TRIGGER note_search_update AFTER UPDATE OF title, body, tags ON note
BEGIN
    INSERT INTO note_search (note_search, rowid, title, body, tags)
    VALUES ('delete', OLD.seq, OLD.title, OLD.body, OLD.tags);
    INSERT INTO note_search (rowid, title, body, tags) VALUES (NEW.seq, NEW.title, NEW.body, NEW.tags);
END;
-- A session's text spans three tables, so the Journal writes its one row (rowid = seq).
CREATE VIRTUAL TABLE supervision_search USING fts5(
    title, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
-- Case text comes from the bundled files, shared by every profile.
CREATE VIRTUAL TABLE case_search USING fts5(
    case_id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
-- What an index was built from, to rebuild it only when that changed.
CREATE TABLE search_source (
    name TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
)sql",
    // 5 -> 6: progress, reflections and decision records belong to a profile ('' is the
    // device's anonymous use before any profile exists).
    R"sql(
ALTER TABLE attempt ADD COLUMN profile_id TEXT NOT NULL DEFAULT '';
CREATE INDEX attempt_profile_case ON attempt(profile_id, case_id);
CREATE TABLE reflection_by_profile (
    profile_id TEXT NOT NULL DEFAULT '',
    case_id TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, case_id)
);
INSERT INTO reflection_by_profile (profile_id, case_id, text, updated_at)
    SELECT '', case_id, text, updated_at FROM reflection;
DROP TABLE reflection;
ALTER TABLE reflection_by_profile RENAME TO reflection;
ALTER TABLE checklist_record ADD COLUMN profile_id TEXT NOT NULL DEFAULT '';
CREATE INDEX checklist_record_profile ON checklist_record(profile_id);
)sql",
    // 6 -> 7: sync between devices (core/sync/). The device's identity and clock, each
    // synced record's merged state, how far each other device's files were applied, the records
    // changed here since the last sync (filled by triggers), and the texts in conflict. While a
    // sync applies other devices' changes it holds one row in sync_applying, so the triggers
    // leave those changes out (no other connection ever sees that row: it is removed before the
    // transaction commits).
    R"sql(
CREATE TABLE sync_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE sync_record (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    root_kind TEXT NOT NULL,
    root_id TEXT NOT NULL,
    state BLOB NOT NULL,
    unsent INTEGER NOT NULL DEFAULT 0,
    mine INTEGER NOT NULL DEFAULT 0,
    applied INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (kind, id)
);
CREATE INDEX sync_record_root ON sync_record(root_kind, root_id);
CREATE INDEX sync_record_unsent ON sync_record(unsent) WHERE unsent = 1;
CREATE INDEX sync_record_mine ON sync_record(mine) WHERE mine = 1;
CREATE INDEX sync_record_pending ON sync_record(applied) WHERE applied = 0;
CREATE TABLE sync_peer (
    device TEXT PRIMARY KEY,
    progress TEXT NOT NULL,
    last_applied_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sync_outbox (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE TABLE sync_conflict (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    field TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    other_profile_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, id, field)
) WITHOUT ROWID;
CREATE TABLE sync_applying (one INTEGER PRIMARY KEY);

CREATE TRIGGER sync_profile_insert AFTER INSERT ON profile
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('profile', NEW.id); END;
CREATE TRIGGER sync_profile_update
AFTER UPDATE OF name, role, profession, jurisdiction, created_at, deleted ON profile
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('profile', NEW.id); END;

CREATE TRIGGER sync_note_insert AFTER INSERT ON note
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('note', NEW.id); END;
CREATE TRIGGER sync_note_update AFTER UPDATE ON note
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('note', NEW.id); END;
CREATE TRIGGER sync_note_version_insert AFTER INSERT ON note_version
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('note', NEW.note_id); END;
CREATE TRIGGER sync_note_version_update AFTER UPDATE ON note_version
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('note', NEW.note_id); END;
CREATE TRIGGER sync_note_version_delete AFTER DELETE ON note_version
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('note', OLD.note_id); END;

CREATE TRIGGER sync_supervision_insert AFTER INSERT ON supervision
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('supervision', NEW.id); END;
CREATE TRIGGER sync_supervision_update AFTER UPDATE ON supervision
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('supervision', NEW.id); END;
CREATE TRIGGER sync_supervision_action_insert AFTER INSERT ON supervision_action
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('supervision', NEW.supervision_id); END;
CREATE TRIGGER sync_supervision_action_update AFTER UPDATE ON supervision_action
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('supervision', NEW.supervision_id); END;
CREATE TRIGGER sync_supervision_addendum_insert AFTER INSERT ON supervision_addendum
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('supervision', NEW.supervision_id); END;

CREATE TRIGGER sync_checklist_record_insert AFTER INSERT ON checklist_record
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('checklist_record', NEW.id); END;
CREATE TRIGGER sync_checklist_record_update AFTER UPDATE ON checklist_record
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('checklist_record', NEW.id); END;
CREATE TRIGGER sync_checklist_record_delete AFTER DELETE ON checklist_record
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('checklist_record', OLD.id); END;
CREATE TRIGGER sync_record_addendum_insert AFTER INSERT ON record_addendum
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('checklist_record', NEW.record_id); END;

CREATE TRIGGER sync_attempt_insert AFTER INSERT ON attempt
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('attempt', NEW.id); END;
CREATE TRIGGER sync_attempt_update AFTER UPDATE ON attempt
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('attempt', NEW.id); END;
CREATE TRIGGER sync_attempt_delete AFTER DELETE ON attempt
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('attempt', OLD.id); END;
CREATE TRIGGER sync_choice_insert AFTER INSERT ON choice
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('attempt', NEW.attempt_id); END;
CREATE TRIGGER sync_choice_update AFTER UPDATE ON choice
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('attempt', NEW.attempt_id); END;
CREATE TRIGGER sync_choice_delete AFTER DELETE ON choice
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('attempt', OLD.attempt_id); END;

-- A reflection's sync id is "<profile id>/<case id>".
CREATE TRIGGER sync_reflection_insert AFTER INSERT ON reflection
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('reflection', NEW.profile_id || '/' || NEW.case_id); END;
CREATE TRIGGER sync_reflection_update AFTER UPDATE ON reflection
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('reflection', NEW.profile_id || '/' || NEW.case_id); END;
CREATE TRIGGER sync_reflection_delete AFTER DELETE ON reflection
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_outbox VALUES ('reflection', OLD.profile_id || '/' || OLD.case_id); END;

-- What was written before sync existed goes with the first sync.
INSERT OR IGNORE INTO sync_outbox SELECT 'profile', id FROM profile;
INSERT OR IGNORE INTO sync_outbox SELECT 'note', id FROM note;
INSERT OR IGNORE INTO sync_outbox SELECT 'supervision', id FROM supervision;
INSERT OR IGNORE INTO sync_outbox SELECT 'checklist_record', id FROM checklist_record;
INSERT OR IGNORE INTO sync_outbox SELECT 'attempt', id FROM attempt;
INSERT OR IGNORE INTO sync_outbox SELECT 'reflection', profile_id || '/' || case_id FROM reflection;
)sql",
    // 7 -> 8: the outbox triggers add a row only when it is missing, instead of INSERT OR IGNORE.
    // Inside an UPSERT that takes its DO UPDATE path SQLite applies the outer statement's conflict
    // policy (ABORT) to a trigger's OR IGNORE, so saving the same reflection twice failed with
    // "UNIQUE constraint failed: sync_outbox". NOT EXISTS never reaches the constraint.
    R"sql(
DROP TRIGGER sync_profile_update;
CREATE TRIGGER sync_profile_update
AFTER UPDATE OF name, role, profession, jurisdiction, created_at, deleted ON profile
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'profile', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'profile' AND id = NEW.id); END;
DROP TRIGGER sync_profile_insert;
CREATE TRIGGER sync_profile_insert AFTER INSERT ON profile
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'profile', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'profile' AND id = NEW.id); END;
DROP TRIGGER sync_note_insert;
CREATE TRIGGER sync_note_insert AFTER INSERT ON note
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'note', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'note' AND id = NEW.id); END;
DROP TRIGGER sync_note_update;
CREATE TRIGGER sync_note_update AFTER UPDATE ON note
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'note', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'note' AND id = NEW.id); END;
DROP TRIGGER sync_note_version_insert;
CREATE TRIGGER sync_note_version_insert AFTER INSERT ON note_version
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'note', NEW.note_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'note' AND id = NEW.note_id); END;
DROP TRIGGER sync_note_version_update;
CREATE TRIGGER sync_note_version_update AFTER UPDATE ON note_version
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'note', NEW.note_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'note' AND id = NEW.note_id); END;
DROP TRIGGER sync_note_version_delete;
CREATE TRIGGER sync_note_version_delete AFTER DELETE ON note_version
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'note', OLD.note_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'note' AND id = OLD.note_id); END;
DROP TRIGGER sync_supervision_insert;
CREATE TRIGGER sync_supervision_insert AFTER INSERT ON supervision
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'supervision', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'supervision' AND id = NEW.id); END;
DROP TRIGGER sync_supervision_update;
CREATE TRIGGER sync_supervision_update AFTER UPDATE ON supervision
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'supervision', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'supervision' AND id = NEW.id); END;
DROP TRIGGER sync_supervision_action_insert;
CREATE TRIGGER sync_supervision_action_insert AFTER INSERT ON supervision_action
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'supervision', NEW.supervision_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'supervision' AND id = NEW.supervision_id); END;
DROP TRIGGER sync_supervision_action_update;
CREATE TRIGGER sync_supervision_action_update AFTER UPDATE ON supervision_action
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'supervision', NEW.supervision_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'supervision' AND id = NEW.supervision_id); END;
DROP TRIGGER sync_supervision_addendum_insert;
CREATE TRIGGER sync_supervision_addendum_insert AFTER INSERT ON supervision_addendum
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'supervision', NEW.supervision_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'supervision' AND id = NEW.supervision_id); END;
DROP TRIGGER sync_checklist_record_insert;
CREATE TRIGGER sync_checklist_record_insert AFTER INSERT ON checklist_record
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'checklist_record', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'checklist_record' AND id = NEW.id); END;
DROP TRIGGER sync_checklist_record_update;
CREATE TRIGGER sync_checklist_record_update AFTER UPDATE ON checklist_record
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'checklist_record', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'checklist_record' AND id = NEW.id); END;
DROP TRIGGER sync_checklist_record_delete;
CREATE TRIGGER sync_checklist_record_delete AFTER DELETE ON checklist_record
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'checklist_record', OLD.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'checklist_record' AND id = OLD.id); END;
DROP TRIGGER sync_record_addendum_insert;
CREATE TRIGGER sync_record_addendum_insert AFTER INSERT ON record_addendum
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'checklist_record', NEW.record_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'checklist_record' AND id = NEW.record_id); END;
DROP TRIGGER sync_attempt_insert;
CREATE TRIGGER sync_attempt_insert AFTER INSERT ON attempt
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'attempt', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'attempt' AND id = NEW.id); END;
DROP TRIGGER sync_attempt_update;
CREATE TRIGGER sync_attempt_update AFTER UPDATE ON attempt
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'attempt', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'attempt' AND id = NEW.id); END;
DROP TRIGGER sync_attempt_delete;
CREATE TRIGGER sync_attempt_delete AFTER DELETE ON attempt
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'attempt', OLD.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'attempt' AND id = OLD.id); END;
DROP TRIGGER sync_choice_insert;
CREATE TRIGGER sync_choice_insert AFTER INSERT ON choice
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'attempt', NEW.attempt_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'attempt' AND id = NEW.attempt_id); END;
DROP TRIGGER sync_choice_update;
CREATE TRIGGER sync_choice_update AFTER UPDATE ON choice
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'attempt', NEW.attempt_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'attempt' AND id = NEW.attempt_id); END;
DROP TRIGGER sync_choice_delete;
CREATE TRIGGER sync_choice_delete AFTER DELETE ON choice
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'attempt', OLD.attempt_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'attempt' AND id = OLD.attempt_id); END;
DROP TRIGGER sync_reflection_insert;
CREATE TRIGGER sync_reflection_insert AFTER INSERT ON reflection
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'reflection', NEW.profile_id || '/' || NEW.case_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'reflection' AND id = NEW.profile_id || '/' || NEW.case_id); END;
DROP TRIGGER sync_reflection_update;
CREATE TRIGGER sync_reflection_update AFTER UPDATE ON reflection
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'reflection', NEW.profile_id || '/' || NEW.case_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'reflection' AND id = NEW.profile_id || '/' || NEW.case_id); END;
DROP TRIGGER sync_reflection_delete;
CREATE TRIGGER sync_reflection_delete AFTER DELETE ON reflection
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'reflection', OLD.profile_id || '/' || OLD.case_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'reflection' AND id = OLD.profile_id || '/' || OLD.case_id); END;
)sql",
    // 8 -> 9 (sync security): which profiles take part in the device's sync group, and the PIN
    // lock travelling with its profile. A profile joins when its owner unlocks it and agrees
    // ('agreed'), or by arriving from the group ('arrived'); nothing of any other profile is sent.
    // A PIN set, changed or removed is a profile change to sync (its Argon2id verifier, never the
    // PIN). Profiles that already came from the group stay in it, and so do those already sent
    // without a PIN (a PIN-locked one must be unlocked and agreed again).
    R"sql(
CREATE TABLE sync_member (
    profile_id TEXT PRIMARY KEY,
    how TEXT NOT NULL CHECK (how IN ('agreed', 'arrived')),
    joined_at TEXT NOT NULL
);
INSERT INTO sync_member (profile_id, how, joined_at)
    SELECT r.id, CASE WHEN r.mine = 1 THEN 'agreed' ELSE 'arrived' END,
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM sync_record r JOIN profile p ON p.id = r.id
    WHERE r.kind = 'profile' AND EXISTS (SELECT 1 FROM sync_meta WHERE key = 'group_id')
      AND ((r.mine = 0 AND r.unsent = 0) OR (r.mine = 1 AND p.pin_hash IS NULL));
DROP TRIGGER sync_profile_update;
CREATE TRIGGER sync_profile_update
AFTER UPDATE OF name, role, profession, jurisdiction, created_at, deleted, pin_hash ON profile
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'profile', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'profile' AND id = NEW.id); END;
INSERT INTO sync_outbox SELECT 'profile', id FROM profile WHERE pin_hash IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind = 'profile' AND o.id = profile.id);
)sql",
    // 9 -> 10: personal revision (core/revision/). The review log: immutable events per
    // profile (a review with its rating, or adding, suspending, resuming or resetting an item),
    // each with a random id so copies arriving by sync are one event. Schedules are derived from
    // it and never stored. Events travel by sync as a grow-only set (kind 'review_event').
    R"sql(
CREATE TABLE review_event (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL DEFAULT '',
    item TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('review', 'add', 'suspend', 'resume', 'reset')),
    rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 4),
    answer TEXT NOT NULL DEFAULT '',
    guess INTEGER NOT NULL DEFAULT 0 CHECK (guess IN (0, 1)),
    device TEXT NOT NULL DEFAULT '',
    CHECK ((action = 'review') = (rating > 0))
);
-- Covers what scheduling reads, so a profile's log is read from the index alone, in order.
CREATE INDEX review_event_profile ON review_event(profile_id, item, at_ms, id, action, rating);
CREATE TRIGGER review_event_is_immutable BEFORE UPDATE ON review_event
BEGIN
    SELECT RAISE(ABORT, 'a review event cannot be changed; add another');
END;
CREATE TRIGGER review_event_is_kept BEFORE DELETE ON review_event
BEGIN
    SELECT RAISE(ABORT, 'a review event cannot be deleted; reset the item instead');
END;
CREATE TRIGGER sync_review_event_insert AFTER INSERT ON review_event
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT INTO sync_outbox SELECT 'review_event', NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = 'review_event' AND id = NEW.id); END;
)sql",
};
const std::size_t migration_count = std::size(migrations);

} // namespace casebook::detail
