// The library as it was last loaded and checked, kept in a file, so a start whose case files and
// build are those of the last one reads the cases back instead of parsing their JSON again (the
// largest part of loading them). Only a library without problems is kept, and it is found only
// by the very fingerprint the files have now, so an edited case is parsed and checked again.
#include "casebook/base.hpp"
#include "casebook/cases.hpp"

#include <cereal/archives/binary.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

namespace casebook {

// How each part of a case is written: every field, in order. A field added to a struct and not
// here would come back empty from the cache; the test compares a cached library with a parsed
// one field by field, and the sizes below keep an old cache from being read by a new layout.
template <class A> void serialize(A& a, CastMember& m) {
    a(m.id, m.name, m.role, m.clinician);
}
template <class A> void serialize(A& a, Line& l) {
    a(l.speaker, l.text);
}
template <class A> void serialize(A& a, Option& o) {
    a(o.key, o.text, o.grade, o.feedback);
}
template <class A> void serialize(A& a, Decision& d) {
    a(d.id, d.before, d.dialogue, d.prompt, d.options);
}
template <class A> void serialize(A& a, Citation& c) {
    a(c.ref, c.para, c.topic, c.applies);
}
template <class A> void serialize(A& a, View& v) {
    a(v.who, v.view, v.supported, v.why);
}
template <class A> void serialize(A& a, KeyAnswer& k) {
    a(k.step, k.answer, k.why);
}
template <class A> void serialize(A& a, Case& c) {
    a(c.id, c.title, c.summary, c.profession, c.setting, c.jurisdiction, c.topics, c.minutes,
      c.cast, c.story, c.dialogue, c.decisions, c.what_happened, c.citations, c.views,
      c.learning_points, c.learning_prompts, c.checklist_key, c.guidance_checked, c.source_path);
}
template <class A> void serialize(A& a, Source& s) {
    a(s.id, s.title, s.publisher, s.edition);
}
template <class A> void serialize(A& a, GuidancePoint& p) {
    a(p.ref, p.para, p.topic, p.section, p.status, p.gist, p.edition_note);
}

namespace {

// Bumped when what is kept, or how, changes.
constexpr std::string_view magic{"CBLIBRY1", 8};

// The shapes the cache was written with: a struct that grew or shrank makes it another cache.
std::string layout_key() {
    std::string key;
    for (const std::size_t n :
         {sizeof(Case), sizeof(Decision), sizeof(Option), sizeof(Line), sizeof(CastMember),
          sizeof(Citation), sizeof(View), sizeof(KeyAnswer), sizeof(Source), sizeof(GuidancePoint)})
        key += std::to_string(n) + ",";
    return key;
}

} // namespace

void Library::save_cache(const std::filesystem::path& file) const {
    if (!problems_.empty()) return;
    std::ostringstream payload;
    {
        cereal::BinaryOutputArchive archive(payload);
        archive(layout_key(), fingerprint_, guidance_.sources_, guidance_.points_, cases_);
    }
    write_cache_file(file, magic, payload.view()); // if it fails, the next start parses again
}

std::optional<Library> Library::load_cache(const std::filesystem::path& file,
                                           const std::string& fingerprint) {
    auto payload = read_cache_file(file, magic);
    if (!payload) return std::nullopt;
    Library lib;
    try {
        std::istringstream in(std::move(*payload));
        cereal::BinaryInputArchive archive(in);
        std::string layout;
        archive(layout, lib.fingerprint_);
        if (layout != layout_key() || lib.fingerprint_ != fingerprint) return std::nullopt;
        archive(lib.guidance_.sources_, lib.guidance_.points_, lib.cases_);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    lib.full_checks_ = false;
    lib.from_cache_ = true;
    return lib;
}

} // namespace casebook
