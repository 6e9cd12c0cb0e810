// The decision record (Markdown and plain text) and the checklist's --json output.
#include "casebook/checklist.hpp"

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

void citation_json(JsonWriter& w, const Citation& c, const Guidance& g,
                   const std::string& profession) {
    w.begin_object().key("ref").value(c.ref);
    if (!c.para.empty())
        w.key("para").value(c.para);
    else
        w.key("topic").value(c.topic);
    w.key("label").value(citation_label(g, c, profession)).end_object();
}

// Without a profession (the definition itself) a citation keeps the guidance's own label.
void citations_json(JsonWriter& w, const std::vector<Citation>& cs, const Guidance& g,
                    const std::string& profession = "doctor") {
    w.begin_array();
    for (const auto& c : cs)
        citation_json(w, c, g, profession);
    w.end_array();
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

void to_json(JsonWriter& w, const Step& step, const Guidance& guidance) {
    w.begin_object()
        .key("id")
        .value(step.id)
        .key("title")
        .value(step.title)
        .key("help")
        .value(step.help)
        .key("type")
        .value(to_string(step.type))
        .key("required")
        .value(step.required)
        .key("jurisdiction_specific")
        .value(step.jurisdiction_specific);
    w.key("when").begin_array();
    for (const auto& c : step.when)
        w.begin_object().key("step").value(c.step).key("is").strings(c.is).end_object();
    w.end_array();
    w.key("options").begin_array();
    for (const auto& o : step.options)
        w.begin_object()
            .key("id")
            .value(o.id)
            .key("label")
            .value(o.label)
            .key("exclusive")
            .value(o.exclusive)
            .end_object();
    w.end_array();
    w.key("citations");
    citations_json(w, step.citations, guidance);
    w.end_object();
}

void to_json(JsonWriter& w, const ChecklistDefinition& definition, const std::string& jurisdiction,
             const Guidance& guidance) {
    w.begin_object().key("jurisdiction").value(jurisdiction).key("steps").begin_array();
    for (const auto& s : definition.steps(jurisdiction))
        to_json(w, s, guidance);
    w.end_array().key("outcomes").begin_array();
    for (Outcome o : all_outcomes()) {
        const auto& info = definition.outcome(o);
        w.begin_object()
            .key("id")
            .value(to_string(o))
            .key("label")
            .value(info.label)
            .key("summary")
            .value(info.summary)
            .key("citations");
        citations_json(w, info.citations, guidance);
        w.end_object();
    }
    w.end_array().end_object();
}

void to_json(JsonWriter& w, const Evaluation& e, const ChecklistDefinition& definition,
             const Guidance& guidance) {
    w.begin_object()
        .key("jurisdiction")
        .value(e.jurisdiction)
        .key("profession")
        .value(e.profession)
        .key("outcome")
        .value(to_string(e.outcome))
        .key("outcome_label")
        .value(definition.outcome(e.outcome).label)
        .key("emergency")
        .value(e.emergency)
        .key("complete")
        .value(e.complete);
    w.key("steps").begin_array();
    for (const auto& s : e.steps)
        w.begin_object()
            .key("id")
            .value(s.id)
            .key("required")
            .value(s.required)
            .key("answered")
            .value(s.answered)
            .key("afterwards")
            .value(s.afterwards)
            .end_object();
    w.end_array().key("reasons").begin_array();
    for (const auto& r : e.reasons) {
        w.begin_object().key("step").value(r.step);
        if (!r.note.empty()) w.key("note").value(r.note);
        w.key("text").value(r.text).key("citations");
        citations_json(w, r.citations, guidance, e.profession);
        w.end_object();
    }
    w.end_array().key("open_required_steps").strings(e.open_required_steps);
    w.key("duties").begin_array();
    for (const auto& d : e.duties) {
        w.begin_object()
            .key("id")
            .value(d.id)
            .key("label")
            .value(d.label)
            .key("recipient")
            .value(d.recipient)
            .key("recipient_label")
            .value(d.recipient_label)
            .key("applies")
            .value(d.applies)
            .key("met")
            .value(d.met)
            .key("citations");
        citations_json(w, d.citations, guidance, e.profession);
        w.end_object();
    }
    w.end_array().key("warnings").begin_array();
    for (const auto& x : e.warnings) {
        w.begin_object().key("id").value(x.id).key("text").value(x.text).key("citations");
        citations_json(w, x.citations, guidance, e.profession);
        w.end_object();
    }
    w.end_array().key("ignored_steps").strings(e.ignored_steps).end_object();
}

void to_json(JsonWriter& w, const std::vector<KeyComparison>& comparison) {
    w.begin_array();
    for (const auto& row : comparison)
        w.begin_object()
            .key("step")
            .value(row.step)
            .key("expected")
            .strings(row.expected)
            .key("given")
            .strings(row.given)
            .key("missing")
            .strings(row.missing)
            .key("extra")
            .strings(row.extra)
            .key("match")
            .value(row.match)
            .key("why")
            .value(row.why)
            .end_object();
    w.end_array();
}

} // namespace casebook
