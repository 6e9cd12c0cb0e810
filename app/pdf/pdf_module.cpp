// The entry point of libcasebook-pdf.so, which pdf_export.cpp loads with dlopen. A C function, so
// no C++ types cross between the app and the module.
#include "pdf_render.hpp"

#include <cstdio>
#include <exception>

extern "C" __attribute__((visibility("default"))) int
casebook_write_markdown_pdf(const char* markdown, const char* out, const char* title,
                            const char* font, char* error, unsigned long error_size) {
    try {
        casebook::pdf::render_markdown_pdf(markdown, out, {title, font});
        return 0;
    } catch (const std::exception& e) {
        std::snprintf(error, error_size, "%s", e.what());
        return 1;
    }
}
