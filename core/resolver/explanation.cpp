#include "core/resolver/explanation.h"

#include <map>

namespace pindex::resolver {

namespace {

class Reporter
{
public:
    Reporter(const std::vector<Incompatibility>& store, const PackageCatalog& catalog)
        : m_store(store)
        , m_catalog(catalog)
    {}

    std::string report(IncompatibilityId failure)
    {
        const auto& root = m_store[failure];
        if (root.kind != CauseKind::Derived) {
            return "Because " + text(failure) + ", " + conclusion(failure) + ".";
        }
        countReferences(failure);
        visit(failure, true);
        std::string result;
        for (const auto& line : m_lines) {
            result += (result.empty() ? "" : "\n") + line;
        }
        return result;
    }

private:
    void countReferences(IncompatibilityId id)
    {
        const auto& incompatibility = m_store[id];
        if (incompatibility.kind != CauseKind::Derived) {
            return;
        }
        if (++m_references[id] > 1) {
            return;
        }
        countReferences(incompatibility.left);
        countReferences(incompatibility.right);
    }

    [[nodiscard]] bool isDerived(IncompatibilityId id) const
    {
        return m_store[id].kind == CauseKind::Derived;
    }

    [[nodiscard]] std::string positive(const Term& term) const
    {
        auto set = term.set;
        set.erase(set.noneIndex());
        return m_catalog.describe(term.package, set);
    }

    [[nodiscard]] std::string negative(const Term& term) const
    {
        auto set = term.set.complement();
        set.erase(set.noneIndex());
        return m_catalog.describe(term.package, set);
    }

    [[nodiscard]] std::string origin(PackageId package) const
    {
        const auto& from = m_catalog.origin(package);
        return from.empty() ? std::string() : " (versions from " + from + ")";
    }

    [[nodiscard]] std::string external(const Incompatibility& incompatibility) const
    {
        const auto& terms = incompatibility.terms;
        switch (incompatibility.kind) {
        case CauseKind::Root: return "your project is what is being resolved";
        case CauseKind::Dependency:
            if (terms.size() == 1) {
                return positive(terms[0]) + " depends on " + incompatibility.detail;
            }
            return byTerms(incompatibility);
        case CauseKind::NoVersions: {
            if (terms.empty()) {
                return "no versions are available";
            }
            const auto package = terms[0].package;
            if (m_catalog.candidateCount(package) == 0) {
                return m_catalog.name(package) + " was not found" +
                       (m_catalog.origin(package).empty() ? std::string()
                                                          : " on " + m_catalog.origin(package));
            }
            if (terms[0].set.hasNoVersion()) {
                return "no version of " + m_catalog.name(package) + " matches" + origin(package);
            }
            std::string sentence = "no usable version of " + positive(terms[0]) + " exists" + origin(package);
            if (!incompatibility.detail.empty()) {
                sentence += " (" + incompatibility.detail + ")";
            }
            return sentence;
        }
        case CauseKind::Unavailable: return positive(terms[0]) + " cannot be used: " + incompatibility.detail;
        case CauseKind::Derived: break;
        }
        return byTerms(incompatibility);
    }

    [[nodiscard]] std::string byTerms(const Incompatibility& incompatibility) const
    {
        const auto& terms = incompatibility.terms;
        if (terms.empty()) {
            return "version solving failed";
        }
        if (terms.size() == 1) {
            const auto& term = terms[0];
            if (term.package == PackageCatalog::kRoot) {
                return "your project's requirements cannot be satisfied";
            }
            return term.set.isPositive() ? positive(term) + " cannot be used"
                                         : negative(term) + " is required";
        }
        if (terms.size() == 2) {
            const Term* first = &terms[0];
            const Term* second = &terms[1];
            if (!first->set.isPositive()) {
                std::swap(first, second);
            }
            if (first->set.isPositive() && !second->set.isPositive()) {
                return positive(*first) + " depends on " + negative(*second);
            }
            if (first->set.isPositive() && second->set.isPositive()) {
                return positive(*first) + " is incompatible with " + positive(*second);
            }
        }
        std::string sentence = "these cannot all hold: ";
        for (std::size_t i = 0; i < terms.size(); ++i) {
            sentence += (i == 0 ? "" : ", ");
            sentence += terms[i].set.isPositive() ? positive(terms[i]) : "not " + negative(terms[i]);
        }
        return sentence;
    }

    [[nodiscard]] std::string text(IncompatibilityId id) const
    {
        const auto& incompatibility = m_store[id];
        return incompatibility.kind == CauseKind::Derived ? byTerms(incompatibility)
                                                          : external(incompatibility);
    }

    [[nodiscard]] std::string conclusion(IncompatibilityId id) const
    {
        const auto& incompatibility = m_store[id];
        const bool failed =
            incompatibility.terms.empty() ||
            (incompatibility.terms.size() == 1 && incompatibility.terms[0].package == PackageCatalog::kRoot);
        return failed ? "your project's requirements cannot be satisfied" : text(id);
    }

    [[nodiscard]] std::string numbered(IncompatibilityId id) const
    {
        return text(id) + " (" + std::to_string(m_numbers.at(id)) + ")";
    }

    void write(IncompatibilityId id, std::string line, bool isConclusion)
    {
        if (!isConclusion && m_references[id] > 1) {
            m_numbers[id] = m_nextNumber++;
            line += " (" + std::to_string(m_numbers[id]) + ")";
        }
        m_lines.push_back(std::move(line));
    }

    void visit(IncompatibilityId id, bool isConclusion)
    {
        const auto& incompatibility = m_store[id];
        const auto left = incompatibility.left;
        const auto right = incompatibility.right;
        const auto result = isConclusion ? conclusion(id) : text(id);
        if (isDerived(left) && isDerived(right)) {
            const bool leftNumbered = m_numbers.contains(left);
            const bool rightNumbered = m_numbers.contains(right);
            if (leftNumbered && rightNumbered) {
                write(id, "Because " + numbered(left) + " and " + numbered(right) + ", " + result + ".",
                      isConclusion);
            } else if (leftNumbered || rightNumbered) {
                const auto known = leftNumbered ? left : right;
                visit(leftNumbered ? right : left, false);
                write(id, "And because " + numbered(known) + ", " + result + ".", isConclusion);
            } else {
                visit(left, false);
                if (!m_numbers.contains(left)) {
                    m_numbers[left] = m_nextNumber++;
                    m_lines.back() += " (" + std::to_string(m_numbers[left]) + ")";
                }
                m_lines.emplace_back();
                visit(right, false);
                write(id, "And because " + numbered(left) + ", " + result + ".", isConclusion);
            }
            return;
        }
        if (isDerived(left) || isDerived(right)) {
            const auto derived = isDerived(left) ? left : right;
            const auto outside = isDerived(left) ? right : left;
            if (m_numbers.contains(derived)) {
                write(id, "Because " + text(outside) + " and " + numbered(derived) + ", " + result + ".",
                      isConclusion);
                return;
            }
            visit(derived, false);
            write(id, "And because " + text(outside) + ", " + result + ".", isConclusion);
            return;
        }
        write(id, "Because " + text(left) + " and " + text(right) + ", " + result + ".", isConclusion);
    }

    const std::vector<Incompatibility>& m_store;
    const PackageCatalog& m_catalog;
    std::map<IncompatibilityId, std::size_t> m_references;
    std::map<IncompatibilityId, std::size_t> m_numbers;
    std::vector<std::string> m_lines;
    std::size_t m_nextNumber = 1;
};

} // namespace

std::string explainFailure(const std::vector<Incompatibility>& store, IncompatibilityId failure,
                           const PackageCatalog& catalog)
{
    Reporter reporter(store, catalog);
    auto text = reporter.report(failure);
    if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    return text;
}

} // namespace pindex::resolver
