#pragma once
// The PDF writer itself, built into the module libcasebook-pdf.so (pdf_module.cpp) and into the
// PDF tests; the app reaches it only through pdf_export.hpp.
#include "pdf_export.hpp"

namespace casebook::pdf {

// Lays `markdown` out on A4 pages with Cairo and Pango and writes it to `out` (through a
// temporary file, renamed at the end). Throws std::runtime_error naming the file on failure.
void render_markdown_pdf(const std::string& markdown, const std::filesystem::path& out,
                         const PdfOptions& options);

// The Pango markup for one line of the Markdown subset the exports use (**bold**, _italic_,
// `code`), with everything else escaped.
std::string inline_markup(const std::string& text);

} // namespace casebook::pdf
