#pragma once
#include "casebook/base/problem.hpp"
#include "casebook/cases/case.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace casebook {

struct Source {
    std::string id;
    std::string title;
    std::string publisher;
    std::string edition;
    bool operator==(const Source&) const = default;
};

// A citable point from the references sheet: a paragraph (status V or V2) or a topic cited by
// document and section title only (status T and a few un-numbered frameworks).
struct GuidancePoint {
    std::string ref;
    std::string para;
    std::string topic;
    std::string section;
    std::string status;
    std::string gist;
    std::string edition_note;
    bool operator==(const GuidancePoint&) const = default;
};

class Guidance {
  public:
    // Parses references.json; problems name the file and field.
    static Guidance parse(std::string_view json, const std::string& path, Problems& problems);

    const Source* source(const std::string& id) const;
    const GuidancePoint* paragraph(const std::string& ref, const std::string& para) const;
    const GuidancePoint* topic(const std::string& ref, const std::string& topic) const;
    // The point a citation resolves to, or nullptr.
    const GuidancePoint* resolve(const Citation& citation) const;
    // Whether a citation is allowed; if not, adds why to `problems` at `file` and `field`.
    bool check(const Citation& citation, const std::string& file, const std::string& field,
               Problems& problems) const;
    // "GMC, Confidentiality: good practice... (2017), para 64" or "..., section: Title".
    std::string label(const Citation& citation) const;

    const std::vector<Source>& sources() const { return sources_; }
    const std::vector<GuidancePoint>& points() const { return points_; }

  private:
    friend class Library; // keeps the guidance with the cases it loaded (library_cache.cpp)
    std::vector<Source> sources_;
    std::vector<GuidancePoint> points_;
};

} // namespace casebook
