// PKG-INFO out of source distributions (PEP 643): sdists generated here with Python's tarfile and
// zipfile, read directly and through a flat-index IndexClient.

#include <fstream>

#include <catch2/catch.hpp>

#include "core/index/flat_index.h"
#include "core/index/index_client.h"
#include "core/index/sdist_metadata.h"
#include "core/util/file_io.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::index;

namespace {

// Writes DIR/FILENAME: a .tar.gz, .zip or .tar.bz2 with `member` holding `pkgInfo` (and a setup.py).
std::filesystem::path makeSdist(const std::filesystem::path& dir, const std::string& filename,
                                const std::string& member, const std::string& pkgInfo)
{
    const auto path = dir / filename;
    std::ofstream(dir / "PKG-INFO.txt", std::ios::binary) << pkgInfo;
    const std::string script = R"(
import io, sys, tarfile, zipfile
path, member, source = sys.argv[1:4]
data = open(source, 'rb').read()
top = member.split('/')[0]
files = {top + '/setup.py': b'from setuptools import setup\nsetup()\n', member: data}
if path.endswith('.zip'):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            z.writestr(name, content)
else:
    mode = 'w:bz2' if path.endswith('.bz2') else 'w:gz'
    with tarfile.open(path, mode) as t:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            t.addfile(info, io.BytesIO(content))
)";
    const auto result = test::runProcess(
        {test::kPython.string(), "-c", script, path.string(), member, (dir / "PKG-INFO.txt").string()});
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    std::filesystem::remove(dir / "PKG-INFO.txt");
    return path;
}

std::string pkgInfo(const std::string& metadataVersion, const std::string& extra = {})
{
    return "Metadata-Version: " + metadataVersion +
           "\nName: demo\nVersion: 1.0\nRequires-Dist: requests>=2\nRequires-Dist: idna; extra == \"x\"\n"
           "Provides-Extra: x\n" +
           extra + "\nA description.\n";
}

Result<SdistMetadata> readSdist(const std::filesystem::path& path)
{
    auto bytes = readFile(path);
    REQUIRE(bytes);
    return readSdistMetadata(*bytes, path.filename().string());
}

} // namespace

TEST_CASE("an sdist's PKG-INFO is used when PEP 643 makes Requires-Dist final", "[index][sdist]")
{
    test::TempDir dir;
    const std::string suffix = GENERATE(".tar.gz", ".zip", ".tar.bz2");
    const std::string version = GENERATE("2.2", "2.4");
    CAPTURE(suffix, version);
    const auto sdist = makeSdist(dir.path(), "demo-1.0" + suffix, "demo-1.0/PKG-INFO",
                                 pkgInfo(version, "Dynamic: Classifier\n"));
    const auto read = readSdist(sdist);
    REQUIRE(read);
    REQUIRE(read->metadata);
    CHECK(read->metadata->find("Requires-Dist: requests>=2") != std::string::npos);
    CHECK(read->needsBuildReason.empty());
}

TEST_CASE("an sdist whose PKG-INFO cannot be trusted needs a build, as a reason", "[index][sdist]")
{
    test::TempDir dir;
    SECTION("Metadata-Version before 2.2")
    {
        const auto read =
            readSdist(makeSdist(dir.path(), "demo-1.0.tar.gz", "demo-1.0/PKG-INFO", pkgInfo("2.1")));
        REQUIRE(read);
        CHECK_FALSE(read->metadata);
        CHECK(read->needsBuildReason.find("Metadata-Version 2.1") != std::string::npos);
    }
    SECTION("Requires-Dist listed in Dynamic")
    {
        const auto read = readSdist(makeSdist(dir.path(), "demo-1.0.tar.gz", "demo-1.0/PKG-INFO",
                                              pkgInfo("2.2", "Dynamic: Requires-Dist\n")));
        REQUIRE(read);
        CHECK_FALSE(read->metadata);
        CHECK(read->needsBuildReason.find("Dynamic") != std::string::npos);
    }
    SECTION("no PKG-INFO at the top")
    {
        const auto read =
            readSdist(makeSdist(dir.path(), "demo-1.0.tar.gz", "demo-1.0/src/PKG-INFO", pkgInfo("2.2")));
        REQUIRE(read);
        CHECK_FALSE(read->metadata);
        CHECK(read->needsBuildReason.find("has no PKG-INFO") != std::string::npos);
    }
    SECTION("a PKG-INFO that does not parse")
    {
        const auto read = readSdist(makeSdist(dir.path(), "demo-1.0.tar.gz", "demo-1.0/PKG-INFO",
                                              "Metadata-Version: 2.2\nName: demo\nVersion: not a version\n"));
        REQUIRE(read);
        CHECK_FALSE(read->metadata);
        CHECK(read->needsBuildReason.find("PKG-INFO cannot be used") != std::string::npos);
    }
}

TEST_CASE("a corrupt sdist is an error naming the file, never a crash", "[index][sdist]")
{
    const std::string garbage = GENERATE(std::string(), std::string("not an archive at all"),
                                         std::string("\x1f\x8b\x08\x00garbage", 12));
    const auto read = readSdistMetadata(garbage, "demo-1.0.tar.gz");
    if (read) {
        CHECK_FALSE(read->metadata); // an empty archive: nothing to read
    } else {
        CHECK(read.error().message.find("demo-1.0.tar.gz") != std::string::npos);
    }
}

TEST_CASE("IndexClient reads an sdist-only version's metadata from PKG-INFO", "[index][sdist]")
{
    test::TempDir dir;
    const auto index = dir / "flat";
    std::filesystem::create_directories(index);
    makeSdist(index, "good-1.0.tar.gz", "good-1.0/PKG-INFO", pkgInfo("2.2"));
    makeSdist(index, "old-1.0.tar.gz", "old-1.0/PKG-INFO", pkgInfo("1.2"));
    HttpClient http;
    IndexClient client({.name = "local", .url = index.string(), .format = IndexFormat::Flat},
                       {.http = &http});

    const auto good = client.projectPage("good");
    REQUIRE(good);
    REQUIRE(*good);
    REQUIRE((*good)->files.size() == 1);
    const auto metadata = client.coreMetadata((*good)->files.front());
    REQUIRE(metadata);
    CHECK(metadata->find("Requires-Dist: requests>=2") != std::string::npos);

    const auto old = client.projectPage("old");
    REQUIRE(old);
    REQUIRE(*old);
    const auto reason = client.sdistMetadata((*old)->files.front());
    REQUIRE(reason);
    CHECK_FALSE(reason->metadata);
    CHECK(reason->needsBuildReason.find("Metadata-Version 1.2") != std::string::npos);
    const auto refused = client.coreMetadata((*old)->files.front());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Unsupported);
    CHECK(refused.error().message.find("old-1.0.tar.gz needs a build") != std::string::npos);
    CHECK(refused.error().indexName == "local");
}
