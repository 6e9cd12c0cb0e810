#include "casebook/files.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
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

std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error,
                                     std::size_t max_bytes) {
    // O_NONBLOCK: opening a FIFO nobody writes to must not wait for a writer.
    Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) {
        const int code = errno;
        error = code == ENOENT ? "no such file" : "cannot be opened: " + errno_text(code);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        error = "cannot be examined: " + errno_text(errno);
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "is a folder, not a file";
        return std::nullopt;
    }
    const bool regular = S_ISREG(st.st_mode);
    const auto too_large = [&] {
        error = "is larger than the " + std::to_string(max_bytes) + " bytes allowed here";
    };
    if (regular && static_cast<unsigned long long>(st.st_size) > max_bytes) {
        too_large();
        return std::nullopt;
    }
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + pipe_patience;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n > 0) {
            if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
                too_large();
                return std::nullopt;
            }
            out.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (n == 0) break;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd p{fd.get(), POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0) {
                error = "is a pipe or device that sent nothing more for " +
                        std::to_string(pipe_patience.count()) + " s; give a regular file";
                return std::nullopt;
            }
            continue;
        }
        error = "could not be read to the end: " + errno_text(errno);
        return std::nullopt;
    }
    return out;
}

std::string write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
    // mkstemp makes a new name with O_CREAT | O_EXCL and mode 0600: a planted link is never
    // followed and the file is private from its first byte.
    std::string tmp = path.string() + ".tmp-XXXXXX";
    Fd fd(::mkstemp(tmp.data()));
    if (fd.get() < 0)
        return "cannot create a temporary file beside " + path.string() + ": " + errno_text(errno);
    const auto fail = [&](const std::string& what, int code) {
        ::close(fd.release());
        ::unlink(tmp.c_str());
        return what + " " + path.string() + ": " + errno_text(code);
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("cannot write", errno);
        }
        done += static_cast<std::size_t>(n);
    }
    // On disk before the rename makes it visible, so a crash leaves the old file or the new one.
    if (::fsync(fd.get()) != 0) return fail("cannot flush", errno);
    if (::close(fd.release()) != 0) {
        const int code = errno;
        ::unlink(tmp.c_str());
        return "cannot write " + path.string() + ": " + errno_text(code);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int code = errno;
        ::unlink(tmp.c_str());
        return "cannot replace " + path.string() + ": " + errno_text(code);
    }
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

} // namespace casebook
