#include "sqlite_support.hpp"

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
CREATE INDEX note_profile ON note(profile_id, edited_at);
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
};
const std::size_t migration_count = std::size(migrations);

} // namespace casebook::detail
