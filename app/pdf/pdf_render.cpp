#include "pdf_render.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <memory>
#include <pango/pangocairo.h>
#include <stdexcept>
#include <vector>

namespace casebook::pdf {

namespace {

// A4 in points, with margins that leave room for a footer.
constexpr double page_width = 595.276;
constexpr double page_height = 841.89;
constexpr double margin = 56.0;
constexpr double footer_height = 28.0;
constexpr double body_width = page_width - 2 * margin;
constexpr double body_bottom = page_height - margin - footer_height;

enum class Kind { heading1, heading2, heading3, paragraph, bullet, rule };

struct Block {
    Kind kind;
    std::string markup;
};

std::string escape(const std::string& text) {
    std::unique_ptr<char, decltype(&g_free)> escaped(
        g_markup_escape_text(text.c_str(), static_cast<gssize>(text.size())), g_free);
    return escaped.get();
}

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

// Markdown blocks: headings, "- " list items, "---" rules, and paragraphs of consecutive lines.
std::vector<Block> parse(const std::string& markdown) {
    std::vector<Block> blocks;
    std::string paragraph;
    auto flush = [&] {
        if (!paragraph.empty()) blocks.push_back({Kind::paragraph, inline_markup(paragraph)});
        paragraph.clear();
    };
    std::size_t start = 0;
    while (start <= markdown.size()) {
        auto end = markdown.find('\n', start);
        if (end == std::string::npos) end = markdown.size();
        std::string line = markdown.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) {
            flush();
        } else if (starts_with(line, "### ") || starts_with(line, "#### ")) {
            flush();
            blocks.push_back({Kind::heading3, inline_markup(line.substr(line.find(' ') + 1))});
        } else if (starts_with(line, "## ")) {
            flush();
            blocks.push_back({Kind::heading2, inline_markup(line.substr(3))});
        } else if (starts_with(line, "# ")) {
            flush();
            blocks.push_back({Kind::heading1, inline_markup(line.substr(2))});
        } else if (starts_with(line, "- ") || starts_with(line, "* ")) {
            flush();
            blocks.push_back({Kind::bullet, inline_markup(line.substr(2))});
        } else if (line == "---" || line == "***") {
            flush();
            blocks.push_back({Kind::rule, {}});
        } else {
            if (!paragraph.empty()) paragraph += ' ';
            paragraph += line;
        }
        if (end == markdown.size()) break;
    }
    flush();
    return blocks;
}

struct Style {
    double size;
    bool bold;
    double space_before;
    double indent;
};

Style style_of(Kind kind) {
    switch (kind) {
    case Kind::heading1:
        return {17, true, 14, 0};
    case Kind::heading2:
        return {14, true, 12, 0};
    case Kind::heading3:
        return {12, true, 10, 0};
    case Kind::bullet:
        return {10.5, false, 3, 14};
    case Kind::rule:
        return {10.5, false, 8, 0};
    case Kind::paragraph:
        break;
    }
    return {10.5, false, 7, 0};
}

using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

Layout make_layout(cairo_t* cr, const PdfOptions& options, const Block& block) {
    const Style style = style_of(block.kind);
    Layout layout(pango_cairo_create_layout(cr), g_object_unref);
    PangoFontDescription* font = pango_font_description_from_string(options.font.c_str());
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    if (style.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(layout.get(),
                           static_cast<int>((body_width - style.indent) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_markup(layout.get(), block.markup.c_str(), -1);
    return layout;
}

void footer(cairo_t* cr, const PdfOptions& options, int page, int pages) {
    Block block{Kind::paragraph, escape(options.title) + "    Page " + std::to_string(page) +
                                     " of " + std::to_string(pages)};
    Layout layout = make_layout(cr, options, block);
    PangoFontDescription* font = pango_font_description_from_string(options.font.c_str());
    pango_font_description_set_absolute_size(font, 8.5 * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_move_to(cr, margin, page_height - margin);
    pango_cairo_show_layout(cr, layout.get());
}

} // namespace

std::string inline_markup(const std::string& text) {
    // Escape first, then turn the Markdown marks (which escaping leaves alone) into tags.
    const std::string escaped = escape(text);
    std::string out;
    bool bold = false, italic = false, code = false;
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        const char c = escaped[i];
        if (!code && c == '*' && i + 1 < escaped.size() && escaped[i + 1] == '*') {
            out += bold ? "</b>" : "<b>";
            bold = !bold;
            ++i;
        } else if (!code && c == '_' && (italic || i == 0 || escaped[i - 1] == ' ') &&
                   (italic || escaped.find('_', i + 1) != std::string::npos)) {
            out += italic ? "</i>" : "<i>";
            italic = !italic;
        } else if (c == '`') {
            out += code ? "</tt>" : "<tt>";
            code = !code;
        } else {
            out += c;
        }
    }
    // Close whatever a stray mark opened, so the markup stays valid.
    if (code) out += "</tt>";
    if (italic) out += "</i>";
    if (bold) out += "</b>";
    return out;
}

void render_markdown_pdf(const std::string& markdown, const std::filesystem::path& out,
                         const PdfOptions& options) {
    const auto blocks = parse(markdown);
    // Write to a temporary name, then rename: a failed export never leaves half a file.
    const auto partial = out.string() + ".partial";
    cairo_surface_t* surface = cairo_pdf_surface_create(partial.c_str(), page_width, page_height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw std::runtime_error(out.string() + ": cannot write the PDF there");
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, options.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Casebook");
    cairo_t* cr = cairo_create(surface);

    // First pass: which page each block starts on, so the footer can say "of M".
    std::vector<Layout> layouts;
    std::vector<std::pair<int, double>> placed; // page, y
    int page = 1;
    double y = margin;
    for (const auto& block : blocks) {
        layouts.push_back(make_layout(cr, options, block));
        int w = 0, h = 0;
        pango_layout_get_size(layouts.back().get(), &w, &h);
        const double height = block.kind == Kind::rule ? 1.0 : h / double(PANGO_SCALE);
        const Style style = style_of(block.kind);
        double top = y + (y > margin ? style.space_before : 0);
        // A heading keeps at least two lines of what follows on its page.
        const double keep = (block.kind == Kind::heading1 || block.kind == Kind::heading2 ||
                             block.kind == Kind::heading3)
                                ? 30.0
                                : 0.0;
        if (top + height + keep > body_bottom && y > margin) {
            ++page;
            top = margin;
        }
        placed.emplace_back(page, top);
        y = top + height;
    }
    const int pages = page;

    // Second pass: draw.
    int current = 1;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        while (placed[i].first > current) {
            footer(cr, options, current, pages);
            cairo_show_page(cr);
            ++current;
        }
        const Style style = style_of(blocks[i].kind);
        cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
        if (blocks[i].kind == Kind::rule) {
            cairo_set_line_width(cr, 0.6);
            cairo_move_to(cr, margin, placed[i].second);
            cairo_line_to(cr, page_width - margin, placed[i].second);
            cairo_stroke(cr);
            continue;
        }
        if (blocks[i].kind == Kind::bullet) {
            cairo_new_path(cr); // the dot starts its own path, not a line from the last text
            cairo_arc(cr, margin + 5, placed[i].second + style.size * 0.62, 1.8, 0, 6.2832);
            cairo_fill(cr);
        }
        cairo_move_to(cr, margin + style.indent, placed[i].second);
        pango_cairo_show_layout(cr, layouts[i].get());
    }
    footer(cr, options, current, pages);
    cairo_show_page(cr);
    layouts.clear();
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const auto status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    std::error_code ec;
    // An export holds a person's records: private to its owner, like the database.
    std::filesystem::permissions(
        partial, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
    if (status != CAIRO_STATUS_SUCCESS) {
        std::filesystem::remove(partial, ec);
        throw std::runtime_error(out.string() + ": the PDF could not be written (" +
                                 cairo_status_to_string(status) + ")");
    }
    std::filesystem::rename(partial, out, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        throw std::runtime_error(out.string() + ": " + ec.message());
    }
}

} // namespace casebook::pdf
