// The folder as the protocol sees it: which files it holds, each device's progress through them,
// and reading one without blocking.
#include "sync/replica.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sodium.h>
#include <tuple>

#ifdef _WIN32
#include <io.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace casebook {

namespace fs = std::filesystem;

bool SyncReport::damage() const {
    return std::any_of(skipped.begin(), skipped.end(),
                       [](const SyncProblem& p) { return p.damage(); });
}

const char* to_string(SkipReason reason) {
    switch (reason) {
    case SkipReason::damaged:
        return "damaged";
    case SkipReason::too_large:
        return "too large";
    case SkipReason::unreadable:
        return "unreadable";
    case SkipReason::newer_format:
        return "newer format";
    case SkipReason::other_group:
        return "other group";
    case SkipReason::debris:
        return "carrier debris";
    case SkipReason::not_sync_file:
        return "not a sync file";
    case SkipReason::wrong_passphrase:
        return "wrong passphrase";
    }
    return "damaged";
}

// ---- progress ------------------------------------------------------------------------------

void PeerProgress::add(std::uint64_t sequence) {
    if (has(sequence)) return;
    extra.insert(sequence);
    cover(upto);
}

void PeerProgress::cover(std::uint64_t sequence) {
    upto = std::max(upto, sequence);
    extra.erase(extra.begin(), extra.upper_bound(upto));
    while (!extra.empty() && *extra.begin() == upto + 1) {
        ++upto;
        extra.erase(extra.begin());
    }
}

std::string PeerProgress::str() const {
    std::string out = std::to_string(upto);
    char sep = ':';
    for (auto s : extra) {
        out += sep + std::to_string(s);
        sep = ',';
    }
    return out;
}

PeerProgress PeerProgress::parse(const std::string& text) {
    PeerProgress p;
    std::uint64_t n = 0;
    bool first = true, any = false;
    for (char c : text + ",") {
        if (c >= '0' && c <= '9') {
            n = n * 10 + static_cast<std::uint64_t>(c - '0');
            any = true;
            continue;
        }
        if (any) {
            if (first)
                p.upto = n;
            else
                p.extra.insert(n);
        }
        first = false;
        any = false;
        n = 0;
    }
    p.cover(p.upto);
    return p;
}

// ---- reading a file without blocking -------------------------------------------------------

namespace detail {

std::string read_regular_file(const fs::path& path, std::uint64_t max_bytes,
                              const std::string& name) {
    std::string out;
    auto fail = [&](std::string why) {
        return SyncError({name, SkipReason::unreadable, std::move(why)});
    };
#ifdef _WIN32
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw fail("not a regular file: not read");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw fail("cannot be opened");
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        out.append(buf, static_cast<std::size_t>(in.gcount()));
        if (out.size() > max_bytes) throw fail("too large: not read to the end");
    }
    return out;
#else
    // Non-blocking, so a FIFO (or a device) with that name never holds the sync up; only a
    // regular file is read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw fail(std::string("cannot be opened: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const char* what = S_ISDIR(st.st_mode)    ? "a folder"
                           : S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
                           : S_ISSOCK(st.st_mode) ? "a socket"
                                                  : "a device or other special file";
        ::close(fd);
        throw fail(std::string("is ") + what + ", not a regular file: not read");
    }
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int e = errno;
            ::close(fd);
            throw fail(std::string("could not be read to the end: ") + std::strerror(e));
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > max_bytes) {
            ::close(fd);
            throw fail("too large: more than " + std::to_string(max_bytes) + " bytes, not read");
        }
    }
    ::close(fd);
    return out;
#endif
}

} // namespace detail

// ---- the folder ----------------------------------------------------------------------------

namespace {

std::string lower(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool starts_with(const std::string& s, const std::string& head) {
    return s.rfind(head, 0) == 0;
}

// Files the operating system or a carrier puts in every folder; never worth a word.
bool is_noise(const std::string& name) {
    const auto l = lower(name);
    return l == ".ds_store" || l == "desktop.ini" || l == "thumbs.db" || starts_with(l, "._") ||
           l == ".stfolder" || l == ".stignore" || l == ".stversions" || l == ".dropbox" ||
           l == ".dropbox.attr" || l == "icon\r";
}

// A carrier's leftovers: the reason, or empty if the name is not one.
std::string debris_reason(const std::string& name) {
    const auto l = lower(name);
    if ((starts_with(l, ".syncthing.") && ends_with(l, ".tmp")) || starts_with(l, "~syncthing~"))
        return "a Syncthing transfer in progress (temporary file): ignored";
    if (l.find(".sync-conflict-") != std::string::npos)
        return "a Syncthing conflict copy: never applied (each device's own file is the one that "
               "counts)";
    if (l.find("conflicted copy") != std::string::npos ||
        l.find("conflicting copy") != std::string::npos)
        return "a cloud folder's conflicted copy: never applied";
    if (starts_with(l, ".casebook-") && ends_with(l, ".tmp"))
        return "a file still being written (or left by an interrupted write): ignored";
    for (const char* tail : {".tmp", ".part", ".partial", ".crdownload", ".download", ".temp", "~"})
        if (ends_with(l, tail)) return "a partial or temporary file: ignored";
    if (starts_with(l, "~$") || starts_with(l, ".~")) return "a temporary file: ignored";
    return {};
}

} // namespace

FolderListing list_folder(const fs::path& folder) {
    FolderListing out;
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec)
        throw SyncError({folder.string(), SkipReason::unreadable,
                         "cannot list the sync folder: " + ec.message()});
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec)
            throw SyncError({folder.string(), SkipReason::unreadable,
                             "cannot list the sync folder: " + ec.message()});
        const std::string name = it->path().filename().string();
        std::error_code type_ec;
        if (is_noise(name)) continue;
        if (it->is_directory(type_ec)) {
            // A folder with the name of a sync file (or of the group file) is worth a word.
            if (name == group_file_name || SyncFileName::parse(name))
                out.skipped.push_back({name, SkipReason::unreadable,
                                       "is a folder, not a file, though it has the name of a "
                                       "sync file: not read"});
            continue;
        }
        if (name == group_file_name) {
            out.has_group_file = true;
            continue;
        }
        if (auto why = debris_reason(name); !why.empty()) {
            out.skipped.push_back({name, SkipReason::debris, why});
            continue;
        }
        auto what = SyncFileName::parse(name);
        if (!what || what->str() != name) {
            out.skipped.push_back(
                {name, SkipReason::not_sync_file, "not a Casebook sync file: left alone"});
            continue;
        }
        if (std::error_code st_ec; !it->is_regular_file(st_ec)) {
            out.skipped.push_back({name, SkipReason::unreadable,
                                   st_ec ? "cannot be read: " + st_ec.message()
                                         : std::string("is not a regular file (a FIFO, device "
                                                       "or socket): not read")});
            continue;
        }
        std::error_code size_ec;
        const auto size = it->file_size(size_ec);
        if (size_ec) {
            out.skipped.push_back(
                {name, SkipReason::unreadable, "cannot be read: " + size_ec.message()});
            continue;
        }
        out.files.push_back({name, *what, size});
    }
    std::sort(out.files.begin(), out.files.end(), [](const auto& a, const auto& b) {
        return std::tie(a.what.device, a.what.sequence, a.what.kind) <
               std::tie(b.what.device, b.what.sequence, b.what.kind);
    });
    std::sort(out.skipped.begin(), out.skipped.end(),
              [](const SyncProblem& a, const SyncProblem& b) { return a.file < b.file; });
    return out;
}

} // namespace casebook
