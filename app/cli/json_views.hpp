#pragma once
// Every `--json` view of the command line, in one place: each function returns one JSON document
// (no trailing newline), written with rapidjson's Writer. Field names and order are the CLI's
// output contract; tests parse them.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "casebook/identifiers.hpp"
#include "casebook/journal.hpp"
#include "casebook/revision.hpp"
#include "casebook/store.hpp"
#include "casebook/sync.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casebook::cli::json {

// ---- cases and validate
std::string case_summaries(const std::vector<const Case*>& cases, const CaseStatuses& statuses);
std::string case_full(const Case& c, const Guidance& guidance);
std::string validation(std::size_t checked, std::size_t valid, const Problems& problems);

// ---- checklist
// A citation is {"ref", "para" or "topic", "label"}.
std::string step(const Step& step, const Guidance& guidance);
// {"jurisdiction", "steps": [...], "outcomes": [{"id", "label", "summary", "citations"}]}
std::string checklist_steps(const ChecklistDefinition& definition, const std::string& jurisdiction,
                            const Guidance& guidance);
// {"jurisdiction", "profession", "outcome", "outcome_label", "emergency", "complete", "steps",
//  "reasons", "open_required_steps", "duties", "warnings", "ignored_steps"}
std::string evaluation(const Evaluation& evaluation, const ChecklistDefinition& definition,
                       const Guidance& guidance);

// ---- profiles, notes, supervision, export
std::string profiles(const std::vector<Profile>& profiles);
std::string profile(const Profile& profile);
// `full` adds the body and the identifiers found; `versions`, when given, the saved versions.
std::string notes(const std::vector<Note>& notes);
std::string note(const Note& note, bool full, const std::vector<NoteVersion>* versions = nullptr);
std::string note_trashed(const std::string& id);
std::string search_hits(const std::vector<SearchHit>& hits);
// Names of the supervisor, trainee and addenda authors come from `journal`.
std::string supervisions(const std::vector<Supervision>& sessions, const Journal& journal);
std::string supervision(const Supervision& session, const Journal& journal);
// What an export wrote: to a file (`file` set) or the Markdown itself, with the identifiers left
// in it. `whole` adds the profile's name and counts (casebook export).
struct ExportCounts {
    std::string profile;
    std::size_t notes = 0;
    std::size_t supervision_sessions = 0;
};
std::string exported(const MarkdownExport& doc, const std::string& file,
                     const std::optional<ExportCounts>& whole);

// ---- sync
std::string sync_report(const SyncReport& report);
std::string sync_status(const std::string& device, const std::string& group,
                        const std::string& folder, std::size_t conflicts,
                        const std::vector<std::string>& members,
                        const std::vector<PeerStatus>& peers);
std::string sync_group(const std::string& group, const std::string& device,
                       const std::string& folder);
std::string sync_joined(const Profile& profile);

// ---- revise
std::string revise_due(const std::vector<DueItem>& shown, std::size_t total);
std::string revise_answer(const std::string& item, const std::string& outcome,
                          const ItemSchedule& after);
std::string revise_stats(const RevisionStats& stats);
struct ItemRow {
    const RevisionItem* item;
    bool in_revision;
};
std::string revise_items(const std::vector<ItemRow>& items);
std::string revise_settings(const fsrs::Parameters& parameters);
std::string revise_change(const std::string& item, const std::string& done,
                          const ItemSchedule& after);

} // namespace casebook::cli::json
