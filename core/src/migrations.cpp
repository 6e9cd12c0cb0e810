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
};
const std::size_t migration_count = std::size(migrations);

} // namespace casebook::detail
