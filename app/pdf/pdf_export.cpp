#include "pdf_export.hpp"

#include <cstdlib>
#include <dlfcn.h>
#include <stdexcept>

namespace casebook::pdf {

namespace {

constexpr const char* module_name = "libcasebook-pdf.so";

// casebook_write_markdown_pdf in pdf_module.cpp.
using WriteFunction = int (*)(const char* markdown, const char* out, const char* title,
                              const char* font, char* error, unsigned long error_size);

struct Module {
    WriteFunction write = nullptr;
    std::string failure; // why it could not be loaded
};

// Loaded once, on the first PDF, and kept for the life of the process.
Module load_module() {
    Module m;
    std::string tried;
    for (const auto& place : module_places()) {
        void* handle = dlopen(place.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            tried += "\n  " + place.string() + ": " + dlerror();
            continue;
        }
        m.write = reinterpret_cast<WriteFunction>(dlsym(handle, "casebook_write_markdown_pdf"));
        if (m.write) return m;
        tried += "\n  " + place.string() + ": no casebook_write_markdown_pdf in it";
        dlclose(handle);
    }
    m.failure = std::string("PDF export needs ") + module_name + ", which was not found:" + tried;
    return m;
}

} // namespace

std::vector<std::filesystem::path> module_places() {
    std::vector<std::filesystem::path> places;
    if (const char* env = std::getenv("CASEBOOK_PDF_MODULE"); env && *env) places.emplace_back(env);
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        places.push_back(exe.parent_path() / module_name);
        places.push_back(exe.parent_path().parent_path() / CASEBOOK_PDF_MODULE_DIR / module_name);
    }
    return places;
}

void write_markdown_pdf(const std::string& markdown, const std::filesystem::path& out,
                        const PdfOptions& options) {
    static const Module module = load_module();
    if (!module.write)
        throw std::runtime_error("cannot write " + out.string() + ": " + module.failure);
    char error[2048] = "";
    if (module.write(markdown.c_str(), out.c_str(), options.title.c_str(), options.font.c_str(),
                     error, sizeof error) != 0)
        throw std::runtime_error(error);
}

} // namespace casebook::pdf
