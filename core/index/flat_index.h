#pragma once

// Flat indexes (`format = "flat"`): a local directory of wheels and sdists, or an HTML page of
// links (pip's --find-links). There is no per-project page, so the whole listing is read once
// and filtered by the project name each file name carries.
//
// Invariants: files of a local directory get `file://` URLs and their sha256 computed from the
// bytes on disk; only names that look like distributions (.whl, .tar.gz, .zip) are listed.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/index/simple_api.h"
#include "core/standards/wheel_name.h"
#include "core/util/error.h"

namespace pindex::index {

// All distributions directly inside `directory` (not recursive), sorted by file name.
[[nodiscard]] Result<std::vector<DistributionFile>> listFlatDirectory(const std::filesystem::path& directory);

// The canonical project name and the version a distribution file name carries, through
// standards::parseWheelName and standards::parseSdistName ("Foo_Bar-1.0-py3-none-any.whl" and
// "foo.bar-1.0.tar.gz" give foo-bar 1.0). Legacy sdist archives (.tar.bz2, .tar.xz, .tgz, .tbz,
// .txz) are accepted like .tar.gz. nullopt for names that are not valid distribution names.
[[nodiscard]] std::optional<standards::SdistName> distributionNameOf(std::string_view filename);
// The same for the files of one page in order, reusing what `wheels` parsed of the release before.
[[nodiscard]] std::optional<standards::SdistName> distributionNameOf(std::string_view filename,
                                                                     standards::WheelNameReader& wheels);

// The canonical project name of a distribution file name (distributionNameOf(...).name).
[[nodiscard]] std::optional<std::string> projectNameOfFile(std::string_view filename);

// The files of one project (by canonical name) out of a flat listing.
[[nodiscard]] std::vector<DistributionFile> filesForProject(const std::vector<DistributionFile>& listing,
                                                            std::string_view canonicalName);

// "file:///abs/path" <-> path (percent-decoded); nullopt if not a file URL.
[[nodiscard]] std::optional<std::filesystem::path> pathOfFileUrl(std::string_view url);
[[nodiscard]] std::string fileUrlOf(const std::filesystem::path& path);

} // namespace pindex::index
