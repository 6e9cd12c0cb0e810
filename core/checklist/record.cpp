// The decision record (Markdown and plain text).
#include "casebook/checklist.hpp"
#include "checklist/engine.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace casebook {

namespace {

bool same_citation(const Citation& a, const Citation& b) {
    return a.ref == b.ref && a.para == b.para && a.topic == b.topic;
}

// Typed text as lines, with Windows line ends made plain and trailing blank lines dropped.
std::string plain(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t'))
        out.pop_back();
    return out;
}

// Where a citation sits in a list: its document in references.json order, then numbered
// paragraphs by number, statute sections, appendices, and sections cited by topic.
std::tuple<std::size_t, int, long, std::string> citation_order(const Citation& c,
                                                               const Guidance& g) {
    const auto& sources = g.sources();
    const auto source = static_cast<std::size_t>(
        std::find_if(sources.begin(), sources.end(), [&](auto& s) { return s.id == c.ref; }) -
        sources.begin());
    if (c.para.empty()) return {source, 3, 0, c.topic};
    const bool statute = c.para[0] == 's';
    const std::string digits = statute ? c.para.substr(1) : c.para;
    std::size_t n = 0;
    while (n < digits.size() && std::isdigit(static_cast<unsigned char>(digits[n])))
        ++n;
    if (n == 0) return {source, 2, 0, c.para};
    return {source, statute ? 1 : 0, std::stol(digits.substr(0, n)), c.para};
}

} // namespace

DecisionRecord make_record(const ChecklistDefinition& definition, const Guidance& guidance,
                           const Answers& answers, const std::string& written_at) {
    const Evaluation e = evaluate(definition, answers);
    DecisionRecord r;
    r.written_at = written_at;
    r.jurisdiction = answers.jurisdiction;
    r.profession = answers.profession;
    r.outcome = e.outcome;
    r.outcome_label = definition.outcome(e.outcome).label;
    for (const auto& applied : e.steps) {
        if (!applied.answered) continue;
        const auto s = definition.step(applied.id, answers.jurisdiction);
        const auto& values = *answers.find(applied.id);
        RecordEntry entry{s->id, s->title, {}, s->type == AnswerType::text};
        if (entry.free_text) {
            entry.answers.push_back(plain(values.front()));
        } else {
            for (const auto& o : s->options)
                if (std::find(values.begin(), values.end(), o.id) != values.end())
                    entry.answers.push_back(o.label);
            for (const auto& v : values)
                if (!s->option(v)) entry.answers.push_back(v); // unchecked answers stay visible
        }
        r.entries.push_back(std::move(entry));
    }
    for (const auto& reason : e.reasons)
        for (const auto& c : reason.citations)
            if (std::none_of(r.citations.begin(), r.citations.end(),
                             [&](auto& x) { return same_citation(x, c); }))
                r.citations.push_back(c);
    std::stable_sort(r.citations.begin(), r.citations.end(), [&](auto& a, auto& b) {
        return citation_order(a, guidance) < citation_order(b, guidance);
    });
    return r;
}

namespace {

// The one layout of a record; Markdown and plain text differ only in headings and spacing.
std::string render(const DecisionRecord& record, const Guidance& guidance, bool markdown) {
    const std::string field_end = markdown ? "\n\n" : "\n";
    const auto heading = [&](const std::string& h) {
        return markdown ? "\n## " + h + "\n\n" : "\n" + h + "\n";
    };
    std::string out =
        markdown ? "# Disclosure decision record\n\n" : "Disclosure decision record\n\n";
    out += "Date and time: " + record.written_at + field_end;
    out += "Jurisdiction: " + jurisdiction_label(record.jurisdiction) + field_end;
    if (!record.profession.empty())
        out += "Profession: " + profession_label(record.profession) + field_end;
    out += "Outcome: " + record.outcome_label + "\n";
    for (const auto& e : record.entries) {
        out += heading(e.question);
        if (e.free_text || e.answers.size() == 1) {
            for (const auto& a : e.answers)
                out += a + "\n";
        } else {
            for (const auto& a : e.answers)
                out += "- " + a + "\n";
        }
    }
    if (!record.citations.empty()) {
        out += heading("Guidance relied on");
        for (const auto& c : record.citations)
            out += "- " + citation_label(guidance, c, record.profession) + "\n";
    }
    for (const auto& a : record.addenda)
        out += heading("Addendum, " + a.written_at) + plain(a.text) + "\n";
    return out;
}

} // namespace

std::string render_markdown(const DecisionRecord& record, const Guidance& guidance) {
    return render(record, guidance, true);
}

std::string render_text(const DecisionRecord& record, const Guidance& guidance) {
    return render(record, guidance, false);
}

} // namespace casebook
