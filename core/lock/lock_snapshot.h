#pragma once

// LockSnapshot: one lockfile read into memory, whatever its format (pylock.toml, uv.lock,
// poetry.lock, a hashed requirements.txt). The model carries everything a PEP 751 pylock.toml
// holds, so a resolution can be written as pylock.toml from it and a diff can compare any two
// formats.
//
// Invariants: `packages` keeps the order of the source file; one project may appear several times
// (one entry per version or per environment, as uv.lock and pylock.toml allow), each entry with its
// own marker; `LockedPackage::name` is the name as written and `canonicalName()` the PEP 503
// normalised form used for every comparison; URLs are stored as written (callers mask credentials
// before showing them).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pindex::lock {

enum class LockFormat : std::uint8_t {
    Pylock,       // PEP 751 pylock.toml
    UvLock,       // uv.lock, any revision
    PoetryLock,   // poetry.lock, lock-version 1.x and 2.x
    Requirements, // requirements.txt from pip-compile, `uv pip compile` or `uv export`
};

[[nodiscard]] std::string_view toString(LockFormat format);

// PEP 503 normalisation (standards::canonicalizeName), the key every comparison uses.
[[nodiscard]] std::string canonicalizePackageName(std::string_view name);

// An optional value kept on the heap, with the part of std::optional's interface the model's users
// need: for members most packages lack (a VCS, directory or archive source), so that each package
// carries one pointer for them instead of their full size. Copies are deep.
template <typename T>
class Boxed
{
public:
    Boxed() = default;
    Boxed(std::nullopt_t) {}
    Boxed(T value)
        : m_value(std::make_unique<T>(std::move(value)))
    {}
    Boxed(std::optional<T> value)
    {
        if (value)
            m_value = std::make_unique<T>(std::move(*value));
    }
    Boxed(const Boxed& other)
        : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr)
    {}
    Boxed(Boxed&&) noexcept = default;
    Boxed& operator=(const Boxed& other)
    {
        if (this != &other)
            m_value = other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
        return *this;
    }
    Boxed& operator=(Boxed&&) noexcept = default;
    Boxed& operator=(std::nullopt_t)
    {
        m_value.reset();
        return *this;
    }
    Boxed& operator=(T value)
    {
        m_value = std::make_unique<T>(std::move(value));
        return *this;
    }
    Boxed& operator=(std::optional<T> value)
    {
        m_value = value ? std::make_unique<T>(std::move(*value)) : nullptr;
        return *this;
    }

    [[nodiscard]] bool has_value() const { return m_value != nullptr; }
    explicit operator bool() const { return m_value != nullptr; }
    T& operator*() { return *m_value; }
    const T& operator*() const { return *m_value; }
    T* operator->() { return m_value.get(); }
    const T* operator->() const { return m_value.get(); }
    void reset() { m_value.reset(); }

    bool operator==(const Boxed& other) const
    {
        return m_value == nullptr ? other.m_value == nullptr
                                  : other.m_value != nullptr && *m_value == *other.m_value;
    }
    bool operator==(std::nullopt_t) const { return m_value == nullptr; }

private:
    std::unique_ptr<T> m_value;
};

// One distribution file (a wheel, an sdist or an archive). `hashes` maps algorithm to hex digest.
struct LockedFile
{
    std::string name; // file name; derived from the URL or path when the lock omits it
    std::string url;
    std::string path;
    std::optional<std::uint64_t> size;
    std::string uploadTime; // RFC 3339 text as written, empty when unknown
    std::map<std::string, std::string> hashes;

    bool operator==(const LockedFile&) const = default;
};

// A reference from a package to one of its dependencies (pylock's `dependencies` entries, uv's
// dependency tables, poetry's dependency constraints, pip-compile's "via" comments).
struct LockedDependency
{
    std::string name;
    std::string version; // exact version or constraint when the lock records one
    std::string marker;
    std::vector<std::string> extras;

    bool operator==(const LockedDependency&) const = default;
};

// A VCS checkout (pylock `[packages.vcs]`, uv `source = { git = ... }`).
struct VcsSource
{
    std::string type = "git";
    std::string url;
    std::string path;
    std::string requestedRevision;
    std::string commitId;
    std::string subdirectory;

    bool operator==(const VcsSource&) const = default;
};

// A local source tree (pylock `[packages.directory]`, uv editable/virtual/directory sources).
struct DirectorySource
{
    std::string path;
    bool editable = false;
    std::string subdirectory;

    bool operator==(const DirectorySource&) const = default;
};

struct LockedPackage
{
    std::string name;
    std::string version; // empty for source trees without a static version
    std::string marker;  // PEP 508 environment marker for this entry
    std::string requiresPython;
    std::string index; // the Simple API index URL the files come from
    // Most packages have none of these three: boxed, they cost a pointer each.
    Boxed<VcsSource> vcs;
    Boxed<DirectorySource> directory;
    Boxed<LockedFile> archive;
    std::optional<LockedFile> sdist;
    std::vector<LockedFile> wheels;
    std::vector<LockedDependency> dependencies;
    std::vector<std::map<std::string, std::string>> attestationIdentities;
    std::optional<bool> yanked; // when the source says so; unknown otherwise
    std::uint32_t line = 0;     // where the entry starts in the source file (0 when unknown)

    [[nodiscard]] std::string canonicalName() const { return canonicalizePackageName(name); }
    // One string naming where the package comes from: the index URL, "git+URL@commit",
    // "path:DIR" or the archive URL. Empty when the lock does not say.
    [[nodiscard]] std::string sourceDescription() const;
    // All files: wheels, then the sdist, then the archive.
    [[nodiscard]] std::vector<const LockedFile*> files() const;
    // True when both entries say the same, wherever they stand in their files (`line` aside).
    [[nodiscard]] bool sameContent(const LockedPackage& other) const;
};

struct LockSnapshot
{
    LockFormat format = LockFormat::Pylock;
    std::string sourceName;  // the file (or "file@rev") it was read from
    std::string lockVersion; // pylock lock-version, uv version.revision, poetry lock-version
    std::string createdBy;
    std::string requiresPython;
    std::vector<std::string> environments;
    std::vector<std::string> extras;
    std::vector<std::string> dependencyGroups;
    std::vector<std::string> defaultGroups;
    // Names of the packages the project asks for directly, when the format records them (uv's
    // project entry, pip-compile's "via -r" comments). Empty when unknown.
    std::vector<std::string> rootRequirements;
    std::vector<LockedPackage> packages;
};

} // namespace pindex::lock
