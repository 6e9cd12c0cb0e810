#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace casebook::platform {

// Encodes 8-bit RGBA pixels (rows top to bottom, no padding) as a compressed PNG, with Debian's
// stb_image_write. Empty if it could not be encoded.
std::vector<std::uint8_t> encode_png(const std::uint8_t* rgba, int width, int height);

// Writes the PNG atomically; returns an empty string on success, else the reason.
std::string write_png(const std::filesystem::path& path, const std::uint8_t* rgba, int width,
                      int height);

} // namespace casebook::platform
