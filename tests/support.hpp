#pragma once
// Helpers shared by the tests: temporary folders, running the real executable, fixtures.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace test {

inline const std::filesystem::path source_dir = CASEBOOK_SOURCE_DIR;
inline const std::filesystem::path assets_dir = source_dir / "assets";
inline const std::filesystem::path fixtures_dir = source_dir / "tests" / "fixtures";

// A fresh folder under the system temp folder, removed when the test ends.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("casebook-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void spit(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs a shell command line, capturing stdout and stderr.
inline ProcessResult run(const std::string& command) {
    TempDir scratch;
    const auto out_file = scratch / "out";
    const auto err_file = scratch / "err";
    const std::string full = command + " >" + out_file.string() + " 2>" + err_file.string();
    const int status = std::system(full.c_str());
    ProcessResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out_file);
    r.err = slurp(err_file);
    return r;
}

inline std::string quote(const std::filesystem::path& p) {
    return "'" + p.string() + "'";
}

} // namespace test
