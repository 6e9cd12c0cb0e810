#pragma once
// Temporary folders and files for the tests, and where the source tree's fixtures are.
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

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace test
