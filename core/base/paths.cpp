#include "casebook/base.hpp"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <sys/stat.h>

namespace casebook {

namespace {
std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string(v);
    return std::nullopt;
}
} // namespace

std::filesystem::path resolve_data_dir(const std::optional<std::string>& flag,
                                       const std::filesystem::path& platform_default) {
    std::filesystem::path dir = flag ? std::filesystem::path(*flag)
                                : env("CASEBOOK_DATA_DIR")
                                    ? std::filesystem::path(*env("CASEBOOK_DATA_DIR"))
                                    : platform_default;
    if (dir.empty())
        throw std::runtime_error("no data folder: set --data-dir or CASEBOOK_DATA_DIR");
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) {
        // The folder holds every profile's notes: only its owner may list or open it (0700),
        // whatever the umask. Folders above it are made as usual.
        if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
        ec.clear();
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
            ec = std::error_code(errno, std::generic_category());
    }
    if (ec || !std::filesystem::is_directory(dir))
        throw std::runtime_error("cannot use data folder " + dir.string() + ": " +
                                 (ec ? ec.message() : "not a folder"));
    return dir;
}

std::filesystem::path resolve_assets_dir(const std::optional<std::string>& flag,
                                         const std::filesystem::path& built_in) {
    if (flag) return *flag;
    if (auto e = env("CASEBOOK_ASSETS_DIR")) return *e;
    return built_in;
}

} // namespace casebook
