// The fuzz targets without libFuzzer: runs each target over its committed corpus (seeds and every
// input that once crashed it), so the suite keeps them as regression tests with any compiler.
// Usage: pindex-fuzz-replay-NAME DIR|FILE...; prints "N inputs replayed" and exits 0, or aborts
// on the input that violates a property (its path printed first).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_check.h"

namespace {

void collect(const std::filesystem::path& path, std::vector<std::filesystem::path>& files)
{
    if (std::filesystem::is_directory(path)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
            if (entry.is_regular_file())
                files.push_back(entry.path());
        }
    } else if (std::filesystem::is_regular_file(path)) {
        files.push_back(path);
    }
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i)
        collect(argv[i], files); // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::cerr << "no inputs to replay\n";
        return 1;
    }
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::cerr << "replaying " << file.string() << '\n';
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), // NOLINT
                               bytes.size());
    }
    std::cout << files.size() << " inputs replayed\n";
    return 0;
}
