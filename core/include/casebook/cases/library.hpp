#pragma once
#include "casebook/base/assets.hpp"
#include "casebook/base/problem.hpp"
#include "casebook/cases/case.hpp"
#include "casebook/cases/case_file.hpp"
#include "casebook/cases/guidance.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace casebook {

struct CaseFilter {
    std::string profession; // empty = any
    std::string topic;
    std::string setting;
    std::string jurisdiction;
    std::string text;                 // every word must appear in the title or summary
    std::optional<CaseStatus> status; // needs the reader's statuses
};

enum class CaseSort { title, shortest, profession, jurisdiction };
std::optional<CaseSort> case_sort_from_string(const std::string& text);

using CaseStatuses = std::map<std::string, CaseStatus>;
CaseStatus status_of(const CaseStatuses& statuses, const std::string& case_id);

// The case library: every case that passed its checks, plus the problems of those that did not.
class Library {
  public:
    // Loads guidance/references.json and every cases/*.json from the assets, checking each case
    // fully (check_case). When `checked_fingerprint` equals the fingerprint of these very files
    // (they passed every check before, with this build), only their structure is checked: the
    // full check costs more than the rest of a start put together.
    // With `cache_file`, a library without problems is kept there, and read back instead of
    // parsed when the files' fingerprint is the checked one and the kept library's too.
    static Library load(const AssetSource& assets, const std::string& checked_fingerprint = {},
                        const std::filesystem::path& cache_file = {});
    static Library load(const std::filesystem::path& assets_dir,
                        const std::string& checked_fingerprint = {},
                        const std::filesystem::path& cache_file = {}) {
        return load(FolderAssets(assets_dir), checked_fingerprint, cache_file);
    }
    // Loads the given case files (or directories of them) against the given guidance.
    static Library load_files(const std::vector<std::filesystem::path>& paths, Guidance guidance,
                              Problems problems = {});

    const std::vector<Case>& cases() const { return cases_; }
    const Problems& problems() const { return problems_; }
    const Guidance& guidance() const { return guidance_; }
    // A digest of the references and case files loaded, and of this build's version; remember it
    // once problems() is empty, and pass it to load() next time.
    const std::string& fingerprint() const { return fingerprint_; }
    // Whether the cases were read back from the cache file, not parsed.
    bool from_cache() const { return from_cache_; }
    const Case* find(const std::string& id) const;
    // The cases matching every part of the filter, in the given order.
    std::vector<const Case*> filter(const CaseFilter& filter, const CaseStatuses& statuses = {},
                                    CaseSort sort = CaseSort::title) const;

    // Distinct values present in the library, sorted, for filter menus.
    std::vector<std::string> professions() const;
    std::vector<std::string> topics() const;
    std::vector<std::string> settings() const;
    std::vector<std::string> jurisdictions() const;

  private:
    // The kept library (library_cache.cpp): written whole, read only if it is whole and of this
    // fingerprint and build.
    void save_cache(const std::filesystem::path& file) const;
    static std::optional<Library> load_cache(const std::filesystem::path& file,
                                             const std::string& fingerprint);

    std::string fingerprint_;
    bool full_checks_ = true;
    bool from_cache_ = false;
    // Parses, checks and keeps one case file, or records its problems.
    void add(std::string_view text, const std::string& where);
    void sort();

    Guidance guidance_;
    std::vector<Case> cases_;
    Problems problems_;
    std::vector<std::pair<std::string, std::string>> rejected_ids_; // id, file: for duplicates
};

} // namespace casebook
