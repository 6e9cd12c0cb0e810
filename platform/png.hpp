#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace casebook::platform {

// Encodes 8-bit RGBA pixels (rows top to bottom, no padding) as a PNG. Deflate runs in
// "stored" mode: files are larger than a compressor would make, but need no library.
std::vector<std::uint8_t> encode_png(const std::uint8_t* rgba, int width, int height);

// Writes the PNG atomically; returns an empty string on success, else the reason.
std::string write_png(const std::filesystem::path& path, const std::uint8_t* rgba, int width,
                      int height);

} // namespace casebook::platform
