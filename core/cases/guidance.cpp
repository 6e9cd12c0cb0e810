#include "base/json_reader.hpp"
#include "casebook/cases.hpp"

#include <algorithm>

namespace casebook {

Guidance Guidance::parse(std::string_view text, const std::string& path, Problems& problems) {
    Guidance g;
    rapidjson::Document doc;
    if (!json::parse(doc, text, path, problems)) return g;
    json::Reader r(path, problems);
    r.array(doc, "", "sources", true, [&](const rapidjson::Value& v, const std::string& at) {
        if (!r.is_object(v, at)) return;
        g.sources_.push_back({r.string(v, at, "id"), r.string(v, at, "title"),
                              r.string(v, at, "publisher"), r.string(v, at, "edition")});
    });
    r.array(doc, "", "points", true, [&](const rapidjson::Value& v, const std::string& at) {
        if (!r.is_object(v, at)) return;
        GuidancePoint p;
        p.ref = r.string(v, at, "ref");
        p.para = r.string(v, at, "para", false);
        p.topic = r.string(v, at, "topic", false);
        p.section = r.string(v, at, "section", false);
        p.status = r.string(v, at, "status");
        p.gist = r.string(v, at, "gist");
        p.edition_note = r.string(v, at, "edition_note", false);
        if (p.para.empty() == p.topic.empty()) r.problem(at, "needs exactly one of para or topic");
        if (p.status == "T" && !p.para.empty())
            r.problem(at + ".para", "a point marked T is cited without a paragraph number");
        if (!p.topic.empty() && p.section.empty())
            r.problem(at + ".section", "a topic needs the section title it is cited by");
        if (!g.source(p.ref)) r.problem(at + ".ref", "unknown source '" + p.ref + "'");
        g.points_.push_back(std::move(p));
    });
    return g;
}

const Source* Guidance::source(const std::string& id) const {
    auto it = std::find_if(sources_.begin(), sources_.end(), [&](auto& s) { return s.id == id; });
    return it == sources_.end() ? nullptr : &*it;
}

const GuidancePoint* Guidance::paragraph(const std::string& ref, const std::string& para) const {
    auto it = std::find_if(points_.begin(), points_.end(), [&](auto& p) {
        return p.ref == ref && !p.para.empty() && p.para == para;
    });
    return it == points_.end() ? nullptr : &*it;
}

const GuidancePoint* Guidance::topic(const std::string& ref, const std::string& name) const {
    auto it = std::find_if(points_.begin(), points_.end(), [&](auto& p) {
        return p.ref == ref && !p.topic.empty() && p.topic == name;
    });
    return it == points_.end() ? nullptr : &*it;
}

const GuidancePoint* Guidance::resolve(const Citation& c) const {
    if (!c.para.empty()) return paragraph(c.ref, c.para);
    if (!c.topic.empty()) return topic(c.ref, c.topic);
    return nullptr;
}

bool Guidance::check(const Citation& c, const std::string& file, const std::string& field,
                     Problems& problems) const {
    auto refuse = [&](std::string why) {
        problems.push_back({file, field, std::move(why)});
        return false;
    };
    if (!source(c.ref)) return refuse("unknown guidance source '" + c.ref + "'");
    if (c.para.empty() == c.topic.empty()) return refuse("needs exactly one of para or topic");
    if (!c.para.empty()) {
        if (paragraph(c.ref, c.para)) return true;
        // A number on a point the sheet only vouches for by topic is the trap to catch.
        bool has_topics = std::any_of(points_.begin(), points_.end(),
                                      [&](auto& p) { return p.ref == c.ref && !p.topic.empty(); });
        return refuse("paragraph " + c.para + " of " + c.ref +
                      " is not one the references sheet vouches for" +
                      (has_topics ? " (cite its topic without a number)" : ""));
    }
    if (!topic(c.ref, c.topic))
        return refuse("topic '" + c.topic + "' of " + c.ref + " is not on the sheet");
    return true;
}

std::string Guidance::label(const Citation& c) const {
    const Source* s = source(c.ref);
    std::string out = s ? s->publisher + ", " + s->title : c.ref;
    const bool statute = !c.para.empty() && c.para[0] == 's';
    // A statute's note may already name the section ("s5B inserted by ..."): the section is then
    // shown once, with its note, not as "s5B inserted by ..., s5B".
    if (statute && s && !s->edition.empty()) {
        const bool named = s->edition.rfind(c.para + " ", 0) == 0;
        out += ", " + (named ? s->edition : c.para + " (" + s->edition + ")");
        return out;
    }
    if (s && !s->edition.empty()) out += ", " + s->edition;
    if (!c.para.empty()) {
        const bool appendix = c.para.rfind("Appendix", 0) == 0;
        out += statute || appendix
                   ? ", " + c.para
                   : (c.para.find('-') != std::string::npos ? ", paras " : ", para ") + c.para;
        if (const auto* p = paragraph(c.ref, c.para); p && !p->edition_note.empty())
            out += " (" + p->edition_note + ")";
    } else if (const auto* p = topic(c.ref, c.topic); p && (!s || p->section != s->title)) {
        out += ", section: " + p->section;
    }
    return out;
}

} // namespace casebook
