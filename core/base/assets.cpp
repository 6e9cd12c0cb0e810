#include "casebook/base.hpp"

#include <algorithm>

namespace casebook {

std::string FolderAssets::read(const std::string& path) const {
    return read_file(root_ / path);
}

std::vector<std::string> FolderAssets::list(const std::string& folder,
                                            const std::string& extension) const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(root_ / folder, ec))
        if (entry.path().extension() == extension)
            out.push_back((std::filesystem::path(folder) / entry.path().filename()).string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string FolderAssets::where(const std::string& path) const {
    return (root_ / path).string();
}

} // namespace casebook
