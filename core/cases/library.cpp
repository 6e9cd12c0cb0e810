#include "base/sodium.hpp"
#include "casebook/base.hpp"
#include "casebook/cases.hpp"
#include "casebook/version.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <sodium.h>

namespace casebook {

namespace {

std::string lower(std::string s) {
    for (char& ch : s)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

// Expands folders to the .json files in them, sorted so the order is the same everywhere.
std::vector<std::filesystem::path> case_files(const std::vector<std::filesystem::path>& paths,
                                              Problems& problems) {
    std::vector<std::filesystem::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) {
            std::vector<std::filesystem::path> found;
            for (const auto& entry : std::filesystem::directory_iterator(p, ec))
                if (entry.path().extension() == ".json") found.push_back(entry.path());
            if (ec)
                problems.push_back({p.string(), "(folder)", "cannot be listed: " + ec.message()});
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back(p);
        }
    }
    return files;
}

} // namespace

Library Library::load(const AssetSource& assets, const std::string& checked_fingerprint,
                      const std::filesystem::path& cache_file) {
    Library lib;
    const std::string refs = "guidance/references.json";
    // Read everything first: the fingerprint decides how much checking the cases need.
    const auto files = assets.list("cases", ".json");
    std::vector<std::optional<std::string>> texts;
    std::vector<std::string> errors(files.size());
    detail::start_sodium();
    crypto_generichash_state digest;
    crypto_generichash_init(&digest, nullptr, 0, 32);
    auto feed = [&](const std::string& bytes) {
        const auto size = static_cast<unsigned long long>(bytes.size());
        crypto_generichash_update(&digest, reinterpret_cast<const unsigned char*>(&size),
                                  sizeof size);
        crypto_generichash_update(&digest, reinterpret_cast<const unsigned char*>(bytes.data()),
                                  bytes.size());
    };
    feed(version);
    // A file that cannot be read is reported as a problem of the library, not thrown.
    auto read = [&](const std::string& path, std::string& error) -> std::optional<std::string> {
        try {
            return assets.read(path);
        } catch (const FileError& e) {
            error = e.reason();
            return std::nullopt;
        }
    };
    for (std::size_t i = 0; i < files.size(); ++i) {
        texts.push_back(read(files[i], errors[i]));
        feed(files[i]);
        feed(texts.back().value_or(""));
    }
    std::string error;
    auto references = read(refs, error);
    feed(references.value_or(""));
    unsigned char hash[32];
    crypto_generichash_final(&digest, hash, sizeof hash);
    static const char* hex = "0123456789abcdef";
    for (unsigned char b : hash)
        lib.fingerprint_ += {hex[b >> 4], hex[b & 15]};
    lib.full_checks_ = checked_fingerprint.empty() || checked_fingerprint != lib.fingerprint_;
    if (!lib.full_checks_ && !cache_file.empty())
        if (auto kept = load_cache(cache_file, lib.fingerprint_)) return std::move(*kept);

    if (auto& text = references) {
        lib.guidance_ = Guidance::parse(*text, assets.where(refs), lib.problems_);
        if (lib.full_checks_) // like the cases' checks: once per set of files and build
            for (auto& problem : check_guidance(lib.guidance_, assets.where(refs)))
                lib.problems_.push_back(std::move(problem));
    } else
        lib.problems_.push_back({assets.where(refs), "(file)", error});
    if (files.empty())
        lib.problems_.push_back({assets.where("cases"), "(folder)", "holds no case files"});
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (texts[i])
            lib.add(*texts[i], assets.where(files[i]));
        else
            lib.problems_.push_back({assets.where(files[i]), "(file)", errors[i]});
    }
    lib.sort();
    if (!cache_file.empty()) lib.save_cache(cache_file);
    return lib;
}

void Library::add(std::string_view text, const std::string& where) {
    Problems found;
    Case c = parse_case(text, where, found);
    if (found.empty() && full_checks_) found = check_case(c, guidance_);
    if (!c.id.empty()) {
        auto it = std::find_if(cases_.begin(), cases_.end(), [&](auto& k) { return k.id == c.id; });
        auto rejected = std::find_if(rejected_ids_.begin(), rejected_ids_.end(),
                                     [&](auto& r) { return r.first == c.id; });
        const std::string* first = it != cases_.end()                ? &it->source_path
                                   : rejected != rejected_ids_.end() ? &rejected->second
                                                                     : nullptr;
        if (first)
            found.push_back({where, "id", "'" + c.id + "' is already used by " + *first});
        else if (!found.empty())
            rejected_ids_.emplace_back(c.id, where);
    }
    if (found.empty())
        cases_.push_back(std::move(c));
    else
        problems_.insert(problems_.end(), found.begin(), found.end());
}

void Library::sort() {
    std::sort(cases_.begin(), cases_.end(),
              [](const Case& a, const Case& b) { return a.title < b.title; });
}

Library Library::load_files(const std::vector<std::filesystem::path>& paths, Guidance guidance,
                            Problems problems) {
    Library lib;
    lib.guidance_ = std::move(guidance);
    lib.problems_ = std::move(problems);
    for (const auto& file : case_files(paths, lib.problems_)) {
        try {
            lib.add(read_file(file), file.string());
        } catch (const FileError& e) {
            lib.problems_.push_back({file.string(), "(file)", e.reason()});
        }
    }
    lib.sort();
    return lib;
}

const Case* Library::find(const std::string& id) const {
    auto it = std::find_if(cases_.begin(), cases_.end(), [&](auto& c) { return c.id == id; });
    return it == cases_.end() ? nullptr : &*it;
}

std::optional<CaseSort> case_sort_from_string(const std::string& text) {
    if (text == "title") return CaseSort::title;
    if (text == "shortest") return CaseSort::shortest;
    if (text == "profession") return CaseSort::profession;
    if (text == "jurisdiction") return CaseSort::jurisdiction;
    return std::nullopt;
}

CaseStatus status_of(const CaseStatuses& statuses, const std::string& case_id) {
    auto it = statuses.find(case_id);
    return it == statuses.end() ? CaseStatus::fresh : it->second;
}

std::vector<const Case*> Library::filter(const CaseFilter& f, const CaseStatuses& statuses,
                                         CaseSort sort) const {
    // Each word of the search must appear somewhere, so "fgm england" finds what it should.
    std::vector<std::string> words;
    {
        std::string word;
        for (char ch : lower(f.text) + " ") {
            if (std::isspace(static_cast<unsigned char>(ch))) {
                if (!word.empty()) words.push_back(word);
                word.clear();
            } else {
                word += ch;
            }
        }
    }
    std::vector<const Case*> out;
    for (const auto& c : cases_) {
        if (!f.profession.empty() && c.profession != f.profession) continue;
        if (!f.setting.empty() && c.setting != f.setting) continue;
        if (!f.jurisdiction.empty() && c.jurisdiction != f.jurisdiction) continue;
        if (!f.topic.empty() &&
            std::find(c.topics.begin(), c.topics.end(), f.topic) == c.topics.end())
            continue;
        if (f.status && status_of(statuses, c.id) != *f.status) continue;
        const std::string haystack = lower(c.title + "\n" + c.summary);
        if (std::any_of(words.begin(), words.end(),
                        [&](auto& w) { return haystack.find(w) == std::string::npos; }))
            continue;
        out.push_back(&c);
    }
    auto key = [&](const Case* c) -> std::string {
        switch (sort) {
        case CaseSort::title:
            return {};
        case CaseSort::shortest: {
            char buf[8];
            std::snprintf(buf, sizeof buf, "%04d", c->minutes);
            return buf;
        }
        case CaseSort::profession:
            return c->profession;
        case CaseSort::jurisdiction:
            return c->jurisdiction;
        }
        return {};
    };
    // Cases are held sorted by title, so a stable sort keeps titles in order within a group.
    std::stable_sort(out.begin(), out.end(),
                     [&](const Case* a, const Case* b) { return key(a) < key(b); });
    return out;
}

std::vector<std::string> Library::professions() const {
    std::set<std::string> s;
    for (const auto& c : cases_)
        s.insert(c.profession);
    return {s.begin(), s.end()};
}

std::vector<std::string> Library::settings() const {
    std::set<std::string> s;
    for (const auto& c : cases_)
        s.insert(c.setting);
    return {s.begin(), s.end()};
}

std::vector<std::string> Library::jurisdictions() const {
    std::set<std::string> s;
    for (const auto& c : cases_)
        s.insert(c.jurisdiction);
    return {s.begin(), s.end()};
}

std::vector<std::string> Library::topics() const {
    std::set<std::string> s;
    for (const auto& c : cases_)
        s.insert(c.topics.begin(), c.topics.end());
    return {s.begin(), s.end()};
}

} // namespace casebook
