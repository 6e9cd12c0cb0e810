#pragma once
// Whole files, read and written one way everywhere: a failure is a FileError naming the file and
// the reason.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace casebook {

// A file that could not be read or written. what() is the whole message, naming the file;
// reason() is the reason alone, for a caller that words its own message around the path.
class FileError : public std::runtime_error {
  public:
    FileError(std::filesystem::path path, std::string reason, const std::string& message)
        : std::runtime_error(message), path_(std::move(path)), reason_(std::move(reason)) {}
    const std::filesystem::path& path() const noexcept { return path_; }
    const std::string& reason() const noexcept { return reason_; }

  private:
    std::filesystem::path path_;
    std::string reason_;
};

// The most read_file reads unless told otherwise: far above any case, answers or checklist file.
inline constexpr std::size_t default_read_limit = 64u << 20;

// Reads a whole file, at most `max_bytes` of it; throws FileError ("PATH: reason"). A pipe or
// device (a FIFO, /dev/zero, a terminal) is read without blocking for ever: it must deliver
// everything within a few seconds, and within the limit.
std::string read_file(const std::filesystem::path& path,
                      std::size_t max_bytes = default_read_limit);

enum class WriteMode {
    replace,    // an existing file is replaced in one step
    create_new, // an existing file is never replaced: FileError "already exists: not replaced"
};

// Writes through a temporary file in the same folder, so a reader never sees half a file: a fresh
// unique name (".casebook-XXXXXX.tmp", which sync's folder listing knows as an unfinished write),
// created exclusively with mode 0600 so a planted link is never followed; the bytes and then the
// folder are flushed to disk, so a crash leaves the old file or the new one. create_new puts the
// file in place with link(), which never replaces (a rename, after a check, where a folder cannot
// link). Throws FileError.
void write_file(const std::filesystem::path& path, std::string_view bytes,
                WriteMode mode = WriteMode::replace);

// A file the app can rebuild (a cache): `magic` (what it is, and its format's version), a
// checksum of the payload, then the payload. Written as write_file writes, its folder made if
// missing; a failure is not an error (the file is simply not there next time): returns whether
// it was written.
bool write_cache_file(const std::filesystem::path& path, std::string_view magic,
                      std::string_view payload);
// The payload of a cache file written with the same `magic`, or nothing when the file is
// missing, of another kind or format, or damaged (the checksum does not hold).
std::optional<std::string> read_cache_file(const std::filesystem::path& path,
                                           std::string_view magic);

} // namespace casebook
