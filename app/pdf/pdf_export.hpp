#pragma once
// A Markdown export (a supervision session, a profile's notes, a decision record) laid out as an
// A4 PDF for an e-portfolio: headings, paragraphs, lists, bold and italic, the project's font
// embedded, and "Page N of M" at the foot of each page. The writer (Cairo and Pango,
// pdf_render.hpp) lives in a module, libcasebook-pdf.so, loaded the first time a PDF is asked
// for: the two dozen libraries under Pango then cost nothing at every start of the app or the
// CLI. The core does not depend on this module.
#include <filesystem>
#include <string>
#include <vector>

namespace casebook::pdf {

struct PdfOptions {
    std::string title; // the PDF's document title (its metadata) and the running footer
    std::string font = "DejaVu Sans";
};

// Writes `markdown` to `out` as a PDF. Throws std::runtime_error naming the file on failure,
// including when the module cannot be found or loaded (where it looked, and why).
void write_markdown_pdf(const std::string& markdown, const std::filesystem::path& out,
                        const PdfOptions& options);

// Where the module is looked for, in order: $CASEBOOK_PDF_MODULE if set; beside the executable
// (the build tree); the installed folder under the executable's prefix (on Debian
// /usr/lib/<architecture>/casebook/).
std::vector<std::filesystem::path> module_places();

} // namespace casebook::pdf
