#include "casebook/base.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace casebook {

namespace {

// How long a pipe or device may take to deliver its contents.
constexpr auto pipe_patience = std::chrono::seconds(5);

std::string errno_text(int code) {
    return std::strerror(code);
}

[[noreturn]] void read_failed(const std::filesystem::path& path, std::string reason) {
    std::string message = path.string() + ": " + reason;
    throw FileError(path, std::move(reason), message);
}

[[noreturn]] void write_failed(const std::filesystem::path& path, const std::string& what,
                               int code) {
    throw FileError(path, errno_text(code), what + " " + path.string() + ": " + errno_text(code));
}

// Flushes a folder, so the rename or link just made in it reaches the disk too.
void flush_folder(const std::filesystem::path& folder) {
    if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

  private:
    int fd_;
};

} // namespace

std::string read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    // O_NONBLOCK: opening a FIFO nobody writes to must not wait for a writer.
    Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) {
        const int code = errno;
        read_failed(path,
                    code == ENOENT ? "no such file" : "cannot be opened: " + errno_text(code));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) read_failed(path, "cannot be examined: " + errno_text(errno));
    if (S_ISDIR(st.st_mode)) read_failed(path, "is a folder, not a file");
    const bool regular = S_ISREG(st.st_mode);
    const auto too_large = [&] {
        read_failed(path,
                    "is larger than the " + std::to_string(max_bytes) + " bytes allowed here");
    };
    if (regular && static_cast<unsigned long long>(st.st_size) > max_bytes) too_large();
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + pipe_patience;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n > 0) {
            if (out.size() + static_cast<std::size_t>(n) > max_bytes) too_large();
            out.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (n == 0) break;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd p{fd.get(), POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0)
                read_failed(path, "is a pipe or device that sent nothing more for " +
                                      std::to_string(pipe_patience.count()) +
                                      " s; give a regular file");
            continue;
        }
        read_failed(path, "could not be read to the end: " + errno_text(errno));
    }
    return out;
}

void write_file(const std::filesystem::path& path, std::string_view bytes, WriteMode mode) {
    namespace fs = std::filesystem;
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const auto exists = [&] {
        std::string reason = "already exists: not replaced";
        throw FileError(path, reason, path.string() + " " + reason);
    };
    std::error_code ec;
    if (mode == WriteMode::create_new && fs::exists(path, ec)) exists();
    // mkstemps makes a new name with O_CREAT | O_EXCL and mode 0600: a planted link is never
    // followed and the file is private from its first byte.
    std::string tmp = (folder / ".casebook-XXXXXX.tmp").string();
    Fd fd(::mkstemps(tmp.data(), 4));
    if (fd.get() < 0) write_failed(path, "cannot create a temporary file beside", errno);
    const auto fail = [&](const std::string& what, int code) {
        if (fd.get() >= 0) ::close(fd.release());
        ::unlink(tmp.c_str());
        write_failed(path, what, code);
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write", errno);
        }
        done += static_cast<std::size_t>(n);
    }
    // On disk before the name makes it visible, so a crash leaves the old file or the new one.
    if (::fsync(fd.get()) != 0) fail("cannot flush", errno);
    if (::close(fd.release()) != 0) fail("cannot write", errno);
    if (mode == WriteMode::replace) {
        if (::rename(tmp.c_str(), path.c_str()) != 0) fail("cannot replace", errno);
    } else if (::link(tmp.c_str(), path.c_str()) == 0) {
        ::unlink(tmp.c_str());
    } else if (errno == EEXIST) {
        ::unlink(tmp.c_str());
        exists();
    } else {
        // A folder that cannot hard-link (some network and FAT drives) gets a rename after the
        // check above.
        if (::rename(tmp.c_str(), path.c_str()) != 0) fail("cannot rename into", errno);
    }
    flush_folder(folder);
}

namespace {

// A checksum for spotting a damaged cache file (not a defence against someone who can write to
// the user's own folders).
std::uint64_t cache_checksum(std::string_view payload) {
    return std::hash<std::string_view>{}(payload);
}

} // namespace

bool write_cache_file(const std::filesystem::path& path, std::string_view magic,
                      std::string_view payload) {
    std::string bytes(magic);
    const std::uint64_t sum = cache_checksum(payload);
    bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    bytes += payload;
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    try {
        write_file(path, bytes);
        return true;
    } catch (const FileError&) {
        return false;
    }
}

std::optional<std::string> read_cache_file(const std::filesystem::path& path,
                                           std::string_view magic) {
    std::string bytes;
    try {
        bytes = read_file(path);
    } catch (const FileError&) {
        return std::nullopt;
    }
    const std::size_t header = magic.size() + sizeof(std::uint64_t);
    if (bytes.size() < header || std::string_view(bytes).substr(0, magic.size()) != magic)
        return std::nullopt;
    std::uint64_t sum = 0;
    std::memcpy(&sum, bytes.data() + magic.size(), sizeof sum);
    bytes.erase(0, header);
    if (sum != cache_checksum(bytes)) return std::nullopt;
    return bytes;
}

} // namespace casebook
