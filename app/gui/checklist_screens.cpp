// The disclosure checklist: a real concern (the emergency question first) or practice after a
// case; one question per page on a narrow screen, the whole list with a live summary on a wide
// one; then the decision record to copy, save or finalise. And the list of records.
#include "casebook/base.hpp"
#include "gui_app.hpp"

#include <imgui_stdlib.h>

namespace casebook::gui {

namespace {

// A practice record says so wherever it goes, so it is never taken for a real one.
std::string practice_marked(const std::string& mode, const std::string& text) {
    if (mode != "practice") return text;
    return "PRACTICE (learning only, not about a real person; not for anyone's notes)\n\n" + text;
}

} // namespace

std::string GuiApp::save_export(const std::string& file_name, const std::string& text) {
    std::error_code ec;
    std::filesystem::create_directories(export_folder_, ec);
    const auto file = export_folder_ / file_name;
    try {
        write_file(file, text);
        return "Saved to " + file.string();
    } catch (const FileError& e) {
        return std::string("Not saved: ") + e.what();
    }
}

void GuiApp::start_real_concern() {
    save_pending();
    ss().checklist = {};
    ss().checklist.mode = "real";
    std::string j = profile() ? profile()->jurisdiction : store_.setting("jurisdiction", "england");
    ss().checklist.answers.jurisdiction = is_checklist_jurisdiction(j) ? j : "england";
    // The user's own profession decides which professional code the checklist shows (F14).
    if (profile()) ss().checklist.answers.profession = profile()->profession;
    go(Screen::checklist);
}

void GuiApp::start_practice(const std::string& case_id) {
    save_pending();
    ss().checklist = {};
    ss().checklist.mode = "practice";
    ss().checklist.case_id = case_id;
    const Case* c = library_.find(case_id);
    const std::string j = c ? c->jurisdiction : "england";
    ss().checklist.answers.jurisdiction = is_checklist_jurisdiction(j) ? j : "england";
    // The user's own profession decides which professional code the checklist shows (F14).
    if (profile()) ss().checklist.answers.profession = profile()->profession;
    go(Screen::checklist);
}

void GuiApp::save_checklist_now() {
    ChecklistEdit& ed = ss().checklist;
    if (!ed.dirty || !checklist_) return;
    try {
        if (ed.record_id.empty()) {
            ed.record_id =
                DecisionRecords(store_)
                    .create_record(revision_profile(), ed.mode, ed.case_id, ed.answers.jurisdiction)
                    .id;
            if (!profile()) ss().unowned_records.insert(ed.record_id);
        }
        const Evaluation e = checklist_->evaluate(ed.answers);
        DecisionRecords(store_).save_draft(
            revision_profile(), ed.record_id, ed.answers.jurisdiction,
            checklist_->answers_json(ed.answers), to_string(e.outcome));
        ed.dirty = false;
        ed.message.clear();
        stale_ = true; // the record's time, and the records list, are read again
    } catch (const std::exception& ex) {
        ed.message = std::string("Not saved yet: ") + ex.what();
    }
}

void GuiApp::contacts_panel() {
    const std::string& contacts = contacts_; // read at start, edited in Settings
    if (!disclosure(ui_, "contacts", "Who to call", ui_.colours().accent)) return;
    std::size_t start = 0;
    while (start < contacts.size()) {
        auto end = contacts.find('\n', start);
        if (end == std::string::npos) end = contacts.size();
        const std::string line = contacts.substr(start, end - start);
        if (!line.empty()) panel(ui_, "", line, ui_.colours().accent);
        start = end + 1;
    }
    muted(ui_, "Change these in Settings, Local contacts.");
}

void GuiApp::checklist_screen() {
    const UiMetrics& m = ui_.metrics;
    const Palette& p = ui_.colours();
    ChecklistEdit& ed = ss().checklist;
    if (!checklist_) {
        heading(ui_, "The checklist is not available");
        muted(ui_, "Its definition could not be read; `casebook validate` and the log say why.");
        return;
    }
    if (ui_.fonts.title) ImGui::PushFont(ui_.fonts.title);
    if (ed.mode == "practice") {
        const Case* c = library_.find(ed.case_id);
        paragraph("Practice: " + (c ? c->title : ed.case_id));
    } else {
        paragraph("Worried about someone");
    }
    if (ui_.fonts.title) ImGui::PopFont();

    // The nation decides which laws apply; it is a tap away, not a question.
    // Four in a row when every name fits whole, else two rows of two.
    float widest = 0;
    for (const auto& j : checklist_jurisdictions())
        widest = std::max(widest, ImGui::CalcTextSize(nation_short_label(j)).x);
    const std::size_t per_row = (ui_.avail() - 3 * m.gap()) / 4 >= widest + 2 * m.pad() ? 4 : 2;
    const float nation_w =
        (ui_.avail() - static_cast<float>(per_row - 1) * m.gap()) / static_cast<float>(per_row);
    for (std::size_t i = 0; i < checklist_jurisdictions().size(); ++i) {
        const std::string& j = checklist_jurisdictions()[i];
        if (i % per_row) ImGui::SameLine();
        if (big_button(ui_, ("jurisdiction-" + j).c_str(), nation_short_label(j), nation_w,
                       ed.answers.jurisdiction == j)) {
            ed.answers.jurisdiction = j;
            ed.dirty = true;
            save_checklist_now();
        }
    }
    contacts_panel();

    Evaluation e = checklist_->evaluate(ed.answers);
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
            panel(ui_, "Call 999 now",
                  "Someone is in immediate danger. Call the police or an ambulance first. The "
                  "questions are then what to record afterwards.",
                  p.unsafe);
    };
    if (ed.reviewing) {
        emergency();
        checklist_review(e);
        return;
    }
    const auto steps = checklist_->steps(ed.answers.jurisdiction);
    auto step_by_id = [&](const std::string& id) -> const Step* {
        for (const auto& s : steps)
            if (s.id == id) return &s;
        return nullptr;
    };
    if (narrow_) {
        ed.page = std::min(ed.page, e.steps.empty() ? 0 : e.steps.size() - 1);
        // One short line whose length never changes the layout; how many are still open is
        // in the summary below the buttons.
        muted(ui_,
              "Question " + std::to_string(ed.page + 1) + " of " + std::to_string(e.steps.size()));
        if (!e.steps.empty())
            if (const Step* s = step_by_id(e.steps[ed.page].id)) checklist_step(*s, true);
        ImGui::Dummy({0, m.gap()});
        const float half = (ui_.avail() - m.gap()) / 2;
        if (big_button(ui_, "checklist-back", "Back", half) && ed.page > 0) --ed.page;
        ImGui::SameLine();
        const bool last = ed.page + 1 >= e.steps.size();
        if (big_button(ui_, "checklist-next", last ? "Review the record" : "Next", half, true)) {
            if (last)
                ed.reviewing = true;
            else
                ++ed.page;
            scroll_to_top_ = true;
        }
        // Below the buttons: a failed save appearing never pushes them.
        if (!ed.message.empty()) panel(ui_, "Not saved", ed.message, p.unsafe);
        emergency();
        heading(ui_, "Summary");
        checklist_summary(e);
        return;
    }
    // Wide: every question that applies, with the live summary beside it.
    const float summary_w = std::min(m.font_px * 20, ui_.avail() * 0.4f);
    ImGui::BeginChild("questions", {ui_.avail() - summary_w - m.gap(), 0}, false);
    const float saved_right = ui_.column_right;
    ui_.column_right = 0;
    for (const auto& applied : e.steps)
        if (const Step* s = step_by_id(applied.id)) checklist_step(*s, false);
    ImGui::Dummy({0, m.tap()});
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("summary", {0, 0}, false);
    emergency();
    heading(ui_, "Summary");
    checklist_summary(e);
    ImGui::Dummy({0, m.gap()});
    if (big_button(ui_, "checklist-review", "Review the record", ui_.avail(), true)) {
        ed.reviewing = true;
        scroll_to_top_ = true;
    }
    if (!ed.message.empty()) panel(ui_, "Not saved", ed.message, p.unsafe);
    ImGui::EndChild();
    ui_.column_right = saved_right;
}

void GuiApp::checklist_step(const Step& step, bool paged) {
    ChecklistEdit& ed = ss().checklist;
    const Palette& p = ui_.colours();
    ImGui::PushID(step.id.c_str());
    if (!paged) ImGui::Dummy({0, ui_.metrics.gap()});
    heading(ui_, step.title + (step.required ? "" : " (optional)"));
    if (!step.help.empty()) muted(ui_, step.help);
    const auto* chosen = ed.answers.find(step.id);
    auto is_chosen = [&](const std::string& v) {
        return chosen && std::find(chosen->begin(), chosen->end(), v) != chosen->end();
    };
    switch (step.type) {
    case AnswerType::single:
    case AnswerType::yes_no:
        for (const auto& o : step.options) {
            const std::string id = "answer-" + step.id + "-" + o.id;
            if (big_button(ui_, id.c_str(), o.label, ui_.avail(), is_chosen(o.id))) {
                ed.answers.set(step.id, o.id);
                ed.dirty = true;
                save_checklist_now();
            }
        }
        break;
    case AnswerType::multiple:
        for (const auto& o : step.options) {
            const std::string id = "answer-" + step.id + "-" + o.id;
            const bool on = is_chosen(o.id);
            if (big_button(ui_, id.c_str(), (on ? "\u2713 " : "") + o.label, ui_.avail(), on)) {
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
                save_checklist_now();
                chosen = ed.answers.find(step.id);
            }
        }
        break;
    case AnswerType::text: {
        std::string text = chosen && !chosen->empty() ? chosen->front() : std::string();
        const std::string id = "##text-" + step.id;
        if (text_editor(ui_, id.c_str(), text, paged ? 5.0f : 3.0f)) {
            if (text.find_first_not_of(" \n\t") == std::string::npos)
                ed.answers.clear(step.id);
            else
                ed.answers.set(step.id, text);
            ed.dirty = true;
            edited();
        }
        for (const auto& f : find_identifiers(text))
            muted(ui_, std::string("Check: this looks like a ") + label(f.kind) +
                           ". A decision record goes into the patient's own notes, so their "
                           "details belong there; someone else's may not.");
        break;
    }
    }
    std::string cites;
    for (const auto& c : step.citations)
        cites += (cites.empty() ? "" : "; ") +
                 citation_label(checklist_->guidance(), c, ed.answers.profession);
    if (!cites.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        paragraph("Guidance: " + cites);
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
}

void GuiApp::checklist_summary(const Evaluation& e) {
    const Palette& p = ui_.colours();
    const OutcomeInfo& info = checklist_->definition().outcome(e.outcome);
    const ImVec4& colour = e.outcome == Outcome::call_emergency               ? p.unsafe
                           : e.outcome == Outcome::do_not_share_record_review ? p.acceptable
                                                                              : p.accent;
    panel(ui_, (e.complete ? "Outcome: " : "So far: ") + info.label, info.summary, colour);
    for (const auto& w : e.warnings)
        panel(ui_, "Check this", w.text, p.unsafe);
    if (!e.open_required_steps.empty()) {
        const std::size_t open = e.open_required_steps.size();
        if (narrow_) {
            muted(ui_, std::to_string(open) + (open == 1 ? " question" : " questions") +
                           " still to answer.");
        } else {
            muted(ui_, "Still to answer:");
            for (const auto& id : e.open_required_steps)
                if (const Step* s = checklist_->definition().step(id))
                    muted(ui_, "\u2022 " + s->title);
        }
    }
    // The outcome's own reason is the panel above; the rest come from the answers.
    for (const auto& r : e.reasons)
        if (r.step != "outcome") paragraph("\u2022 " + r.text);
}

void GuiApp::checklist_review(const Evaluation& e) {
    const UiMetrics& m = ui_.metrics;
    const Palette& p = ui_.colours();
    ChecklistEdit& ed = ss().checklist;
    save_pending();
    checklist_summary(e);
    if (ed.mode == "practice")
        if (const Case* c = library_.find(ed.case_id)) {
            heading(ui_, "Compared with the case");
            for (const auto& row : checklist_->compare_with_key(ed.answers, *c)) {
                auto labels = [&](const std::vector<std::string>& values) {
                    std::string out;
                    for (const auto& v : values)
                        out += (out.empty() ? "" : ", ") +
                               checklist_->answer_label(row.step, v, ed.answers.jurisdiction);
                    return out.empty() ? std::string("(not answered)") : out;
                };
                const Step* s = checklist_->definition().step(row.step);
                const std::string title = s                       ? s->title
                                          : row.step == "outcome" ? "Outcome"
                                                                  : row.step;
                // Told by a word and a mark, not by colour alone.
                panel(
                    ui_,
                    (row.match ? "\u2713 Same as the case: " : "\u2717 Different from the case: ") +
                        title,
                    "You: " + labels(row.given) + "\nThe case: " + labels(row.expected) + "\n" +
                        row.why,
                    row.match ? p.best : p.unsafe);
            }
        }

    heading(ui_, "The decision record");
    if (!profile())
        panel(ui_, "Nobody is signed in",
              "This record is shown only until the tablet locks, so the next person cannot read "
              "it. Copy it into the patient's notes or save it as a file now.",
              p.acceptable);
    const std::string now = now_iso8601();
    // The record's time is when it was made, the same in the list, the file and the clipboard.
    const std::string made = ed.made.empty() ? now : ed.made;
    const DecisionRecord record = checklist_->record(ed.answers, record_time(made));
    const std::string md = practice_marked(ed.mode, checklist_->markdown(record));
    const std::string text = practice_marked(ed.mode, checklist_->text(record));
    panel(ui_,
          ed.mode == "practice" ? "Practice record (not for a patient's notes)"
                                : "For the patient's notes",
          text, p.muted);
    const float half = (ui_.avail() - m.gap()) / 2;
    if (big_button(ui_, "copy-record", "Copy to clipboard", half)) {
        ImGui::SetClipboardText(text.c_str());
        ed.message.clear();
        ss().record.message = "Copied. Paste it into the notes.";
    }
    ImGui::SameLine();
    if (big_button(ui_, "save-record", "Save as a file", half)) {
        ss().record.message = save_export("decision-record-" + now.substr(0, 10) + "-" +
                                              now.substr(11, 2) + now.substr(14, 2) + ".md",
                                          md);
    }
    if (!ss().record.message.empty()) muted(ui_, ss().record.message);
    if (big_button(ui_, "checklist-edit", "Back to the questions")) {
        ed.reviewing = false;
        ss().record.message.clear();
    }
    if (ed.mode == "real") {
        if (!e.complete)
            muted(ui_, "Answer the open questions to finalise the record.");
        else if (!ed.confirming_final) {
            if (big_button(ui_, "finalise-record", "Finalise the record", 0, true))
                ed.confirming_final = true;
        } else {
            // Asked once more, below where the first tap landed, so a double tap cannot
            // finalise: a final record never changes again.
            panel(ui_, "Finalise this record?",
                  "It will not change again: anything you learn later goes in a dated addendum. "
                  "Copy or save it first if you have not.",
                  p.muted);
            const float half_width = (ui_.avail() - m.gap()) / 2;
            if (big_button(ui_, "finalise-cancel", "Not yet", half_width))
                ed.confirming_final = false;
            ImGui::SameLine();
            if (big_button(ui_, "finalise-confirm", "Yes, finalise it", half_width, true)) {
                ed.dirty = true;
                save_checklist_now();
                const std::string id = ed.record_id;
                if (!id.empty() && act(ed.message, [&] {
                        DecisionRecords(store_).finalise_record(revision_profile(), id);
                    })) {
                    ss().checklist = {};
                    open_record(id);
                    return;
                }
                ed.confirming_final = false;
            }
        }
    } else if (big_button(ui_, "practice-done", "Done", 0, true)) {
        ed.dirty = true;
        save_checklist_now();
        go(Screen::records);
    }
}

void GuiApp::open_records() {
    go(Screen::records);
}

bool GuiApp::open_record(const std::string& id) {
    save_pending();
    // With nobody signed in, only what was made in this sitting opens (review F3).
    if (!profile() && !ss().unowned_records.count(id)) return false;
    std::optional<ChecklistRecord> r;
    act(ss().record.message, [&] { r = DecisionRecords(store_).record(revision_profile(), id); });
    if (!r || !checklist_) return false;
    ss().record.addendum.clear();
    ss().record.message.clear();
    if (!r->final()) {
        // A draft carries on where it stopped.
        Problems ignored;
        ss().checklist = {};
        ss().checklist.record_id = r->id;
        ss().checklist.mode = r->mode;
        ss().checklist.case_id = r->case_id;
        ss().checklist.answers = checklist_->parse_answers(
            r->answers_json, "record " + r->id, ignored, AnswersCheck::draft, r->jurisdiction);
        go(Screen::checklist);
        return true;
    }
    ss().record.open = id;
    go(Screen::record);
    return true;
}

void GuiApp::records_screen() {
    const Palette& p = ui_.colours();
    heading(ui_, "Decision records");
    if (big_button(ui_, "records-new", "I'm worried about someone now", 0, true)) {
        start_real_concern();
        return;
    }
    const auto& records = ss().records; // read, filtered and ordered on arriving and on a change
    if (!profile()) {
        muted(ui_, "Nobody is signed in. Records made like this are listed only until the tablet "
                   "locks, so the next person cannot read them: copy each one into the patient's "
                   "notes or save it as a file before you go.");
    }
    if (records.empty()) muted(ui_, "No records yet.");
    bool practice_heading = false;
    for (const auto& r : records) {
        if (r.mode == "practice" && !practice_heading) {
            heading(ui_, "Practice");
            practice_heading = true;
        }
        auto outcome = outcome_from_string(r.outcome);
        const std::string title = outcome && checklist_
                                      ? checklist_->definition().outcome(*outcome).label
                                      : "Not decided yet";
        std::string body = r.mode == "practice" ? "Practice" : "A real concern";
        if (const Case* c = library_.find(r.case_id)) body += ": " + c->title;
        if (card(ui_, ("record-" + r.id).c_str(), title, body,
                 jurisdiction_label(r.jurisdiction) + "  \u00b7  " + readable_time(r.created_at),
                 r.final() ? "Final" : "Draft", r.final() ? p.best : p.acceptable)) {
            open_record(r.id);
            return;
        }
    }
}

void GuiApp::record_screen() {
    const UiMetrics& m = ui_.metrics;
    const Palette& p = ui_.colours();
    const std::optional<ChecklistRecord> r = ss().record.record; // read on arriving
    if (!r || !checklist_) {
        go(Screen::records);
        return;
    }
    Problems ignored;
    const Answers answers = checklist_->parse_answers(r->answers_json, "record " + r->id, ignored,
                                                      AnswersCheck::draft, r->jurisdiction);
    DecisionRecord record = checklist_->record(answers, record_time(r->created_at));
    for (const auto& a : r->addenda)
        record.addenda.push_back({record_time(a.created_at), a.text});
    const std::string text = practice_marked(r->mode, checklist_->text(record));
    heading(ui_, "Decision record");
    panel(ui_, "Final since " + record_time(r->finalised_at),
          "This record no longer changes. Anything later is added below with its own time.",
          p.best);
    panel(ui_,
          r->mode == "practice" ? "Practice record (not for a patient's notes)"
                                : "For the patient's notes",
          text, p.muted);
    const float half = (ui_.avail() - m.gap()) / 2;
    if (big_button(ui_, "copy-final-record", "Copy to clipboard", half)) {
        ImGui::SetClipboardText(text.c_str());
        ss().record.message = "Copied. Paste it into the notes.";
    }
    ImGui::SameLine();
    if (big_button(ui_, "save-final-record", "Save as a file", half)) {
        ss().record.message = save_export("decision-record-" + r->id.substr(0, 8) + ".md",
                                          practice_marked(r->mode, checklist_->markdown(record)));
    }
    if (!ss().record.message.empty()) muted(ui_, ss().record.message);
    heading(ui_, "Add to this record");
    text_editor(ui_, "##record-addendum", ss().record.addendum, 3.0f);
    if (!ss().record.addendum.empty() &&
        big_button(ui_, "add-record-addendum", "Add addendum", 0, true)) {
        if (act(ss().record.message, [&] {
                DecisionRecords(store_).add_addendum(revision_profile(), r->id,
                                                     ss().record.addendum);
            }))
            ss().record.addendum.clear();
    }
    if (big_button(ui_, "records-back", "All decision records")) go(Screen::records);
}

} // namespace casebook::gui
