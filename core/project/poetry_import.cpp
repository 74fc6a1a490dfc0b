#include "core/project/poetry_import.h"

#include <algorithm>

#include <toml++/toml.h>

#include "core/project/toml_text.h"
#include "core/standards/name.h"

namespace pindex::project {
namespace {

struct PoetrySource
{
    std::string name;     // sanitized for uv
    std::string original; // as written
    std::string url;
    std::string priority; // primary | default | secondary | supplemental | explicit
};

struct PoetryPin
{
    std::string package;
    std::string source;
    std::string marker;
};

std::string toLower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return text;
}

std::string sanitizeName(const std::string& name)
{
    std::string out;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        out.push_back(ok ? c : '-');
    }
    return out.empty() ? std::string("poetry-source") : out;
}

void collectPins(const toml::table* dependencies, std::vector<PoetryPin>& pins,
                 std::vector<std::string>& warnings)
{
    if (dependencies == nullptr)
        return;
    for (const auto& [key, node] : *dependencies) {
        const std::string package(key.str());
        if (toLower(package) == "python")
            continue;
        if (const auto* table = node.as_table()) {
            if (const auto* source = table->get_as<std::string>("source"))
                pins.push_back({package, source->get(), {}});
        } else if (const auto* list = node.as_array()) {
            for (const auto& item : *list) {
                const auto* constraint = item.as_table();
                const auto* source =
                    constraint == nullptr ? nullptr : constraint->get_as<std::string>("source");
                if (source == nullptr)
                    continue;
                std::string marker;
                if (const auto* markers = constraint->get_as<std::string>("markers"))
                    marker = markers->get();
                if (marker.empty() && list->size() > 1)
                    warnings.push_back("'" + package +
                                       "' has several Poetry constraints; only their `markers` carry over to "
                                       "the pin, `python` and `platform` conditions do not.");
                pins.push_back({package, source->get(), marker});
            }
        }
    }
}

} // namespace

Result<PoetryImportReport> importPoetry(ProjectDocument& document)
{
    auto parsed = parseTomlText(document.text(), document.file().string());
    if (!parsed)
        return std::unexpected(makeError(ErrorCode::Internal, "The document no longer parses."));
    const toml::table& root = *parsed;
    const auto poetry = root["tool"]["poetry"];
    PoetryImportReport report;
    if (!poetry.as_table()) {
        auto error = makeError(ErrorCode::NotFound,
                               "There is no [tool.poetry] table in " + document.file().string() + ".");
        return std::unexpected(std::move(error));
    }

    std::vector<PoetrySource> sources;
    bool pypiConfigured = false;
    if (const auto* list = poetry["source"].as_array()) {
        for (const auto& node : *list) {
            const auto* table = node.as_table();
            if (table == nullptr)
                continue;
            PoetrySource source;
            source.original =
                table->get_as<std::string>("name") ? table->get_as<std::string>("name")->get() : "";
            source.url = table->get_as<std::string>("url") ? table->get_as<std::string>("url")->get() : "";
            if (const auto* priority = table->get_as<std::string>("priority"))
                source.priority = toLower(priority->get());
            else if ((*table)["default"].value_or(false))
                source.priority = "default";
            else if ((*table)["secondary"].value_or(false))
                source.priority = "secondary";
            else
                source.priority = "primary";
            if (toLower(source.original) == "pypi") {
                pypiConfigured = true;
                if (source.priority == "primary" || source.priority == "default")
                    report.warnings.push_back("PyPI is a " + source.priority +
                                              " Poetry source; uv keeps it as its implicit default index, "
                                              "searched after the other indexes.");
                else
                    report.warnings.push_back(
                        "PyPI is a " + source.priority +
                        " Poetry source; uv cannot demote its implicit PyPI index, so "
                        "it stays the default. Pin packages explicitly if that matters.");
                continue;
            }
            if (source.url.empty()) {
                report.warnings.push_back("The Poetry source '" + source.original +
                                          "' has no URL and was skipped.");
                continue;
            }
            source.name = sanitizeName(source.original);
            if (source.name != source.original)
                report.warnings.push_back(
                    "The Poetry source '" + source.original + "' is named '" + source.name +
                    "' in uv, whose index names allow only letters, digits, '-', '_', '.'.");
            sources.push_back(std::move(source));
        }
    }

    // uv's order: primaries (and the deprecated secondary) in file order, then supplemental, then
    // the default index last.
    auto rank = [](const PoetrySource& source) {
        if (source.priority == "supplemental")
            return 1;
        if (source.priority == "default")
            return 2;
        return 0;
    };
    std::stable_sort(sources.begin(), sources.end(),
                     [&rank](const PoetrySource& a, const PoetrySource& b) { return rank(a) < rank(b); });

    const bool hasDefault = std::any_of(sources.begin(), sources.end(), [](const PoetrySource& source) {
        return source.priority == "default";
    });
    std::string primaryAsDefault;
    if (!hasDefault && !pypiConfigured) {
        for (const auto& source : sources) {
            if (source.priority == "primary")
                primaryAsDefault = source.name; // the last primary
        }
        if (!primaryAsDefault.empty())
            report.warnings.push_back(
                "Poetry stops using PyPI when a primary source is configured; the last primary source, '" +
                primaryAsDefault + "', becomes uv's default index so that PyPI is not searched.");
    }

    const auto existing = document.indexNames();
    for (const auto& source : sources) {
        if (std::find(existing.begin(), existing.end(), source.name) != existing.end()) {
            report.warnings.push_back("The index '" + source.name +
                                      "' already exists in [[tool.uv.index]] and was kept.");
            continue;
        }
        NewIndex index{.name = source.name, .url = source.url};
        if (source.priority == "explicit") {
            index.isExplicit = true;
        } else if (source.priority == "default") {
            index.isDefault = true;
            report.warnings.push_back(
                "The Poetry source '" + source.original +
                "' uses the deprecated priority \"default\"; it becomes uv's default index.");
        } else if (source.priority == "secondary") {
            report.warnings.push_back("The Poetry source '" + source.original +
                                      "' uses the deprecated priority \"secondary\"; uv searches it in order "
                                      "like a primary source.");
        } else if (source.priority == "supplemental") {
            report.warnings.push_back(
                "The Poetry source '" + source.original +
                "' is supplemental: uv has no fallback-only index; it is searched after the primary indexes, "
                "and with uv's first-index strategy a package found earlier is never looked up there.");
        } else if (source.priority != "primary") {
            report.warnings.push_back("The Poetry source '" + source.original +
                                      "' has the unknown priority \"" + source.priority +
                                      "\"; it was imported as a primary source.");
        }
        if (source.name == primaryAsDefault)
            index.isDefault = true;
        if (auto added = document.addIndex(index); !added)
            return std::unexpected(added.error());
        report.addedIndexes.push_back(source.name);
    }

    std::vector<PoetryPin> pins;
    collectPins(poetry["dependencies"].as_table(), pins, report.warnings);
    collectPins(poetry["dev-dependencies"].as_table(), pins, report.warnings);
    if (const auto* groups = poetry["group"].as_table()) {
        for (const auto& [group, node] : *groups) {
            if (const auto* table = node.as_table())
                collectPins(table->get_as<toml::table>("dependencies"), pins, report.warnings);
        }
    }
    const auto known = document.indexNames();
    for (const auto& pin : pins) {
        std::string target;
        for (const auto& source : sources) {
            if (source.original == pin.source)
                target = source.name;
        }
        if (target.empty() && std::find(known.begin(), known.end(), pin.source) != known.end())
            target = pin.source;
        if (target.empty()) {
            report.warnings.push_back("'" + pin.package + "' asks for the source '" + pin.source +
                                      "', which is not imported; it was not pinned.");
            continue;
        }
        if (auto pinned = document.pinPackage(pin.package, target, pin.marker); !pinned) {
            report.warnings.push_back("'" + pin.package + "' was not pinned: " + pinned.error().message);
            continue;
        }
        report.pins.emplace_back(pin.package, target);
    }
    return report;
}

} // namespace pindex::project
