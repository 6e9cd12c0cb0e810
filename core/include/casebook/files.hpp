#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace casebook {

// Reads a whole file; on failure returns nullopt and sets `error` to a readable reason.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);

// Writes through a temporary file in the same folder, flushed and renamed, so a reader never
// sees half a file. Returns an empty string on success, else the reason.
std::string write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

} // namespace casebook
