// The one file reader and writer: every failure names the file and the reason; a replaced file
// is never seen half-written; a new file never replaces one that is there.
#include "casebook/base.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sys/stat.h>

using namespace casebook;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

// The names in a folder that are the writer's temporary files.
int temporary_files(const fs::path& folder) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(folder))
        n += e.path().filename().string().rfind(".casebook-", 0) == 0;
    return n;
}

} // namespace

TEST_CASE("write_file replaces a file whole, private to its owner, leaving no temporary file",
          "[files]") {
    test::TempDir dir;
    const auto file = dir / "record.md";
    write_file(file, "first");
    CHECK(read_file(file) == "first");
    write_file(file, "second, longer");
    CHECK(read_file(file) == "second, longer");
    CHECK(mode_of(file) == 0600);
    CHECK(temporary_files(dir.path()) == 0);
}

TEST_CASE("write_file create_new never replaces a file that is there", "[files]") {
    test::TempDir dir;
    const auto file = dir / "segment";
    write_file(file, "mine", WriteMode::create_new);
    try {
        write_file(file, "another", WriteMode::create_new);
        FAIL("an existing file was replaced");
    } catch (const FileError& e) {
        CHECK(e.path() == file);
        CHECK(std::string(e.what()) == file.string() + " already exists: not replaced");
    }
    CHECK(read_file(file) == "mine");
    CHECK(temporary_files(dir.path()) == 0);
}

TEST_CASE("a write that fails names the file and the reason, and leaves nothing", "[files]") {
    test::TempDir dir;
    const auto file = dir / "no-such-folder" / "record.md";
    for (auto mode : {WriteMode::replace, WriteMode::create_new}) {
        try {
            write_file(file, "text", mode);
            FAIL("written into a folder that is not there");
        } catch (const FileError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains(file.string()));
            CHECK_THAT(std::string(e.what()), Catch::Contains("No such file or directory"));
            CHECK(e.reason() == "No such file or directory");
        }
    }
    CHECK(temporary_files(dir.path()) == 0);
}

TEST_CASE("read_file names the file and the reason", "[files]") {
    test::TempDir dir;
    try {
        read_file(dir / "missing.json");
        FAIL("read a missing file");
    } catch (const FileError& e) {
        CHECK(e.reason() == "no such file");
        CHECK(std::string(e.what()) == (dir / "missing.json").string() + ": no such file");
    }
    CHECK_THROWS_WITH(read_file(dir.path()), Catch::Contains("is a folder, not a file"));
    test::spit(dir / "big", std::string(100, 'x'));
    CHECK_THROWS_WITH(read_file(dir / "big", 10),
                      Catch::Contains("is larger than the 10 bytes allowed here"));
    CHECK(read_file(dir / "big", 100) == std::string(100, 'x'));
}

// The app's caches (the font atlas, the checked library) are written and read through these: a
// payload comes back only whole, of the same kind, and never as an error.
TEST_CASE("a cache file gives back its payload only whole and of its own kind", "[files]") {
    test::TempDir dir;
    const auto file = dir / "deeper" / "cache.bin"; // the folder is made
    const std::string payload = std::string("some \0 bytes", 12) + std::string(1000, 'x');
    REQUIRE(write_cache_file(file, "TESTKIND", payload));
    CHECK(read_cache_file(file, "TESTKIND") == payload);
    CHECK_FALSE(read_cache_file(file, "OTHERKND")); // another kind or format
    CHECK_FALSE(read_cache_file(dir / "missing.bin", "TESTKIND"));
    std::string bytes = test::slurp(file);
    for (const std::size_t at :
         {std::size_t{3}, std::size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
        std::string damaged = bytes;
        damaged[at] ^= 0x01;
        test::spit(file, damaged);
        CHECK_FALSE(read_cache_file(file, "TESTKIND"));
    }
    for (const std::size_t keep :
         {std::size_t{0}, std::size_t{8}, std::size_t{16}, bytes.size() - 1}) {
        test::spit(file, bytes.substr(0, keep));
        CHECK_FALSE(read_cache_file(file, "TESTKIND"));
    }
    // An empty payload is a payload.
    REQUIRE(write_cache_file(file, "TESTKIND", ""));
    CHECK(read_cache_file(file, "TESTKIND") == std::string());
    // Where nothing can be written, nothing is thrown.
    test::spit(dir / "a-file", "not a folder");
    CHECK_FALSE(write_cache_file(dir / "a-file" / "cache.bin", "TESTKIND", payload));
}
