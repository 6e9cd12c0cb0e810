#include "png.hpp"

#include "casebook/base.hpp"

#include <cstdlib>
#include <cstring>
#include <zlib.h>

namespace {

// stb_image_write lays out the PNG; zlib's fastest level does the deflate, about ten times
// cheaper than stb's own compressor for a screen's worth of pixels.
unsigned char* zlib_compress(unsigned char* data, int size, int* out_size, int /*quality*/) {
    uLongf bound = compressBound(static_cast<uLong>(size));
    auto* out = static_cast<unsigned char*>(std::malloc(bound));
    if (!out) return nullptr;
    if (compress2(out, &bound, data, static_cast<uLong>(size), Z_BEST_SPEED) != Z_OK) {
        std::free(out);
        return nullptr;
    }
    *out_size = static_cast<int>(bound);
    return out;
}

} // namespace

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBIW_ZLIB_COMPRESS zlib_compress
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#include <stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace casebook::platform {

std::vector<std::uint8_t> encode_png(const std::uint8_t* rgba, int width, int height) {
    std::vector<std::uint8_t> png;
    const auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(context);
        const auto* bytes = static_cast<const std::uint8_t*>(data);
        out->insert(out->end(), bytes, bytes + size);
    };
    // Screens are flat colour and text: rows need no filter to compress well, and trying all
    // five filters per row would cost more than the deflate.
    stbi_write_force_png_filter = 0;
    if (!stbi_write_png_to_func(append, &png, width, height, 4, rgba, width * 4)) png.clear();
    return png;
}

std::string write_png(const std::filesystem::path& path, const std::uint8_t* rgba, int width,
                      int height) {
    const auto png = encode_png(rgba, width, height);
    if (png.empty()) return path.string() + ": the image could not be encoded as PNG";
    try {
        write_file(path, {reinterpret_cast<const char*>(png.data()), png.size()});
        return {};
    } catch (const FileError& e) {
        return e.what();
    }
}

} // namespace casebook::platform
