#pragma once
// A Markdown export (a supervision session, a profile's notes, a decision record) laid out as an
// A4 PDF for an e-portfolio: headings, paragraphs, lists, bold and italic, the project's font
// embedded, and "Page N of M" at the foot of each page. Cairo and Pango do the text layout; the
// core does not depend on this module.
#include <filesystem>
#include <string>

namespace casebook::pdf {

struct PdfOptions {
    std::string title; // the PDF's document title (its metadata) and the running footer
    std::string font = "DejaVu Sans";
};

// Writes `markdown` to `out` as a PDF. Throws std::runtime_error naming the file on failure.
void write_markdown_pdf(const std::string& markdown, const std::filesystem::path& out,
                        const PdfOptions& options);

// The Pango markup for one line of the Markdown subset the exports use (**bold**, _italic_,
// `code`), with everything else escaped. Exposed for tests.
std::string inline_markup(const std::string& text);

} // namespace casebook::pdf
