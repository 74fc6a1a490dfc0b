#include <catch2/catch.hpp>

#include "core/install/lock_selection.h"

using namespace pindex;
using namespace pindex::install;

namespace {

InterpreterInfo linuxPython311()
{
    auto info = parseInterpreterReport(
        "executable=/usr/bin/python3\nprefix=/usr\nbase_prefix=/usr\nimplementation_name=cpython\n"
        "implementation_version=3.11.2\nos_name=posix\nplatform_machine=x86_64\n"
        "platform_python_implementation=CPython\nplatform_release=6.1.0\nplatform_system=Linux\n"
        "platform_version=#1 SMP\npython_full_version=3.11.2\npython_version=3.11\nsys_platform=linux\n"
        "sysconfig_platform=linux-x86_64\nsoabi=cpython-311-x86_64-linux-gnu\npy_debug=0\ngil_disabled=0\n"
        "libc=glibc 2.36\n",
        "/usr/bin/python3");
    REQUIRE(info);
    return *info;
}

lock::LockedFile file(std::string name, std::string sha256 = {})
{
    lock::LockedFile locked;
    locked.name = std::move(name);
    if (!sha256.empty())
        locked.hashes["sha256"] = std::move(sha256);
    return locked;
}

} // namespace

TEST_CASE("The lock selection keeps entries whose markers hold and picks the best wheel", "[install]")
{
    lock::LockSnapshot snapshot;
    snapshot.rootRequirements = {"Requests>=2"};
    lock::LockedPackage requests;
    requests.name = "Requests";
    requests.version = "2.31.0";
    requests.wheels = {file("requests-2.31.0-py3-none-any.whl", "aa"),
                       file("requests-2.31.0-cp311-cp311-manylinux_2_17_x86_64.whl", "bb")};
    lock::LockedPackage windowsOnly;
    windowsOnly.name = "pywin32";
    windowsOnly.version = "306";
    windowsOnly.marker = "sys_platform == \"win32\"";
    windowsOnly.wheels = {file("pywin32-306-cp311-cp311-win_amd64.whl", "cc")};
    lock::LockedPackage sdistOnly;
    sdistOnly.name = "needs-build";
    sdistOnly.version = "1.0";
    sdistOnly.sdist = file("needs-build-1.0.tar.gz", "dd");
    lock::LockedPackage wrongPlatform;
    wrongPlatform.name = "mac-only";
    wrongPlatform.version = "1.0";
    wrongPlatform.wheels = {file("mac_only-1.0-cp311-cp311-macosx_11_0_arm64.whl", "ee")};
    snapshot.packages = {requests, windowsOnly, sdistOnly, wrongPlatform};

    const auto selection = selectFromLock(snapshot, linuxPython311());
    REQUIRE(selection.packages.size() == 1);
    CHECK(selection.packages[0].target.name == "requests");
    CHECK(selection.packages[0].target.requested);
    CHECK(selection.packages[0].wheel.name == "requests-2.31.0-cp311-cp311-manylinux_2_17_x86_64.whl");
    CHECK(selection.packages[0].sha256 == "bb");
    REQUIRE(selection.problems.size() == 2);
    CHECK(selection.problems[0].code == ErrorCode::Unsupported);
    CHECK(selection.problems[0].message.find("needs-build 1.0") != std::string::npos);
    CHECK(selection.problems[1].code == ErrorCode::NotFound);
    CHECK(selection.problems[1].message.find("mac-only") != std::string::npos);
}
