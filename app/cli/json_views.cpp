#include "json_views.hpp"

#include "casebook/base.hpp"
#include "cli_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <stdexcept>

namespace casebook::cli::json {

namespace {

// rapidjson's Writer does the commas, nesting and escaping; this adds what our output promises
// on top: text that is not UTF-8 prints as U+FFFD (a Latin-1 file, a damaged synced title) rather
// than making the whole document unreadable, and fractions always have 4 decimal places.
class Json {
  public:
    Json& begin_object() { return done(w_.StartObject()); }
    Json& end_object() { return done(w_.EndObject()); }
    Json& begin_array() { return done(w_.StartArray()); }
    Json& end_array() { return done(w_.EndArray()); }
    Json& key(std::string_view name) {
        const std::string text = valid_utf8(name);
        return done(w_.Key(text.data(), static_cast<rapidjson::SizeType>(text.size())));
    }
    Json& value(std::string_view raw) {
        const std::string text = valid_utf8(raw);
        return done(w_.String(text.data(), static_cast<rapidjson::SizeType>(text.size())));
    }
    Json& value(const char* text) { return value(std::string_view(text)); }
    Json& value(const std::string& text) { return value(std::string_view(text)); }
    Json& value(bool flag) { return done(w_.Bool(flag)); }
    Json& value(int n) { return done(w_.Int64(n)); }
    Json& value(long long n) { return done(w_.Int64(n)); }
    Json& value(std::size_t n) { return done(w_.Uint64(n)); }
    Json& number(double fraction) {
        if (!std::isfinite(fraction)) return done(w_.Null()); // "nan" would not be JSON
        char buf[40];
        const int n = std::snprintf(buf, sizeof buf, "%.4f", fraction);
        return done(w_.RawValue(buf, static_cast<std::size_t>(n), rapidjson::kNumberType));
    }
    Json& strings(const std::vector<std::string>& items) {
        begin_array();
        for (const auto& s : items)
            value(s);
        return end_array();
    }
    std::string str() const { return {buffer_.GetString(), buffer_.GetSize()}; }

  private:
    // The Writer returns false only when calls are out of order: a bug in a view, not input.
    Json& done(bool ok) {
        if (!ok) throw std::logic_error("a JSON view wrote out of order");
        return *this;
    }
    rapidjson::StringBuffer buffer_;
    rapidjson::Writer<rapidjson::StringBuffer> w_{buffer_};
};

// 1-based line of a byte offset, for identifiers found in a text.
std::size_t line_of(const std::string& text, std::size_t offset) {
    return 1 + static_cast<std::size_t>(
                   std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

void identifiers(Json& w, const std::vector<IdentifierMatch>& matches, const std::string& text,
                 const char* field = nullptr) {
    for (const auto& m : matches) {
        w.begin_object();
        if (field) w.key("field").value(field);
        w.key("kind").value(to_string(m.kind)).key("label").value(label(m.kind));
        w.key("line").value(line_of(text, m.begin));
        w.key("begin").value(m.begin).key("end").value(m.end).key("reason").value(m.reason);
        w.end_object();
    }
}

// ---- cases ------------------------------------------------------------------------------

void case_summary(Json& w, const Case& c, CaseStatus status) {
    w.begin_object().key("id").value(c.id).key("title").value(c.title);
    w.key("summary").value(c.summary).key("profession").value(c.profession);
    w.key("setting").value(c.setting).key("jurisdiction").value(c.jurisdiction);
    w.key("topics").strings(c.topics).key("minutes").value(c.minutes);
    w.key("decisions").value(c.decisions.size()).key("citations").value(c.citations.size());
    w.key("status").value(to_string(status)).end_object();
}

// ---- checklist --------------------------------------------------------------------------

void citation(Json& w, const Citation& c, const Guidance& g, const std::string& profession) {
    w.begin_object().key("ref").value(c.ref);
    if (!c.para.empty())
        w.key("para").value(c.para);
    else
        w.key("topic").value(c.topic);
    w.key("label").value(citation_label(g, c, profession)).end_object();
}

// Without a profession (the definition itself) a citation keeps the guidance's own label.
void citations(Json& w, const std::vector<Citation>& cs, const Guidance& g,
               const std::string& profession = "doctor") {
    w.begin_array();
    for (const auto& c : cs)
        citation(w, c, g, profession);
    w.end_array();
}

void step(Json& w, const Step& step, const Guidance& guidance) {
    w.begin_object().key("id").value(step.id).key("title").value(step.title);
    w.key("help").value(step.help).key("type").value(to_string(step.type));
    w.key("required").value(step.required);
    w.key("jurisdiction_specific").value(step.jurisdiction_specific);
    w.key("when").begin_array();
    for (const auto& c : step.when)
        w.begin_object().key("step").value(c.step).key("is").strings(c.is).end_object();
    w.end_array();
    w.key("options").begin_array();
    for (const auto& o : step.options) {
        w.begin_object().key("id").value(o.id).key("label").value(o.label);
        w.key("exclusive").value(o.exclusive).end_object();
    }
    w.end_array();
    w.key("citations");
    citations(w, step.citations, guidance);
    w.end_object();
}

// ---- journal ----------------------------------------------------------------------------

void profile(Json& w, const Profile& p) {
    w.begin_object();
    w.key("id").value(p.id).key("name").value(p.name).key("role").value(to_string(p.role));
    w.key("profession").value(p.profession).key("jurisdiction").value(p.jurisdiction);
    w.key("has_pin").value(p.has_pin).key("created_at").value(p.created_at);
    w.end_object();
}

void note(Json& w, const Note& n, bool full, const std::vector<NoteVersion>* versions) {
    w.begin_object();
    w.key("id").value(n.id).key("title").value(n.title).key("tags").strings(n.tags);
    w.key("attached_kind").value(n.attached_kind).key("attached_id").value(n.attached_id);
    w.key("created_at").value(n.created_at).key("edited_at").value(n.edited_at);
    w.key("in_trash").value(n.in_trash()).key("deleted_at").value(n.deleted_at);
    w.key("version").value(n.version);
    if (full) {
        w.key("body").value(n.body);
        w.key("identifiers").begin_array();
        identifiers(w, find_identifiers(n.title), n.title, "title");
        identifiers(w, find_identifiers(n.body), n.body, "body");
        w.end_array();
    }
    if (versions) {
        w.key("versions").begin_array();
        for (const auto& v : *versions) {
            w.begin_object().key("number").value(v.number).key("title").value(v.title);
            w.key("body").value(v.body).key("tags").strings(v.tags);
            w.key("saved_at").value(v.saved_at).end_object();
        }
        w.end_array();
    }
    w.end_object();
}

void supervision(Json& w, const Supervision& s, const Journal& journal) {
    auto name = [&](const std::string& id) {
        auto p = journal.profile(id);
        return p ? p->name : std::string{};
    };
    w.begin_object();
    w.key("id").value(s.id);
    w.key("supervisor").begin_object().key("id").value(s.supervisor_profile_id);
    w.key("name").value(name(s.supervisor_profile_id)).end_object();
    w.key("trainee").begin_object().key("id").value(s.trainee_profile_id);
    w.key("name").value(name(s.trainee_profile_id)).end_object();
    w.key("case_id").value(s.case_id).key("checklist_record_id").value(s.checklist_record_id);
    w.key("discussion").value(s.discussion);
    w.key("actions").begin_array();
    for (const auto& a : s.actions)
        w.begin_object().key("text").value(a.text).key("due_on").value(a.due_on).end_object();
    w.end_array();
    w.key("trainee_reflection").value(s.trainee_reflection);
    w.key("signed_by_supervisor_at").value(s.signed_by_supervisor_at);
    w.key("signed_by_trainee_at").value(s.signed_by_trainee_at);
    w.key("signed_off").value(s.signed_off());
    w.key("created_at").value(s.created_at).key("updated_at").value(s.updated_at);
    w.key("addenda").begin_array();
    for (const auto& a : s.addenda) {
        w.begin_object().key("id").value(a.id).key("author").value(name(a.author_profile_id));
        w.key("text").value(a.text).key("created_at").value(a.created_at).end_object();
    }
    w.end_array();
    w.end_object();
}

// ---- revise -----------------------------------------------------------------------------

void schedule(Json& w, const ItemSchedule& s) {
    w.key("new").value(s.is_new()).key("suspended").value(s.suspended);
    w.key("reviews").value(s.reviews).key("lapses").value(s.lapses);
    w.key("interval_days").value(s.interval_days).key("due").value(date_of(s.due_ms));
    w.key("due_ms").value(static_cast<long long>(s.due_ms));
    if (s.memory) {
        w.key("stability").number(s.memory->stability);
        w.key("difficulty").number(s.memory->difficulty);
    }
}

void mastery(Json& w, const char* name, const std::vector<TopicMastery>& list) {
    w.key(name).begin_array();
    for (const auto& m : list) {
        w.begin_object().key("key").value(m.key).key("items").value(m.items);
        w.key("reviewed").value(m.reviewed).key("mastery").number(m.mastery).end_object();
    }
    w.end_array();
}

} // namespace

// ---- cases and validate -------------------------------------------------------------------

std::string case_summaries(const std::vector<const Case*>& cases, const CaseStatuses& statuses) {
    Json w;
    w.begin_array();
    for (const Case* c : cases)
        case_summary(w, *c, status_of(statuses, c->id));
    w.end_array();
    return w.str();
}

std::string case_full(const Case& c, const Guidance& g) {
    Json w;
    auto lines = [&](const std::vector<Line>& ls) {
        w.begin_array();
        for (const auto& l : ls) {
            const CastMember* m = c.member(l.speaker);
            w.begin_object().key("speaker").value(l.speaker);
            w.key("name").value(m ? m->name : l.speaker).key("text").value(l.text).end_object();
        }
        w.end_array();
    };
    w.begin_object();
    w.key("id").value(c.id).key("title").value(c.title).key("summary").value(c.summary);
    w.key("profession").value(c.profession).key("setting").value(c.setting);
    w.key("jurisdiction").value(c.jurisdiction).key("topics").strings(c.topics);
    w.key("minutes").value(c.minutes);
    w.key("cast").begin_array();
    for (const auto& m : c.cast) {
        w.begin_object().key("id").value(m.id).key("name").value(m.name).key("role").value(m.role);
        w.key("clinician").value(m.clinician).end_object();
    }
    w.end_array();
    w.key("story").strings(c.story);
    w.key("dialogue");
    lines(c.dialogue);
    w.key("decisions").begin_array();
    for (const auto& d : c.decisions) {
        w.begin_object().key("id").value(d.id).key("before").strings(d.before).key("dialogue");
        lines(d.dialogue);
        w.key("prompt").value(d.prompt).key("options").begin_array();
        for (const auto& o : d.options) {
            w.begin_object().key("key").value(o.key).key("text").value(o.text);
            w.key("grade").value(to_string(o.grade)).key("feedback").value(o.feedback).end_object();
        }
        w.end_array().end_object();
    }
    w.end_array();
    w.key("what_happened").strings(c.what_happened);
    w.key("citations").begin_array();
    for (const auto& ci : c.citations) {
        const GuidancePoint* p = g.resolve(ci);
        w.begin_object().key("ref").value(ci.ref).key("para").value(ci.para);
        w.key("topic").value(ci.topic).key("label").value(g.label(ci));
        w.key("gist").value(p ? p->gist : "").key("applies").value(ci.applies).end_object();
    }
    w.end_array();
    w.key("views").begin_array();
    for (const auto& v : c.views) {
        w.begin_object().key("who").value(v.who).key("view").value(v.view);
        w.key("supported").value(v.supported).key("why").value(v.why).end_object();
    }
    w.end_array();
    w.key("learning_points").strings(c.learning_points);
    w.key("checklist_key").begin_array();
    for (const auto& k : c.checklist_key) {
        w.begin_object().key("step").value(k.step).key("answer").strings(k.answer);
        w.key("why").value(k.why).end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

std::string validation(std::size_t checked, std::size_t valid, const Problems& problems) {
    Json w;
    w.begin_object().key("checked").value(checked).key("valid").value(valid);
    w.key("problems").begin_array();
    for (const auto& problem : problems) {
        w.begin_object().key("file").value(problem.file).key("field").value(problem.field);
        w.key("reason").value(problem.reason).end_object();
    }
    w.end_array().end_object();
    return w.str();
}

// ---- checklist ----------------------------------------------------------------------------

std::string step(const Step& s, const Guidance& guidance) {
    Json w;
    step(w, s, guidance);
    return w.str();
}

std::string checklist_steps(const ChecklistDefinition& definition, const std::string& jurisdiction,
                            const Guidance& guidance) {
    Json w;
    w.begin_object().key("jurisdiction").value(jurisdiction).key("steps").begin_array();
    for (const auto& s : definition.steps(jurisdiction))
        step(w, s, guidance);
    w.end_array().key("outcomes").begin_array();
    for (Outcome o : all_outcomes()) {
        const auto& info = definition.outcome(o);
        w.begin_object().key("id").value(to_string(o)).key("label").value(info.label);
        w.key("summary").value(info.summary).key("citations");
        citations(w, info.citations, guidance);
        w.end_object();
    }
    w.end_array().end_object();
    return w.str();
}

std::string evaluation(const Evaluation& e, const ChecklistDefinition& definition,
                       const Guidance& guidance) {
    Json w;
    w.begin_object().key("jurisdiction").value(e.jurisdiction);
    w.key("profession").value(e.profession).key("outcome").value(to_string(e.outcome));
    w.key("outcome_label").value(definition.outcome(e.outcome).label);
    w.key("emergency").value(e.emergency).key("complete").value(e.complete);
    w.key("steps").begin_array();
    for (const auto& s : e.steps) {
        w.begin_object().key("id").value(s.id).key("required").value(s.required);
        w.key("answered").value(s.answered).key("afterwards").value(s.afterwards).end_object();
    }
    w.end_array().key("reasons").begin_array();
    for (const auto& r : e.reasons) {
        w.begin_object().key("step").value(r.step);
        if (!r.note.empty()) w.key("note").value(r.note);
        w.key("text").value(r.text).key("citations");
        citations(w, r.citations, guidance, e.profession);
        w.end_object();
    }
    w.end_array().key("open_required_steps").strings(e.open_required_steps);
    w.key("duties").begin_array();
    for (const auto& d : e.duties) {
        w.begin_object().key("id").value(d.id).key("label").value(d.label);
        w.key("recipient").value(d.recipient).key("recipient_label").value(d.recipient_label);
        w.key("applies").value(d.applies).key("met").value(d.met).key("citations");
        citations(w, d.citations, guidance, e.profession);
        w.end_object();
    }
    w.end_array().key("warnings").begin_array();
    for (const auto& x : e.warnings) {
        w.begin_object().key("id").value(x.id).key("text").value(x.text).key("citations");
        citations(w, x.citations, guidance, e.profession);
        w.end_object();
    }
    w.end_array().key("ignored_steps").strings(e.ignored_steps).end_object();
    return w.str();
}

// ---- profiles, notes, supervision, export -------------------------------------------------

std::string profiles(const std::vector<Profile>& all) {
    Json w;
    w.begin_array();
    for (const auto& one : all)
        profile(w, one);
    w.end_array();
    return w.str();
}

std::string profile(const Profile& p) {
    Json w;
    profile(w, p);
    return w.str();
}

std::string notes(const std::vector<Note>& list) {
    Json w;
    w.begin_array();
    for (const auto& n : list)
        note(w, n, false, nullptr);
    w.end_array();
    return w.str();
}

std::string note(const Note& n, bool full, const std::vector<NoteVersion>* versions) {
    Json w;
    note(w, n, full, versions);
    return w.str();
}

std::string note_trashed(const std::string& id) {
    Json w;
    w.begin_object().key("id").value(id).key("in_trash").value(true).end_object();
    return w.str();
}

std::string search_hits(const std::vector<SearchHit>& hits) {
    Json w;
    w.begin_array();
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& h = hits[i];
        w.begin_object().key("rank").value(i + 1).key("kind").value(to_string(h.kind));
        w.key("id").value(h.id).key("title").value(h.title).key("snippet").value(h.snippet);
        w.end_object();
    }
    w.end_array();
    return w.str();
}

std::string supervisions(const std::vector<Supervision>& sessions, const Journal& journal) {
    Json w;
    w.begin_array();
    for (const auto& s : sessions)
        supervision(w, s, journal);
    w.end_array();
    return w.str();
}

std::string supervision(const Supervision& s, const Journal& journal) {
    Json w;
    supervision(w, s, journal);
    return w.str();
}

std::string exported(const MarkdownExport& doc, const std::string& file,
                     const std::optional<ExportCounts>& whole) {
    Json w;
    w.begin_object();
    if (whole) {
        w.key("profile").value(whole->profile);
        w.key("notes").value(whole->notes);
        w.key("supervision_sessions").value(whole->supervision_sessions);
    }
    if (file.empty())
        w.key("markdown").value(doc.text);
    else
        w.key("file").value(file);
    w.key("identifiers").begin_array();
    identifiers(w, doc.identifiers, doc.text);
    w.end_array().end_object();
    return w.str();
}

// ---- sync ---------------------------------------------------------------------------------

std::string sync_report(const SyncReport& r) {
    Json w;
    w.begin_object().key("files_read").value(r.files_read);
    w.key("records_sent").value(r.records_sent).key("records_received").value(r.records_received);
    w.key("records_applied").value(r.records_applied).key("conflicts").value(r.conflicts);
    w.key("skipped").begin_array();
    for (const auto& s : r.skipped) {
        w.begin_object().key("file").value(s.file).key("kind").value(to_string(s.kind));
        w.key("reason").value(s.reason).end_object();
    }
    w.end_array();
    w.key("notes").strings(r.notes).key("written").strings(r.written);
    w.key("held_back").strings(r.held_back).end_object();
    return w.str();
}

std::string sync_status(const std::string& device, const std::string& group,
                        const std::string& folder, std::size_t conflicts,
                        const std::vector<std::string>& members,
                        const std::vector<PeerStatus>& peers) {
    Json w;
    w.begin_object().key("device").value(device).key("group").value(group);
    w.key("folder").value(folder).key("conflicts").value(conflicts);
    w.key("profiles").strings(members);
    w.key("peers").begin_array();
    for (const auto& peer : peers) {
        w.begin_object().key("device").value(peer.device_id);
        w.key("applied_upto").value(static_cast<long long>(peer.applied_upto));
        w.key("last_applied_at").value(peer.last_applied_at);
        w.key("casebook_version").value(peer.casebook_version).end_object();
    }
    w.end_array().end_object();
    return w.str();
}

std::string sync_group(const std::string& group, const std::string& device,
                       const std::string& folder) {
    Json w;
    w.begin_object().key("group").value(group).key("device").value(device);
    w.key("folder").value(folder).end_object();
    return w.str();
}

std::string sync_joined(const Profile& p) {
    Json w;
    w.begin_object().key("profile").value(p.id).key("name").value(p.name).key("joined").value(true);
    w.end_object();
    return w.str();
}

// ---- revise -------------------------------------------------------------------------------

std::string revise_due(const std::vector<DueItem>& shown, std::size_t total) {
    Json w;
    w.begin_object().key("due").value(total).key("minutes").value(
        static_cast<int>((total * seconds_per_item + 59) / 60));
    w.key("items").begin_array();
    for (const auto& d : shown) {
        w.begin_object().key("item").value(d.item.id).key("kind").value(kind_name(d.item.kind));
        w.key("case").value(d.item.source->id).key("prompt").value(d.item.prompt);
        if (d.item.decision) {
            w.key("options").begin_array();
            for (const auto& o : d.item.decision->options)
                w.begin_object().key("key").value(o.key).key("text").value(o.text).end_object();
            w.end_array();
        }
        schedule(w, d.schedule);
        w.end_object();
    }
    w.end_array().end_object();
    return w.str();
}

std::string revise_answer(const std::string& item, const std::string& outcome,
                          const ItemSchedule& after) {
    Json w;
    w.begin_object().key("item").value(item).key("outcome").value(outcome);
    schedule(w, after);
    w.end_object();
    return w.str();
}

std::string revise_stats(const RevisionStats& st) {
    Json w;
    w.begin_object().key("enrolled").value(st.enrolled).key("new").value(st.new_items);
    w.key("suspended").value(st.suspended).key("due_now").value(st.due_now);
    w.key("minutes_due").value(st.minutes_due).key("reviews_total").value(st.reviews_total);
    w.key("right_share").number(st.right_share);
    w.key("predicted_retention").number(st.predicted_retention);
    w.key("reviews_per_day").begin_array();
    for (int n : st.reviews_per_day)
        w.value(n);
    w.end_array().key("right_per_day").begin_array();
    for (int n : st.right_per_day)
        w.value(n);
    w.end_array().key("due_per_day").begin_array();
    for (int n : st.due_per_day)
        w.value(n);
    w.end_array();
    mastery(w, "by_topic", st.by_topic);
    mastery(w, "by_nation", st.by_jurisdiction);
    w.end_object();
    return w.str();
}

std::string revise_items(const std::vector<ItemRow>& items) {
    Json w;
    w.begin_array();
    for (const auto& [item, in] : items) {
        w.begin_object().key("item").value(item->id).key("kind").value(kind_name(item->kind));
        w.key("prompt").value(item->prompt).key("in_revision").value(in);
        w.end_object();
    }
    w.end_array();
    return w.str();
}

std::string revise_settings(const fsrs::Parameters& p) {
    Json w;
    w.begin_object().key("retention").number(p.target_retention);
    w.key("maximum_interval_days").value(p.maximum_interval_days).end_object();
    return w.str();
}

std::string revise_change(const std::string& item, const std::string& done,
                          const ItemSchedule& after) {
    Json w;
    w.begin_object().key("item").value(item).key("done").value(done);
    schedule(w, after);
    w.end_object();
    return w.str();
}

} // namespace casebook::cli::json
