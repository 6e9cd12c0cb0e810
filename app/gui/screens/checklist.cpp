// The disclosure checklist: a real concern (the emergency question first) or practice after a
// case; one question per page on a narrow screen, the whole list with a live summary on a wide
// one; then the decision record to copy, save or finalise. And the list of records.
#include "screens/checklist.hpp"

#include "casebook/base.hpp"
#include "gui_app.hpp"
#include "session.hpp"

#include <imgui_stdlib.h>

namespace casebook::gui {

namespace {

// A practice record says so wherever it goes, so it is never taken for a real one.
std::string practice_marked(const std::string& mode, const std::string& text) {
    if (mode != "practice") return text;
    return "PRACTICE (learning only, not about a real person; not for anyone's notes)\n\n" + text;
}

} // namespace

std::string save_export(Context& cx, const std::string& file_name, const std::string& text) {
    std::error_code ec;
    std::filesystem::create_directories(cx.export_folder(), ec);
    const auto file = cx.export_folder() / file_name;
    try {
        write_file(file, text);
        return "Saved to " + file.string();
    } catch (const FileError& e) {
        return std::string("Not saved: ") + e.what();
    }
}

void ChecklistScreen::start(Context& cx, const std::string& kind, const std::string& case_for) {
    cx.app.save_pending();
    *this = {};
    mode = kind;
    case_id = case_for;
    const Profile* me = cx.person();
    std::string j;
    if (kind == "practice") {
        // In the case's jurisdiction; compared with its key at the end.
        const Case* c = cx.library.find(case_for);
        j = c ? c->jurisdiction : "england";
    } else {
        j = me ? me->jurisdiction : cx.store.setting("jurisdiction", "england");
    }
    answers.jurisdiction = is_checklist_jurisdiction(j) ? j : "england";
    // The user's own profession decides which professional code the checklist shows (F14).
    if (me) answers.profession = me->profession;
    cx.go(Screen::checklist);
}

void ChecklistScreen::refresh(Context& cx) {
    made.clear();
    if (!record_id.empty())
        if (auto r = DecisionRecords(cx.store).record(cx.profile, record_id)) made = r->created_at;
}

void ChecklistScreen::save(Context& cx) {
    ChecklistScreen& ed = *this;
    if (!ed.dirty || !cx.checklist()) return;
    try {
        if (ed.record_id.empty()) {
            ed.record_id =
                DecisionRecords(cx.store)
                    .create_record(cx.profile, ed.mode, ed.case_id, ed.answers.jurisdiction)
                    .id;
            if (!cx.person()) cx.session().unowned_records.insert(ed.record_id);
        }
        const Evaluation e = cx.checklist()->evaluate(ed.answers);
        DecisionRecords(cx.store).save_draft(cx.profile, ed.record_id, ed.answers.jurisdiction,
                                             cx.checklist()->answers_json(ed.answers),
                                             to_string(e.outcome));
        ed.dirty = false;
        ed.message.clear();
        cx.reread(); // the record's time, and the records list, are read again
    } catch (const std::exception& ex) {
        ed.message = std::string("Not saved yet: ") + ex.what();
    }
}

void ChecklistScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    ChecklistScreen& ed = *this;
    if (!cx.checklist()) {
        heading(ui, "The checklist is not available");
        muted(ui, "Its definition could not be read; `casebook validate` and the log say why.");
        return;
    }
    if (ui.fonts.title) ImGui::PushFont(ui.fonts.title);
    if (ed.mode == "practice") {
        const Case* c = cx.library.find(ed.case_id);
        paragraph(ui, "Practice: " + (c ? c->title : ed.case_id));
    } else {
        paragraph(ui, "Worried about someone");
    }
    if (ui.fonts.title) ImGui::PopFont();

    // The nation decides which laws apply; it is a tap away, not a question.
    // Four in a row when every name fits whole, else two rows of two.
    float widest = 0;
    for (const auto& j : checklist_jurisdictions())
        widest = std::max(widest, ImGui::CalcTextSize(nation_short_label(j)).x);
    const std::size_t per_row = (ui.avail() - 3 * m.gap()) / 4 >= widest + 2 * m.pad() ? 4 : 2;
    const float nation_w =
        (ui.avail() - static_cast<float>(per_row - 1) * m.gap()) / static_cast<float>(per_row);
    for (std::size_t i = 0; i < checklist_jurisdictions().size(); ++i) {
        const std::string& j = checklist_jurisdictions()[i];
        if (i % per_row) ImGui::SameLine();
        if (big_button(ui, ("jurisdiction-" + j).c_str(), nation_short_label(j), nation_w,
                       ed.answers.jurisdiction == j)) {
            ed.answers.jurisdiction = j;
            ed.dirty = true;
            save(cx);
        }
    }
    contacts_panel(cx);

    Evaluation e = cx.checklist()->evaluate(ed.answers);
    // A real concern asks about immediate danger before anything else.
    if (ed.mode == "real") {
        auto danger = std::find_if(e.steps.begin(), e.steps.end(),
                                   [](const AppliedStep& s) { return s.id == "immediate_danger"; });
        if (danger != e.steps.end()) std::rotate(e.steps.begin(), danger, danger + 1);
    }
    // Said where it pushes nothing being reached for: under the page's buttons on a narrow
    // screen, at the top of the summary on a wide one, at the top of the review.
    auto emergency = [&] {
        if (e.emergency)
            panel(ui, "Call 999 now",
                  "Someone is in immediate danger. Call the police or an ambulance first. The "
                  "questions are then what to record afterwards.",
                  p.unsafe);
    };
    if (ed.reviewing) {
        emergency();
        review(cx, e);
        return;
    }
    const auto steps = cx.checklist()->steps(ed.answers.jurisdiction);
    auto step_by_id = [&](const std::string& id) -> const Step* {
        for (const auto& s : steps)
            if (s.id == id) return &s;
        return nullptr;
    };
    if (cx.narrow) {
        ed.page = std::min(ed.page, e.steps.empty() ? 0 : e.steps.size() - 1);
        // One short line whose length never changes the layout; how many are still open is
        // in the summary below the buttons.
        muted(ui,
              "Question " + std::to_string(ed.page + 1) + " of " + std::to_string(e.steps.size()));
        if (!e.steps.empty())
            if (const Step* s = step_by_id(e.steps[ed.page].id)) step(cx, *s, true);
        ImGui::Dummy({0, m.gap()});
        const float half = (ui.avail() - m.gap()) / 2;
        if (big_button(ui, "checklist-back", "Back", half) && ed.page > 0) --ed.page;
        ImGui::SameLine();
        const bool last = ed.page + 1 >= e.steps.size();
        if (big_button(ui, "checklist-next", last ? "Review the record" : "Next", half, true)) {
            if (last)
                ed.reviewing = true;
            else
                ++ed.page;
            cx.scroll_to_top();
        }
        // Below the buttons: a failed save appearing never pushes them.
        if (!ed.message.empty()) panel(ui, "Not saved", ed.message, p.unsafe);
        emergency();
        heading(ui, "Summary");
        summary(cx, e);
        return;
    }
    // Wide: every question that applies, with the live summary beside it.
    const float summary_w = std::min(m.font_px * 20, ui.avail() * 0.4f);
    ImGui::BeginChild("questions", {ui.avail() - summary_w - m.gap(), 0}, false);
    const float saved_right = ui.column_right;
    ui.column_right = 0;
    for (const auto& applied : e.steps)
        if (const Step* s = step_by_id(applied.id)) step(cx, *s, false);
    ImGui::Dummy({0, m.tap()});
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("summary", {0, 0}, false);
    emergency();
    heading(ui, "Summary");
    summary(cx, e);
    ImGui::Dummy({0, m.gap()});
    if (big_button(ui, "checklist-review", "Review the record", ui.avail(), true)) {
        ed.reviewing = true;
        cx.scroll_to_top();
    }
    if (!ed.message.empty()) panel(ui, "Not saved", ed.message, p.unsafe);
    ImGui::EndChild();
    ui.column_right = saved_right;
}

void ChecklistScreen::step(Context& cx, const Step& step, bool paged) {
    Ui& ui = cx.ui;
    ChecklistScreen& ed = *this;
    const Palette& p = ui.colours();
    ImGui::PushID(step.id.c_str());
    if (!paged) ImGui::Dummy({0, ui.metrics.gap()});
    heading(ui, step.title + (step.required ? "" : " (optional)"));
    if (!step.help.empty()) muted(ui, step.help);
    const auto* chosen = ed.answers.find(step.id);
    auto is_chosen = [&](const std::string& v) {
        return chosen && std::find(chosen->begin(), chosen->end(), v) != chosen->end();
    };
    switch (step.type) {
    case AnswerType::single:
    case AnswerType::yes_no:
        for (const auto& o : step.options) {
            const std::string id = "answer-" + step.id + "-" + o.id;
            if (big_button(ui, id.c_str(), o.label, ui.avail(), is_chosen(o.id))) {
                ed.answers.set(step.id, o.id);
                ed.dirty = true;
                save(cx);
            }
        }
        break;
    case AnswerType::multiple:
        for (const auto& o : step.options) {
            const std::string id = "answer-" + step.id + "-" + o.id;
            const bool on = is_chosen(o.id);
            if (big_button(ui, id.c_str(), (on ? "\u2713 " : "") + o.label, ui.avail(), on)) {
                std::vector<std::string> next = chosen ? *chosen : std::vector<std::string>{};
                if (on) {
                    next.erase(std::remove(next.begin(), next.end(), o.id), next.end());
                } else if (o.exclusive) {
                    next = {o.id};
                } else {
                    std::erase_if(next, [&](const std::string& v) {
                        const StepOption* other = step.option(v);
                        return other && other->exclusive;
                    });
                    next.push_back(o.id);
                }
                if (next.empty())
                    ed.answers.clear(step.id);
                else
                    ed.answers.set(step.id, next);
                ed.dirty = true;
                save(cx);
                chosen = ed.answers.find(step.id);
            }
        }
        break;
    case AnswerType::text: {
        std::string text = chosen && !chosen->empty() ? chosen->front() : std::string();
        const std::string id = "##text-" + step.id;
        if (text_editor(ui, id.c_str(), text, paged ? 5.0f : 3.0f)) {
            if (text.find_first_not_of(" \n\t") == std::string::npos)
                ed.answers.clear(step.id);
            else
                ed.answers.set(step.id, text);
            ed.dirty = true;
            cx.edited();
        }
        for (const auto& f : find_identifiers(text))
            muted(ui, std::string("Check: this looks like a ") + label(f.kind) +
                          ". A decision record goes into the patient's own notes, so their "
                          "details belong there; someone else's may not.");
        break;
    }
    }
    std::string cites;
    for (const auto& c : step.citations)
        cites += (cites.empty() ? "" : "; ") +
                 citation_label(cx.checklist()->guidance(), c, ed.answers.profession);
    if (!cites.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        paragraph(ui, "Guidance: " + cites);
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
}

void ChecklistScreen::summary(Context& cx, const Evaluation& e) {
    Ui& ui = cx.ui;
    const Palette& p = ui.colours();
    const OutcomeInfo& info = cx.checklist()->definition().outcome(e.outcome);
    const ImVec4& colour = e.outcome == Outcome::call_emergency               ? p.unsafe
                           : e.outcome == Outcome::do_not_share_record_review ? p.acceptable
                                                                              : p.accent;
    panel(ui, (e.complete ? "Outcome: " : "So far: ") + info.label, info.summary, colour);
    for (const auto& w : e.warnings)
        panel(ui, "Check this", w.text, p.unsafe);
    if (!e.open_required_steps.empty()) {
        const std::size_t open = e.open_required_steps.size();
        if (cx.narrow) {
            muted(ui, std::to_string(open) + (open == 1 ? " question" : " questions") +
                          " still to answer.");
        } else {
            muted(ui, "Still to answer:");
            for (const auto& id : e.open_required_steps)
                if (const Step* s = cx.checklist()->definition().step(id))
                    muted(ui, "\u2022 " + s->title);
        }
    }
    // The outcome's own reason is the panel above; the rest come from the answers.
    for (const auto& r : e.reasons)
        if (r.step != "outcome") paragraph(ui, "\u2022 " + r.text);
}

void ChecklistScreen::review(Context& cx, const Evaluation& e) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    ChecklistScreen& ed = *this;
    cx.app.save_pending();
    summary(cx, e);
    if (ed.mode == "practice")
        if (const Case* c = cx.library.find(ed.case_id)) {
            heading(ui, "Compared with the case");
            for (const auto& row : cx.checklist()->compare_with_key(ed.answers, *c)) {
                auto labels = [&](const std::vector<std::string>& values) {
                    std::string out;
                    for (const auto& v : values)
                        out += (out.empty() ? "" : ", ") +
                               cx.checklist()->answer_label(row.step, v, ed.answers.jurisdiction);
                    return out.empty() ? std::string("(not answered)") : out;
                };
                const Step* s = cx.checklist()->definition().step(row.step);
                const std::string title = s                       ? s->title
                                          : row.step == "outcome" ? "Outcome"
                                                                  : row.step;
                // Told by a word and a mark, not by colour alone.
                panel(
                    ui,
                    (row.match ? "\u2713 Same as the case: " : "\u2717 Different from the case: ") +
                        title,
                    "You: " + labels(row.given) + "\nThe case: " + labels(row.expected) + "\n" +
                        row.why,
                    row.match ? p.best : p.unsafe);
            }
        }

    heading(ui, "The decision record");
    if (!cx.person())
        panel(ui, "Nobody is signed in",
              "This record is shown only until the tablet locks, so the next person cannot read "
              "it. Copy it into the patient's notes or save it as a file now.",
              p.acceptable);
    const std::string now = now_iso8601();
    // The record's time is when it was made, the same in the list, the file and the clipboard.
    const std::string made_at = ed.made.empty() ? now : ed.made;
    const DecisionRecord record = cx.checklist()->record(ed.answers, record_time(made_at));
    const std::string md = practice_marked(ed.mode, cx.checklist()->markdown(record));
    const std::string text = practice_marked(ed.mode, cx.checklist()->text(record));
    panel(ui,
          ed.mode == "practice" ? "Practice record (not for a patient's notes)"
                                : "For the patient's notes",
          text, p.muted);
    const float half = (ui.avail() - m.gap()) / 2;
    if (big_button(ui, "copy-record", "Copy to clipboard", half)) {
        ImGui::SetClipboardText(text.c_str());
        ed.message.clear();
        cx.session().record.message = "Copied. Paste it into the notes.";
    }
    ImGui::SameLine();
    if (big_button(ui, "save-record", "Save as a file", half)) {
        cx.session().record.message = save_export(cx,
                                                  "decision-record-" + now.substr(0, 10) + "-" +
                                                      now.substr(11, 2) + now.substr(14, 2) + ".md",
                                                  md);
    }
    if (!cx.session().record.message.empty()) muted(ui, cx.session().record.message);
    if (big_button(ui, "checklist-edit", "Back to the questions")) {
        ed.reviewing = false;
        cx.session().record.message.clear();
    }
    if (ed.mode == "real") {
        if (!e.complete)
            muted(ui, "Answer the open questions to finalise the record.");
        else if (!ed.confirming_final) {
            if (big_button(ui, "finalise-record", "Finalise the record", 0, true))
                ed.confirming_final = true;
        } else {
            // Asked once more, below where the first tap landed, so a double tap cannot
            // finalise: a final record never changes again.
            panel(ui, "Finalise this record?",
                  "It will not change again: anything you learn later goes in a dated addendum. "
                  "Copy or save it first if you have not.",
                  p.muted);
            const float half_width = (ui.avail() - m.gap()) / 2;
            if (big_button(ui, "finalise-cancel", "Not yet", half_width))
                ed.confirming_final = false;
            ImGui::SameLine();
            if (big_button(ui, "finalise-confirm", "Yes, finalise it", half_width, true)) {
                ed.dirty = true;
                save(cx);
                const std::string id = ed.record_id;
                if (!id.empty() && cx.act(ed.message, [&] {
                        DecisionRecords(cx.store).finalise_record(cx.profile, id);
                    })) {
                    *this = {};
                    cx.session().record.open(cx, id);
                    return;
                }
                ed.confirming_final = false;
            }
        }
    } else if (big_button(ui, "practice-done", "Done", 0, true)) {
        ed.dirty = true;
        save(cx);
        cx.go(Screen::records);
    }
}

bool RecordScreen::open(Context& cx, const std::string& record_id) {
    cx.app.save_pending();
    // With nobody signed in, only what was made in this sitting opens (review F3).
    if (!cx.person() && !cx.session().unowned_records.count(record_id)) return false;
    std::optional<ChecklistRecord> r;
    cx.act(message, [&] { r = DecisionRecords(cx.store).record(cx.profile, record_id); });
    if (!r || !cx.checklist()) return false;
    addendum.clear();
    message.clear();
    if (!r->final()) {
        // A draft carries on where it stopped.
        Problems ignored;
        ChecklistScreen& draft = cx.session().checklist;
        draft = {};
        draft.record_id = r->id;
        draft.mode = r->mode;
        draft.case_id = r->case_id;
        draft.answers = cx.checklist()->parse_answers(r->answers_json, "record " + r->id, ignored,
                                                      AnswersCheck::draft, r->jurisdiction);
        cx.go(Screen::checklist);
        return true;
    }
    id = record_id;
    cx.go(Screen::record);
    return true;
}

void RecordScreen::refresh(Context& cx) {
    record = DecisionRecords(cx.store).record(cx.profile, id);
}

void RecordsScreen::refresh(Context& cx) {
    records = DecisionRecords(cx.store).records(cx.profile);
    cards.forget();
    // With nobody signed in, only what was made in this sitting is listed.
    if (!cx.person()) {
        const auto& mine = cx.session().unowned_records;
        std::erase_if(records, [&](const auto& r) { return !mine.count(r.id); });
    }
    // Real concerns first; practice records apart under their own heading.
    std::stable_partition(records.begin(), records.end(),
                          [](const auto& r) { return r.mode != "practice"; });
    texts.clear();
    for (const auto& r : records) {
        const auto outcome = outcome_from_string(r.outcome);
        CardText t{"record-" + r.id,
                   outcome && cx.checklist() ? cx.checklist()->definition().outcome(*outcome).label
                                             : "Not decided yet",
                   r.mode == "practice" ? "Practice" : "A real concern",
                   jurisdiction_label(r.jurisdiction) + "  \u00b7  " + readable_time(r.created_at)};
        if (const Case* c = cx.library.find(r.case_id)) t.body += ": " + c->title;
        texts.push_back(std::move(t));
    }
}

void RecordsScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const Palette& p = ui.colours();
    heading(ui, "Decision records");
    if (big_button(ui, "records-new", "I'm worried about someone now", 0, true)) {
        cx.app.start_real_concern();
        return;
    }
    if (!cx.person()) {
        muted(ui, "Nobody is signed in. Records made like this are listed only until the tablet "
                  "locks, so the next person cannot read them: copy each one into the patient's "
                  "notes or save it as a file before you go.");
    }
    if (records.empty()) muted(ui, "No records yet.");
    // Real concerns first, then practice: the first practice record's row carries the heading.
    cards.draw(ui, records.size(), [&](std::size_t i) {
        const ChecklistRecord& r = records[i];
        if (r.mode == "practice" && (i == 0 || records[i - 1].mode != "practice"))
            heading(ui, "Practice");
        const CardText& t = texts[i];
        if (card(ui, t.id.c_str(), t.title, t.body, t.meta, r.final() ? "Final" : "Draft",
                 r.final() ? p.best : p.acceptable)) {
            cx.session().record.open(cx, r.id);
            return true;
        }
        return false;
    });
}

void RecordScreen::draw(Context& cx) {
    Ui& ui = cx.ui;
    const UiMetrics& m = ui.metrics;
    const Palette& p = ui.colours();
    const std::optional<ChecklistRecord> r = record; // read on arriving
    if (!r || !cx.checklist()) {
        cx.go(Screen::records);
        return;
    }
    Problems ignored;
    const Answers answers = cx.checklist()->parse_answers(
        r->answers_json, "record " + r->id, ignored, AnswersCheck::draft, r->jurisdiction);
    DecisionRecord decision = cx.checklist()->record(answers, record_time(r->created_at));
    for (const auto& a : r->addenda)
        decision.addenda.push_back({record_time(a.created_at), a.text});
    const std::string text = practice_marked(r->mode, cx.checklist()->text(decision));
    heading(ui, "Decision record");
    panel(ui, "Final since " + record_time(r->finalised_at),
          "This record no longer changes. Anything later is added below with its own time.",
          p.best);
    panel(ui,
          r->mode == "practice" ? "Practice record (not for a patient's notes)"
                                : "For the patient's notes",
          text, p.muted);
    const float half = (ui.avail() - m.gap()) / 2;
    if (big_button(ui, "copy-final-record", "Copy to clipboard", half)) {
        ImGui::SetClipboardText(text.c_str());
        message = "Copied. Paste it into the notes.";
    }
    ImGui::SameLine();
    if (big_button(ui, "save-final-record", "Save as a file", half)) {
        message = save_export(cx, "decision-record-" + r->id.substr(0, 8) + ".md",
                              practice_marked(r->mode, cx.checklist()->markdown(decision)));
    }
    if (!message.empty()) muted(ui, message);
    heading(ui, "Add to this record");
    text_editor(ui, "##record-addendum", addendum, 3.0f);
    if (!addendum.empty() && big_button(ui, "add-record-addendum", "Add addendum", 0, true)) {
        if (cx.act(message,
                   [&] { DecisionRecords(cx.store).add_addendum(cx.profile, r->id, addendum); }))
            addendum.clear();
    }
    if (big_button(ui, "records-back", "All decision records")) cx.go(Screen::records);
}

} // namespace casebook::gui
