// The journal's full-text search (ranked, as you type, over notes, sessions and case text, one
// profile's only) and its Markdown export with the identifiers it holds listed.
#include "casebook/cases.hpp"
#include "casebook/checklist.hpp"
#include "journal_support.hpp"
#include "support/sqlite_probe.hpp"

#include <algorithm>
#include <sqlite3.h>

using namespace casebook;
using namespace journal_test;
using namespace std::chrono_literals;
using test::raw_sql;
using test::scalar;

TEST_CASE("search ranks by bm25, marks the matching words, and works as you type",
          "[journal][search]") {
    Ward w;
    const auto& me = w.trainee.id;
    auto in_title = w.journal.add_note(me, draft("Gillick competence", "A note about a clinic."));
    auto many = w.journal.add_note(
        me, draft("Clinic", "Gillick, then Gillick again: Gillick applies to under-16s."));
    auto once = w.journal.add_note(
        me, draft("Long note", "Many words about many things, and once the word gillick, then "
                               "a lot more about consent, capacity, parents and schools."));
    auto tagged = w.journal.add_note(me, draft("Tagged", "nothing here", {"gillick"}));
    w.journal.add_note(me, draft("Unrelated", "Fraser guidelines"));

    auto hits = w.journal.search(me, "gillick");
    REQUIRE(hits.size() == 4);
    // Title first, then tags, then the body with three matches, then the long body with one.
    CHECK(ids_of(hits) == std::vector<std::string>{in_title.id, tagged.id, many.id, once.id});
    CHECK(std::is_sorted(hits.begin(), hits.end(),
                         [](const SearchHit& a, const SearchHit& b) { return a.score < b.score; }));
    CHECK(hits[0].kind == SearchKind::note);
    CHECK(hits[0].title == "Gillick competence");
    CHECK(hits[0].snippet.find("[Gillick]") != std::string::npos);
    CHECK(hits[3].snippet.find("[gillick]") != std::string::npos);

    // As you type: the last word is a prefix; every word must match.
    CHECK(w.journal.search(me, "gill").size() == 4);
    CHECK(ids_of(w.journal.search(me, "clinic gill")) ==
          std::vector<std::string>{many.id, in_title.id});
    // A last word of one letter does not narrow (or empty) the results until the next letter.
    CHECK(ids_of(w.journal.search(me, "gillick c")) == ids_of(w.journal.search(me, "gillick")));
    CHECK(w.journal.search(me, "g").empty());
    // Marks are the caller's; what people type is never FTS syntax.
    SearchOptions bold;
    bold.open_mark = "<b>";
    bold.close_mark = "</b>";
    CHECK(w.journal.search(me, "fraser", bold)[0].snippet == "<b>Fraser</b> guidelines");
    for (const char* odd : {"\"", "NEAR(", "a OR", "-", "*", "gillick\"", "title:x", "", "   "})
        CHECK_NOTHROW(w.journal.search(me, odd));
    CHECK(w.journal.search(me, "gillick\"").size() == 4);
    CHECK(w.journal.search(me, "").empty());
    // Diacritics are folded: "Gillíck" finds "Gillick".
    CHECK(w.journal.search(me, "Gillíck").size() == 4);
    SearchOptions two;
    two.limit = 2;
    CHECK(w.journal.search(me, "gillick", two).size() == 2);
}

TEST_CASE("two letters of one word list the newest matching notes first, the profile's only",
          "[journal][search]") {
    Ward w;
    const auto& me = w.trainee.id;
    // The oldest note matches best (the word three times, in its title); two letters typed
    // are too few to rank by, so the newest come first, up to the limit.
    auto oldest = w.journal.add_note(me, draft("Neglect", "neglect, neglect"));
    auto middle = w.journal.add_note(me, draft("Ward round", "a nebulous plan"));
    w.journal.add_note(w.other.id, draft("Newest of all", "never mine"));
    auto newest = w.journal.add_note(me, draft("Clinic", "the next visit"));
    w.journal.add_note(me, draft("Unrelated", "nothing to see")); // "no", not "ne"
    w.journal.trash_note(me, w.journal.add_note(me, draft("Binned", "nearly gone")).id);

    CHECK(ids_of(w.journal.search(me, "ne")) ==
          std::vector<std::string>{newest.id, middle.id, oldest.id});
    SearchOptions two;
    two.limit = 2;
    CHECK(ids_of(w.journal.search(me, "ne", two)) ==
          std::vector<std::string>{newest.id, middle.id});
    // From the third letter on, or with a second word, the best match leads again.
    CHECK(ids_of(w.journal.search(me, "neg")) == std::vector<std::string>{oldest.id});
    CHECK(w.journal.search(me, "neglect ne").front().id == oldest.id);
    // Another profile's newer note is never among them.
    CHECK(w.journal.search(w.other.id, "ne").size() == 1);
}

TEST_CASE("case text is indexed from the library and rebuilt only when it changed",
          "[journal][search]") {
    Ward w;
    Library lib = Library::load(test::assets_dir);
    REQUIRE_FALSE(lib.cases().empty());
    CHECK(w.journal.index_cases(lib));
    CHECK_FALSE(w.journal.index_cases(lib)); // unchanged: nothing to do
    const Case& first = lib.cases()[0];
    auto hits = w.journal.search(w.trainee.id, first.title, {5, false, false, true, "[", "]"});
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].kind == SearchKind::case_text);
    CHECK(hits[0].id == first.id);
    CHECK(hits[0].snippet.find('\n') == std::string::npos);
    // Case text is shared: every profile finds it.
    CHECK(w.journal.search(w.other.id, first.title, {5, false, false, true, "[", "]"})[0].id ==
          first.id);
    // Notes come before case text.
    auto n = w.journal.add_note(w.trainee.id, draft(first.title, "my note on it"));
    auto mixed = w.journal.search(w.trainee.id, first.title);
    REQUIRE(mixed.size() >= 2);
    CHECK(mixed[0].id == n.id);

    Library fixture = Library::load_files({test::fixtures_dir / "good-case.json"}, lib.guidance());
    CHECK(w.journal.index_cases(fixture));
    CHECK(w.journal.search(w.trainee.id, first.title, {5, false, false, true, "[", "]"}).empty() ==
          (first.id != "good-case"));
}

TEST_CASE("Markdown export of a session and of a profile, with identifiers listed",
          "[journal][export]") {
    Ward w;
    auto s = w.journal.start_supervision(w.supervisor.id, w.trainee.id, "good-case");
    w.journal.save_supervision(w.trainee.id, s.id,
                               {"good-case",
                                "",
                                "Talked it through.",
                                {{"Read the procedure", "2026-03-15"}},
                                "I learned a lot."});
    w.journal.sign_supervision(w.supervisor.id, s.id, {"", true});
    w.journal.sign_supervision(w.trainee.id, s.id, {"", true});
    w.journal.add_supervision_addendum(w.supervisor.id, s.id, "Procedure read.");

    auto md = w.journal.supervision_markdown(w.trainee.id, s.id);
    CHECK(md.text.rfind("# Supervision session, 2026-03-01\n", 0) == 0);
    for (const char* part :
         {"- **Supervisor:** Dr Asha Patel (supervisor, Doctor, England)", "- **Trainee:** Sam",
          "## Discussion\n\nTalked it through.", "1. Read the procedure (due 2026-03-15)",
          "## Trainee's reflection\n\nI learned a lot.",
          "- Supervisor: signed 2026-03-01 09:00 UTC",
          "Signed off by both: this record is read-only.", "## Addenda",
          "### 2026-03-01 09:00 UTC, by Dr Asha Patel\n\nProcedure read."})
        CHECK(md.text.find(part) != std::string::npos);
    CHECK(md.identifiers.empty());

    w.journal.add_note(
        w.trainee.id,
        draft("Follow-up", "Patient NHS number 943 476 5919, lives at SW1A 1AA.", {"follow-up"}));
    auto trashed = w.journal.add_note(w.trainee.id, draft("Gone", "in the trash"));
    w.journal.trash_note(w.trainee.id, trashed.id);
    auto all = w.journal.export_markdown(w.trainee.id);
    CHECK(all.text.rfind("# Casebook: notes and supervision of Sam Okafor\n", 0) == 0);
    CHECK(all.text.find("### Follow-up") != std::string::npos);
    CHECK(all.text.find("tags: follow-up") != std::string::npos);
    CHECK(all.text.find("### Supervision session, 2026-03-01") != std::string::npos);
    CHECK(all.text.find("#### Discussion") != std::string::npos);
    CHECK(all.text.find("in the trash") == std::string::npos);
    const auto kinds = all.kinds();
    CHECK(std::find(kinds.begin(), kinds.end(), IdentifierKind::nhs_number) != kinds.end());
    CHECK(std::find(kinds.begin(), kinds.end(), IdentifierKind::postcode) != kinds.end());
    // Only what people wrote is checked (the export's own dates are not flagged), and the
    // offsets point into the document.
    REQUIRE(all.identifiers.size() == 2);
    CHECK(all.text.substr(all.identifiers[0].begin,
                          all.identifiers[0].end - all.identifiers[0].begin) == "943 476 5919");
    CHECK(all.text.substr(all.identifiers[1].begin,
                          all.identifiers[1].end - all.identifiers[1].begin) == "SW1A 1AA");
}
