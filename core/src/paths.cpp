#include "casebook/paths.hpp"

#include <cstdlib>
#include <stdexcept>

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
    std::filesystem::create_directories(dir, ec);
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
