#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace casebook {

// The most read_file reads unless told otherwise: far above any case, answers or checklist file.
inline constexpr std::size_t default_read_limit = 64u << 20;

// Reads a whole file, at most `max_bytes` of it; on failure returns nullopt and sets `error` to
// a readable reason. A pipe or device (a FIFO, /dev/zero, a terminal) is read without blocking
// for ever: it must deliver everything within a few seconds, and within the limit.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error,
                                     std::size_t max_bytes = default_read_limit);

// Writes through a temporary file in the same folder, flushed and renamed, so a reader never
// sees half a file. The temporary file gets a fresh unique name, created exclusively with mode
// 0600, so a symbolic link planted where it would go is never followed. Returns an empty string
// on success, else the reason.
std::string write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

} // namespace casebook
