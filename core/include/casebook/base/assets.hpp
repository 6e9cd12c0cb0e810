#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace casebook {

// Where the bundled assets (cases, guidance, fonts) come from, by relative path such as
// "cases/x.json". On a desktop that is a folder; on a phone or tablet it is the app package,
// read through SDL by platform/. The core only ever sees bytes.
class AssetSource {
  public:
    virtual ~AssetSource() = default;
    // The whole file. Throws FileError (casebook/base/files.hpp) with the reason if it cannot.
    virtual std::string read(const std::string& path) const = 0;
    // Relative paths of the files in `folder` ending in `extension`, sorted.
    virtual std::vector<std::string> list(const std::string& folder,
                                          const std::string& extension) const = 0;
    // How to name `path` in a message (a full file path where there is one).
    virtual std::string where(const std::string& path) const = 0;
};

// Assets in a folder, read with the standard library.
class FolderAssets : public AssetSource {
  public:
    explicit FolderAssets(std::filesystem::path root) : root_(std::move(root)) {}
    std::string read(const std::string& path) const override;
    std::vector<std::string> list(const std::string& folder,
                                  const std::string& extension) const override;
    std::string where(const std::string& path) const override;
    const std::filesystem::path& root() const { return root_; }

  protected:
    std::filesystem::path root_;
};

} // namespace casebook
