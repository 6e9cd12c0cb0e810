// PDF export for e-portfolios: the Markdown subset becomes valid Pango markup, and a real export
// through the CLI is an A4 PDF whose text reads back (pdftotext) with its page numbers.
#include "pdf_export.hpp"
#include "pdf_render.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace casebook;

namespace {

// write_markdown_pdf loads the module as the app does; this test program does not sit beside it.
const bool module_found = setenv("CASEBOOK_PDF_MODULE", CASEBOOK_PDF_MODULE_PATH, 1) == 0;

} // namespace

TEST_CASE("the PDF writer is a module, looked for where the app is installed or built", "[pdf]") {
    REQUIRE(module_found);
    const auto places = pdf::module_places();
    REQUIRE(places.size() == 3);
    CHECK(places[0] == CASEBOOK_PDF_MODULE_PATH);
    CHECK(places[1].filename() == "libcasebook-pdf.so");
    CHECK(places[2].parent_path().filename() == "casebook"); // installed: .../lib/.../casebook/
    CHECK(places[2].string().find("/lib/") != std::string::npos);
}

TEST_CASE("Markdown marks become Pango markup and everything else is escaped", "[pdf]") {
    CHECK(pdf::inline_markup("**Supervisor:** Dr A & B <x>") ==
          "<b>Supervisor:</b> Dr A &amp; B &lt;x&gt;");
    CHECK(pdf::inline_markup("_None recorded._") == "<i>None recorded.</i>");
    CHECK(pdf::inline_markup("case `fgm-duty`") == "case <tt>fgm-duty</tt>");
    // A stray mark is closed, so the markup stays valid; a snake_case word is left alone.
    CHECK(pdf::inline_markup("**unfinished") == "<b>unfinished</b>");
    CHECK(pdf::inline_markup("record_id here") == "record_id here");
}

TEST_CASE("a PDF export is an A4 document whose words and page numbers read back", "[pdf]") {
    test::TempDir dir;
    const auto pdf_file = dir / "portfolio.pdf";
    std::string markdown = "# Supervision session, 2026-11-30\n\n- **Supervisor:** Dr Asha Patel\n"
                           "- **Trainee:** Sam Okafor\n\n## Discussion\n\n";
    for (int i = 0; i < 400; ++i)
        markdown += "We talked about consent and capacity, and about Zoë's café. ";
    markdown += "\n\n## Signed\n\nSigned by both, 2026-11-30 16:40.\n";
    pdf::write_markdown_pdf(markdown, pdf_file, {"Casebook: supervision session"});
    const std::string bytes = test::slurp(pdf_file);
    REQUIRE(bytes.rfind("%PDF-", 0) == 0);
    CHECK_FALSE(std::filesystem::exists(pdf_file.string() + ".partial"));

    const auto info = test::run("pdfinfo " + pdf_file.string());
    if (info.exit_code != 0) {
        WARN("pdfinfo is not installed (poppler-utils); the text was not read back");
        return;
    }
    CHECK(info.out.find("A4") != std::string::npos);
    const auto text = test::run("pdftotext -layout " + pdf_file.string() + " -");
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("Supervision session, 2026-11-30") != std::string::npos);
    CHECK(text.out.find("Supervisor: Dr Asha Patel") != std::string::npos);
    CHECK(text.out.find("Zoë's café") != std::string::npos);
    CHECK(text.out.find("Signed by both") != std::string::npos);
    const auto pages_at = info.out.find("Pages:");
    REQUIRE(pages_at != std::string::npos);
    const int pages = std::stoi(info.out.substr(pages_at + 6));
    CHECK(pages >= 2);
    for (int page = 1; page <= pages; ++page)
        CHECK(text.out.find("Page " + std::to_string(page) + " of " + std::to_string(pages)) !=
              std::string::npos);
    CHECK(text.out.find("**") == std::string::npos);
}

TEST_CASE("a PDF that cannot be written names the file and leaves nothing behind", "[pdf]") {
    test::TempDir dir;
    const auto missing = dir / "no-such-folder" / "out.pdf";
    CHECK_THROWS_WITH(pdf::write_markdown_pdf("# Title\n", missing, {"x"}),
                      Catch::Contains(missing.string()));
    CHECK_FALSE(std::filesystem::exists(missing));
}
