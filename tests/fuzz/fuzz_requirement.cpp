// PEP 508 requirements and markers: parsing never crashes; what parses prints to a string that
// parses back to the same value; evaluating a parsed marker never crashes.

#include "core/standards/marker.h"
#include "core/standards/requirement.h"
#include "tests/fuzz/fuzz_check.h"

using namespace pindex::standards;

namespace {

MarkerEnvironment linuxEnvironment()
{
    MarkerEnvironment environment;
    environment.implementationName = "cpython";
    environment.implementationVersion = "3.11.2";
    environment.osName = "posix";
    environment.platformMachine = "x86_64";
    environment.platformPythonImplementation = "CPython";
    environment.platformRelease = "6.1.0";
    environment.platformSystem = "Linux";
    environment.platformVersion = "#1 SMP";
    environment.pythonFullVersion = "3.11.2";
    environment.pythonVersion = "3.11";
    environment.sysPlatform = "linux";
    environment.extra = "";
    environment.extras = std::set<std::string>{"cli"};
    environment.dependencyGroups = std::set<std::string>{"dev"};
    return environment;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = pindex::fuzz::asText(data, size);
    if (const auto requirement = parseRequirement(text); requirement) {
        const auto printed = requirement->str();
        const auto again = parseRequirement(printed);
        PINDEX_FUZZ_CHECK(again.has_value(), printed);
        PINDEX_FUZZ_CHECK(*again == *requirement, printed);
    }
    if (const auto marker = Marker::parse(text); marker) {
        const auto printed = marker->str();
        const auto again = Marker::parse(printed);
        PINDEX_FUZZ_CHECK(again.has_value(), printed);
        PINDEX_FUZZ_CHECK(again->str() == printed, printed);
        static const MarkerEnvironment environment = linuxEnvironment();
        const auto first = marker->evaluate(environment);
        const auto second = again->evaluate(environment);
        PINDEX_FUZZ_CHECK(first.has_value() == second.has_value(), printed);
        if (first)
            PINDEX_FUZZ_CHECK(*first == *second, printed);
    }
    return 0;
}
