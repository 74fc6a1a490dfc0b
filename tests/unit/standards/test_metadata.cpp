#include <catch2/catch.hpp>

#include "core/standards/metadata.h"

using namespace pindex::standards;

namespace {

const char* const kMetadata = "Metadata-Version: 2.4\r\n"
                              "Name: Sample_Project\r\n"
                              "Version: 2.0.0rc1\r\n"
                              "Summary: A sample\r\n"
                              "Requires-Python: >=3.8, <4\r\n"
                              "License-Expression: MIT\r\n"
                              "Project-URL: Homepage, https://example.org\r\n"
                              "Classifier: Programming Language :: Python :: 3\r\n"
                              "Requires-Dist: requests>=2.0\r\n"
                              "Requires-Dist: pytest ; extra == 'Test_Suite'\r\n"
                              "Requires-Dist: numpy>=1.20;\r\n"
                              "  python_version >= '3.9'\r\n"
                              "Provides-Extra: Test_Suite\r\n"
                              "Dynamic: license\r\n"
                              "Keywords: sample,demo\r\n"
                              "\r\n"
                              "# Sample\r\n"
                              "The long description.\r\n";

} // namespace

TEST_CASE("parseCoreMetadata reads the fields that matter", "[standards][metadata]")
{
    const auto metadata = parseCoreMetadata(kMetadata);
    REQUIRE(metadata.has_value());
    CHECK(metadata->metadataVersion == "2.4");
    CHECK(metadata->name == "Sample_Project");
    CHECK(metadata->version.str() == "2.0.0rc1");
    CHECK(metadata->summary == "A sample");
    REQUIRE(metadata->requiresPython);
    CHECK(metadata->requiresPython->str() == "<4,>=3.8");
    REQUIRE(metadata->requiresDist.size() == 3);
    CHECK(metadata->requiresDist[0].str() == "requests>=2.0");
    CHECK(metadata->requiresDist[1].str() == "pytest; extra == \"test-suite\"");
    CHECK(metadata->requiresDist[2].str() == "numpy>=1.20; python_version >= \"3.9\"");
    CHECK(metadata->providesExtra == std::vector<std::string>{"test-suite"});
    CHECK(metadata->dynamic == std::vector<std::string>{"license"});
    CHECK(metadata->licenseExpression == "MIT");
    REQUIRE(metadata->projectUrls.size() == 1);
    CHECK(metadata->projectUrls[0].second == "https://example.org");
    CHECK(metadata->classifiers.size() == 1);
    REQUIRE(metadata->otherFields.size() == 1);
    CHECK(metadata->otherFields[0].first == "Keywords");
    CHECK(metadata->description == "# Sample\r\nThe long description.\r\n");
}

TEST_CASE("parseCoreMetadata reads old PKG-INFO with a folded description", "[standards][metadata]")
{
    const auto metadata = parseCoreMetadata("Metadata-Version: 1.0\n"
                                            "Name: old\n"
                                            "Version: 0.1\n"
                                            "Description: first line\n"
                                            "        second line\n");
    REQUIRE(metadata.has_value());
    CHECK(metadata->description == "first line\nsecond line");
    CHECK(metadata->requiresDist.empty());
    CHECK_FALSE(metadata->requiresPython);
}

TEST_CASE("parseCoreMetadata errors name the field and its line", "[standards][metadata]")
{
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"Name: a\nVersion: 1\n", "Missing Metadata-Version field"},
        {"Metadata-Version: 2.1\nVersion: 1\n", "Missing Name field"},
        {"Metadata-Version: 2.1\nName: a\n", "Missing Version field"},
        {"Metadata-Version: 3.0\nName: a\nVersion: 1\n", "Unsupported Metadata-Version '3.0'"},
        {"Metadata-Version: 2.1\nName: a b\nVersion: 1\n",
         "Invalid Name field: 'a b' is not a valid project name (line 2)"},
        {"Metadata-Version: 2.1\nName: a\nVersion: one\n", "Invalid Version field: Invalid version 'one'"},
        {"Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Dist: b >= \n",
         "Invalid Requires-Dist field: Invalid requirement 'b >='"},
        {"Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Python: 3\n",
         "Invalid Requires-Python field: Invalid specifier '3'"},
        {"Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Version\n",
         "Invalid Dynamic field: 'Version' cannot be dynamic"},
    }));
    CAPTURE(text);
    const auto metadata = parseCoreMetadata(text);
    REQUIRE_FALSE(metadata.has_value());
    CHECK_THAT(metadata.error().message, Catch::Contains(expected));
}

TEST_CASE("parseCoreMetadata puts the source name and line in the error location", "[standards][metadata]")
{
    const auto metadata =
        parseCoreMetadata("Metadata-Version: 2.1\nName: a\nVersion: x\n", "a-x.dist-info/METADATA");
    REQUIRE_FALSE(metadata.has_value());
    REQUIRE(metadata.error().location);
    CHECK(metadata.error().location->file == "a-x.dist-info/METADATA");
    CHECK(metadata.error().location->line == 3);
}
