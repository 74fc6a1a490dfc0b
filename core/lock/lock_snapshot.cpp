#include "core/lock/lock_snapshot.h"

#include "core/standards/name.h"

namespace pindex::lock {

std::string_view toString(LockFormat format)
{
    switch (format) {
    case LockFormat::Pylock: return "pylock.toml";
    case LockFormat::UvLock: return "uv.lock";
    case LockFormat::PoetryLock: return "poetry.lock";
    case LockFormat::Requirements: return "requirements.txt";
    }
    return "unknown";
}

std::string canonicalizePackageName(std::string_view name)
{
    return standards::canonicalizeName(name);
}

std::string LockedPackage::sourceDescription() const
{
    if (!index.empty())
        return index;
    if (vcs) {
        std::string text = vcs->type + "+" + (vcs->url.empty() ? vcs->path : vcs->url);
        if (!vcs->commitId.empty())
            text += "@" + vcs->commitId;
        return text;
    }
    if (directory)
        return "path:" + directory->path;
    if (archive)
        return archive->url.empty() ? "path:" + archive->path : archive->url;
    return {};
}

std::vector<const LockedFile*> LockedPackage::files() const
{
    std::vector<const LockedFile*> all;
    all.reserve(wheels.size() + 2);
    for (const auto& wheel : wheels)
        all.push_back(&wheel);
    if (sdist)
        all.push_back(&*sdist);
    if (archive)
        all.push_back(&*archive);
    return all;
}

bool LockedPackage::sameContent(const LockedPackage& other) const
{
    return name == other.name && version == other.version && marker == other.marker &&
           requiresPython == other.requiresPython && index == other.index && vcs == other.vcs &&
           directory == other.directory && archive == other.archive && sdist == other.sdist &&
           wheels == other.wheels && dependencies == other.dependencies &&
           attestationIdentities == other.attestationIdentities && yanked == other.yanked;
}

} // namespace pindex::lock
