#include "core/standards/specifier.h"

#include <algorithm>

#include "core/standards/text.h"

namespace pindex::standards {

namespace {

Error specifierError(std::string_view text, std::string_view why)
{
    return makeError(ErrorCode::Parse, "Invalid specifier '" + std::string(text) + "': " + std::string(why));
}

// Version text of "==" and "!=" wildcards: v? (N!)? N(.N)* with nothing else.
bool isReleaseOnly(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return text::isDigit(c) || c == '.' || c == '!' || c == 'v' || c == 'V';
    });
}

// epoch!prefix[:-1].(last + 1).dev0: the smallest version after every version starting with prefix.
Version nextPrefixDev0(std::uint64_t epoch, std::span<const std::uint64_t> prefix)
{
    std::vector<std::uint64_t> release(prefix.begin(), prefix.end());
    release.back() += 1;
    return Version::fromParts(epoch, release, std::nullopt, std::nullopt, 0);
}

bool containsSpace(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text::spaceLengthAt(text, i) > 0)
            return true;
    }
    return false;
}

bool sameRelease(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b)
{
    const std::size_t count = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < count; ++i) {
        if ((i < a.size() ? a[i] : 0) != (i < b.size() ? b[i] : 0))
            return false;
    }
    return true;
}

} // namespace

Result<Specifier> Specifier::parse(std::string_view input)
{
    const std::string_view text = text::strip(input);
    Specifier specifier;
    std::size_t operatorLength = 2;
    if (text.starts_with("===")) {
        specifier.m_op = Operator::Arbitrary;
        operatorLength = 3;
    } else if (text.starts_with("~=")) {
        specifier.m_op = Operator::Compatible;
    } else if (text.starts_with("==")) {
        specifier.m_op = Operator::Equal;
    } else if (text.starts_with("!=")) {
        specifier.m_op = Operator::NotEqual;
    } else if (text.starts_with("<=")) {
        specifier.m_op = Operator::LessEqual;
    } else if (text.starts_with(">=")) {
        specifier.m_op = Operator::GreaterEqual;
    } else if (text.starts_with("<")) {
        specifier.m_op = Operator::Less;
        operatorLength = 1;
    } else if (text.starts_with(">")) {
        specifier.m_op = Operator::Greater;
        operatorLength = 1;
    } else {
        return std::unexpected(specifierError(input, "expected an operator (~=, ==, !=, <=, >=, <, >, ===)"));
    }
    const std::string_view versionText = text::strip(text.substr(operatorLength));
    specifier.m_text = std::string(versionText);

    if (specifier.m_op == Operator::Arbitrary) {
        if (containsSpace(versionText) || versionText.find_first_of(";)") != std::string_view::npos)
            return std::unexpected(
                specifierError(input, "the version after === cannot contain spaces, ';' or ')'"));
        if (auto parsed = Version::parse(versionText))
            specifier.m_version = std::move(*parsed);
        specifier.finish();
        return specifier;
    }

    const bool equality = specifier.m_op == Operator::Equal || specifier.m_op == Operator::NotEqual;
    if (equality && versionText.ends_with(".*")) {
        const std::string_view base = versionText.substr(0, versionText.size() - 2);
        auto parsed = isReleaseOnly(base) ? Version::parse(base) : Result<Version>(std::unexpected(Error{}));
        if (!parsed || parsed->pre() || parsed->post() || parsed->dev() || parsed->hasLocal())
            return std::unexpected(
                specifierError(input, "a wildcard must follow a release number (like ==1.2.*)"));
        specifier.m_wildcard = true;
        specifier.m_version = std::move(*parsed);
        specifier.m_bound = nextPrefixDev0(specifier.m_version->epoch(), specifier.m_version->release());
        specifier.finish();
        return specifier;
    }

    if (versionText.empty())
        return std::unexpected(specifierError(input, "expected a version after the operator"));
    auto parsed = Version::parse(versionText);
    if (!parsed)
        return std::unexpected(
            specifierError(input, "'" + std::string(versionText) + "' is not a valid version"));
    specifier.m_version = std::move(*parsed);
    const Version& version = *specifier.m_version;
    specifier.m_hasLocal = version.hasLocal();
    if (!equality && specifier.m_hasLocal)
        return std::unexpected(specifierError(input, "a local version label is only allowed with == and !="));

    switch (specifier.m_op) {
    case Operator::Compatible: {
        const auto release = version.release();
        if (release.size() < 2)
            return std::unexpected(
                specifierError(input, "~= needs a version with at least two release numbers"));
        specifier.m_bound = nextPrefixDev0(version.epoch(), release.first(release.size() - 1));
        break;
    }
    case Operator::Greater:
        if (version.dev())
            specifier.m_bound = Version::fromParts(version.epoch(), version.release(), version.pre(),
                                                   version.post(), *version.dev() + 1);
        else if (version.post())
            specifier.m_bound =
                Version::fromParts(version.epoch(), version.release(), version.pre(), *version.post() + 1, 0);
        break;
    case Operator::Less:
        if (!version.isPrerelease())
            specifier.m_bound =
                Version::fromParts(version.epoch(), version.release(), version.pre(), version.post(), 0);
        break;
    default: break;
    }
    specifier.finish();
    return specifier;
}

std::string_view Specifier::operatorText() const
{
    switch (m_op) {
    case Operator::Compatible: return "~=";
    case Operator::Equal: return "==";
    case Operator::NotEqual: return "!=";
    case Operator::LessEqual: return "<=";
    case Operator::GreaterEqual: return ">=";
    case Operator::Less: return "<";
    case Operator::Greater: return ">";
    case Operator::Arbitrary: return "===";
    }
    return "==";
}

void Specifier::finish()
{
    m_str = std::string(operatorText());
    m_str += m_text;
    m_canonicalKey = std::string(operatorText());
    m_canonicalKey += ' ';
    if (m_op == Operator::Arbitrary || m_wildcard || !m_version)
        m_canonicalKey += m_text;
    else if (m_op == Operator::Compatible)
        m_canonicalKey += m_version->str();
    else
        m_canonicalKey += m_version->strWithoutTrailingZeros();
}

bool Specifier::namesPrerelease() const
{
    if (m_op == Operator::NotEqual || m_wildcard || !m_version)
        return false;
    return m_version->isPrerelease();
}

bool Specifier::matches(const Version& candidate) const
{
    if (m_op == Operator::Arbitrary)
        return text::equalsIgnoreCase(candidate.str(), m_text);
    const Version& version = *m_version;
    switch (m_op) {
    case Operator::GreaterEqual: return candidate >= version;
    case Operator::LessEqual: return candidate.comparePublic(version) <= 0;
    case Operator::Less: return candidate < (m_bound ? *m_bound : version);
    case Operator::Greater: {
        if (m_bound)
            return candidate >= *m_bound;
        if (candidate <= version)
            return false;
        // Above V: excluded when it is V's post release or V with a local label.
        const bool family = candidate.epoch() == version.epoch() &&
                            sameRelease(candidate.release(), version.release()) &&
                            candidate.pre() == version.pre() && (!candidate.dev() || candidate.post());
        return !family;
    }
    case Operator::Compatible: return candidate >= version && candidate < *m_bound;
    case Operator::Equal:
    case Operator::NotEqual: {
        bool equal = false;
        if (m_wildcard) {
            const Version lower =
                Version::fromParts(version.epoch(), version.release(), std::nullopt, std::nullopt, 0);
            equal = candidate >= lower && candidate < *m_bound;
        } else if (m_hasLocal) {
            equal = candidate == version;
        } else {
            equal = candidate.comparePublic(version) == 0;
        }
        return m_op == Operator::Equal ? equal : !equal;
    }
    case Operator::Arbitrary: break;
    }
    return false;
}

bool Specifier::matchesText(std::string_view raw, const Version* parsed) const
{
    if (m_op == Operator::Arbitrary)
        return text::equalsIgnoreCase(raw, m_text);
    return parsed != nullptr && matches(*parsed);
}

Result<SpecifierSet> SpecifierSet::parse(std::string_view text)
{
    SpecifierSet set;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view part = text::strip(text.substr(start, end - start));
        if (!part.empty()) {
            auto specifier = Specifier::parse(part);
            if (!specifier)
                return std::unexpected(std::move(specifier.error()));
            set.m_specifiers.push_back(std::move(*specifier));
        }
        start = end + 1;
    }
    set.canonicalize();
    return set;
}

void SpecifierSet::canonicalize()
{
    std::stable_sort(m_specifiers.begin(), m_specifiers.end(),
                     [](const Specifier& a, const Specifier& b) { return a.str() < b.str(); });
    std::vector<Specifier> unique;
    unique.reserve(m_specifiers.size());
    for (auto& specifier : m_specifiers) {
        if (std::find(unique.begin(), unique.end(), specifier) == unique.end())
            unique.push_back(std::move(specifier));
    }
    m_specifiers = std::move(unique);
}

void SpecifierSet::intersect(const SpecifierSet& other)
{
    m_specifiers.insert(m_specifiers.end(), other.m_specifiers.begin(), other.m_specifiers.end());
    canonicalize();
}

std::string SpecifierSet::str() const
{
    std::string out;
    for (const auto& specifier : m_specifiers) {
        if (!out.empty())
            out += ',';
        out += specifier.str();
    }
    return out;
}

bool SpecifierSet::namesPrerelease() const
{
    return std::any_of(m_specifiers.begin(), m_specifiers.end(),
                       [](const Specifier& specifier) { return specifier.namesPrerelease(); });
}

bool SpecifierSet::hasArbitrary() const
{
    return std::any_of(m_specifiers.begin(), m_specifiers.end(), [](const Specifier& specifier) {
        return specifier.op() == Specifier::Operator::Arbitrary;
    });
}

bool SpecifierSet::contains(const Version& version, PrereleasePolicy policy) const
{
    if (policy == PrereleasePolicy::Deny && version.isPrerelease())
        return false;
    for (const auto& specifier : m_specifiers) {
        if (!specifier.matches(version))
            return false;
    }
    return true;
}

bool SpecifierSet::contains(std::string_view candidate, PrereleasePolicy policy) const
{
    const auto parsed = Version::parse(candidate);
    const std::string raw(candidate);
    const Item item{&raw, parsed ? &*parsed : nullptr};
    if (policy == PrereleasePolicy::Deny && item.parsed && item.parsed->isPrerelease())
        return false;
    return matchesItem(item);
}

bool SpecifierSet::matchesItem(const Item& item) const
{
    for (const auto& specifier : m_specifiers) {
        const bool matched = item.raw ? specifier.matchesText(*item.raw, item.parsed)
                                      : (item.parsed && specifier.matches(*item.parsed));
        if (!matched)
            return false;
    }
    return true;
}

std::vector<std::size_t> SpecifierSet::filterItems(std::span<const Item> items, PrereleasePolicy policy) const
{
    if (policy == PrereleasePolicy::Default && namesPrerelease())
        policy = PrereleasePolicy::Allow;
    // Items that are not versions pass only through "===" or an empty set; they count as neither
    // pre-releases nor final releases.
    std::vector<std::size_t> accepted;
    std::vector<bool> isPrerelease;
    bool foundFinal = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i];
        if (!matchesItem(item))
            continue;
        const bool prerelease = item.parsed && item.parsed->isPrerelease();
        if (prerelease && policy == PrereleasePolicy::Deny)
            continue;
        if (item.parsed && !prerelease)
            foundFinal = true;
        accepted.push_back(i);
        isPrerelease.push_back(prerelease);
    }
    if (policy != PrereleasePolicy::Default || !foundFinal)
        return accepted;
    std::vector<std::size_t> finals;
    for (std::size_t i = 0; i < accepted.size(); ++i) {
        if (!isPrerelease[i])
            finals.push_back(accepted[i]);
    }
    return finals;
}

std::vector<Version> SpecifierSet::filter(std::span<const Version> versions, PrereleasePolicy policy) const
{
    std::vector<Item> items;
    items.reserve(versions.size());
    for (const auto& version : versions)
        items.push_back(Item{nullptr, &version});
    std::vector<Version> result;
    for (const std::size_t index : filterItems(items, policy))
        result.push_back(versions[index]);
    return result;
}

std::vector<std::string> SpecifierSet::filter(std::span<const std::string> candidates,
                                              PrereleasePolicy policy) const
{
    std::vector<std::optional<Version>> parsed;
    parsed.reserve(candidates.size());
    for (const auto& candidate : candidates) {
        auto version = Version::parse(candidate);
        parsed.push_back(version ? std::optional(std::move(*version)) : std::nullopt);
    }
    std::vector<Item> items;
    items.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i)
        items.push_back(Item{&candidates[i], parsed[i] ? &*parsed[i] : nullptr});
    std::vector<std::string> result;
    for (const std::size_t index : filterItems(items, policy))
        result.push_back(candidates[index]);
    return result;
}

} // namespace pindex::standards
