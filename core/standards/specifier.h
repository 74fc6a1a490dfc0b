#pragma once

// PEP 440 version specifiers: one clause (Specifier, e.g. "~=1.4.2", "==2.*", "===foo") and a
// comma-separated set of them (SpecifierSet). Matching follows the reference implementation
// exactly: "<V" skips pre-releases of V unless V is one, ">V" skips V's post releases and local
// versions unless V is a post release, a specifier without a local label ignores the candidate's,
// "===" compares the raw text case-insensitively.
//
// Invariants: a Specifier always holds a valid clause (its version parsed once, bounds
// precomputed); a SpecifierSet keeps its clauses sorted by text with duplicates removed, so str()
// is the canonical form and equal sets compare equal.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/standards/version.h"
#include "core/util/error.h"

namespace pindex::standards {

// How pre-releases (and dev releases) are treated when matching.
//  Default: as PEP 440 says: contains() accepts a matching pre-release (a lone version has no
//           alternative); filter() keeps pre-releases only when the set names one or when no final
//           release matches.
//  Allow:   pre-releases match like any version.  Deny: a pre-release never matches.
enum class PrereleasePolicy { Default, Allow, Deny };

class Specifier
{
public:
    enum class Operator { Compatible, Equal, NotEqual, LessEqual, GreaterEqual, Less, Greater, Arbitrary };

    // One clause, surrounding whitespace allowed. Errors name the clause.
    [[nodiscard]] static Result<Specifier> parse(std::string_view text);

    [[nodiscard]] Operator op() const { return m_op; }
    [[nodiscard]] std::string_view operatorText() const;
    // The version text as written (whitespace around it removed); for "==1.*" it is "1.*".
    [[nodiscard]] const std::string& versionText() const { return m_text; }
    // The parsed version (for "==1.*" the version "1"); empty only for "===" with non-PEP 440 text.
    [[nodiscard]] const std::optional<Version>& version() const { return m_version; }
    [[nodiscard]] bool isWildcard() const { return m_wildcard; }

    // Operator and version text without whitespace, e.g. ">=1.0".
    [[nodiscard]] const std::string& str() const { return m_str; }

    // Whether a version satisfies this clause, ignoring any pre-release policy. For "===" the
    // version's canonical string is compared.
    [[nodiscard]] bool matches(const Version& candidate) const;
    // The same for a raw candidate string ("===" compares it as given); parsed is its parse, or
    // null when it is not a PEP 440 version (then only "===" can match).
    [[nodiscard]] bool matchesText(std::string_view raw, const Version* parsed) const;

    // Whether this clause by itself asks for pre-releases ("<=2.0b1" does, "!=2.0b1" does not).
    [[nodiscard]] bool namesPrerelease() const;

    // Equality as PEP 440 defines it: same operator, versions equal once trailing zeros are removed
    // (not for "~="); "===" and wildcards compare their text.
    [[nodiscard]] bool operator==(const Specifier& other) const
    {
        return m_canonicalKey == other.m_canonicalKey;
    }

private:
    Specifier() = default;
    // Fills m_str and m_canonicalKey once the clause is parsed.
    void finish();

    Operator m_op = Operator::Equal;
    bool m_wildcard = false;
    bool m_hasLocal = false;
    std::string m_text;
    std::optional<Version> m_version;
    std::optional<Version> m_bound; // precomputed second bound (see specifier.cpp)
    std::string m_str;
    std::string m_canonicalKey;
};

class SpecifierSet
{
public:
    SpecifierSet() = default;

    // Comma-separated clauses; empty entries (a trailing comma) are skipped; "" is the empty set,
    // which every version satisfies.
    [[nodiscard]] static Result<SpecifierSet> parse(std::string_view text);

    [[nodiscard]] std::span<const Specifier> specifiers() const { return m_specifiers; }
    [[nodiscard]] bool empty() const { return m_specifiers.empty(); }
    [[nodiscard]] std::string str() const;

    // Whether some clause names a pre-release (the Default policy of filter() then allows them).
    [[nodiscard]] bool namesPrerelease() const;

    [[nodiscard]] bool contains(const Version& version,
                                PrereleasePolicy policy = PrereleasePolicy::Default) const;
    // A raw candidate: parsed as a version when possible; "===" compares the text as given.
    [[nodiscard]] bool contains(std::string_view candidate,
                                PrereleasePolicy policy = PrereleasePolicy::Default) const;

    // The items the set accepts, in input order (duplicates kept). With the Default policy,
    // pre-releases are kept only when the set names one or no accepted item is a final release.
    [[nodiscard]] std::vector<Version> filter(std::span<const Version> versions,
                                              PrereleasePolicy policy = PrereleasePolicy::Default) const;
    [[nodiscard]] std::vector<std::string> filter(std::span<const std::string> candidates,
                                                  PrereleasePolicy policy = PrereleasePolicy::Default) const;

    // Adds the clauses of other (intersection of the two sets).
    void intersect(const SpecifierSet& other);

    [[nodiscard]] bool operator==(const SpecifierSet& other) const
    {
        return m_specifiers == other.m_specifiers;
    }

private:
    void canonicalize();
    [[nodiscard]] bool hasArbitrary() const;
    // Indices of accepted items; each item is a raw text (may be null) and a parse (may be null).
    struct Item
    {
        const std::string* raw = nullptr;
        const Version* parsed = nullptr;
    };
    [[nodiscard]] std::vector<std::size_t> filterItems(std::span<const Item> items,
                                                       PrereleasePolicy policy) const;
    [[nodiscard]] bool matchesItem(const Item& item) const;

    std::vector<Specifier> m_specifiers;
};

} // namespace pindex::standards
