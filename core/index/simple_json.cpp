#include "core/index/simple_json.h"

#include <algorithm>
#include <cctype>
#include <simdjson.h>

#include "core/index/url.h"

namespace pindex::index {
namespace {

Error jsonError(std::string_view pageUrl, std::string message)
{
    Error error =
        makeError(ErrorCode::Parse, "the index page is not valid PEP 691 JSON: " + std::move(message));
    error.url = maskUrlCredentials(pageUrl);
    return error;
}

std::string lowerCopy(std::string_view text)
{
    std::string result(text);
    std::ranges::transform(result, result.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

void readHashes(simdjson::dom::object object, std::map<std::string, std::string>& into)
{
    for (const auto field : object) {
        std::string_view value;
        if (field.value.get(value) == simdjson::SUCCESS)
            into[lowerCopy(field.key)] = lowerCopy(value);
    }
}

// `core-metadata` / `dist-info-metadata`: true, false, or a hash dictionary.
void readMetadataField(simdjson::dom::element element, DistributionFile& file)
{
    bool flag = false;
    if (element.get(flag) == simdjson::SUCCESS) {
        file.hasCoreMetadata = flag;
        return;
    }
    simdjson::dom::object hashes;
    if (element.get(hashes) == simdjson::SUCCESS) {
        file.hasCoreMetadata = true;
        readHashes(hashes, file.coreMetadataHashes);
    }
}

std::string apiVersionOf(simdjson::dom::object root)
{
    simdjson::dom::object meta;
    std::string_view version;
    if (root["meta"].get(meta) == simdjson::SUCCESS && meta["api-version"].get(version) == simdjson::SUCCESS)
        return std::string(version);
    return {};
}

} // namespace

Result<ProjectPage> parseProjectPageJson(std::string_view json, std::string_view pageUrl)
{
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(json);
    simdjson::dom::element document;
    if (const auto error = parser.parse(padded).get(document); error != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, simdjson::error_message(error)));
    simdjson::dom::object root;
    if (document.get(root) != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, "the top level is not an object"));

    ProjectPage page;
    page.format = ApiFormat::Json;
    page.apiVersion = apiVersionOf(root);
    if (!page.apiVersion.empty() && !page.apiVersion.starts_with("1."))
        return std::unexpected(jsonError(pageUrl, "unsupported API version " + page.apiVersion));
    std::string_view name;
    if (root["name"].get(name) == simdjson::SUCCESS)
        page.name = std::string(name);
    simdjson::dom::array versions;
    if (root["versions"].get(versions) == simdjson::SUCCESS) {
        for (const auto version : versions) {
            std::string_view text;
            if (version.get(text) == simdjson::SUCCESS)
                page.versions.emplace_back(text);
        }
    }
    simdjson::dom::array files;
    if (root["files"].get(files) != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, "\"files\" is missing or not a list"));
    page.files.reserve(files.size());
    std::size_t position = 0;
    for (const auto element : files) {
        simdjson::dom::object entry;
        if (element.get(entry) != simdjson::SUCCESS)
            return std::unexpected(
                jsonError(pageUrl, "files[" + std::to_string(position) + "] is not an object"));
        DistributionFile file;
        std::string_view filename;
        std::string_view url;
        if (entry["filename"].get(filename) != simdjson::SUCCESS ||
            entry["url"].get(url) != simdjson::SUCCESS || filename.empty() || url.empty())
            return std::unexpected(
                jsonError(pageUrl, "files[" + std::to_string(position) + "] lacks \"filename\" or \"url\""));
        file.filename = std::string(filename);
        std::string_view link = url;
        const auto hash = link.find('#');
        if (hash != std::string_view::npos) {
            // A fragment hash is legal in JSON too; the `hashes` dictionary below wins.
            const std::string_view fragment = link.substr(hash + 1);
            const auto equals = fragment.find('=');
            if (equals != std::string_view::npos && equals > 0)
                file.hashes[lowerCopy(fragment.substr(0, equals))] = lowerCopy(fragment.substr(equals + 1));
            link = link.substr(0, hash);
        }
        auto resolved = resolveUrl(pageUrl, link);
        if (!resolved)
            return std::unexpected(resolved.error());
        file.url = std::move(*resolved);
        simdjson::dom::object hashes;
        if (entry["hashes"].get(hashes) == simdjson::SUCCESS)
            readHashes(hashes, file.hashes);
        std::string_view requiresPython;
        if (entry["requires-python"].get(requiresPython) == simdjson::SUCCESS)
            file.requiresPython = std::string(requiresPython);
        simdjson::dom::element yanked;
        if (entry["yanked"].get(yanked) == simdjson::SUCCESS) {
            bool flag = false;
            std::string_view reason;
            if (yanked.get(flag) == simdjson::SUCCESS) {
                file.yanked = flag;
            } else if (yanked.get(reason) == simdjson::SUCCESS) {
                file.yanked = true;
                file.yankedReason = std::string(reason);
            }
        }
        simdjson::dom::element metadata;
        if (entry["core-metadata"].get(metadata) == simdjson::SUCCESS)
            readMetadataField(metadata, file);
        else if (entry["dist-info-metadata"].get(metadata) == simdjson::SUCCESS)
            readMetadataField(metadata, file);
        std::uint64_t size = 0;
        if (entry["size"].get(size) == simdjson::SUCCESS)
            file.size = size;
        std::string_view uploadTime;
        if (entry["upload-time"].get(uploadTime) == simdjson::SUCCESS)
            file.uploadTime = std::string(uploadTime);
        page.files.push_back(std::move(file));
        ++position;
    }
    return page;
}

Result<ProjectList> parseProjectListJson(std::string_view json, std::string_view pageUrl)
{
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(json);
    simdjson::dom::element document;
    if (const auto error = parser.parse(padded).get(document); error != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, simdjson::error_message(error)));
    simdjson::dom::object root;
    if (document.get(root) != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, "the top level is not an object"));
    ProjectList list;
    list.format = ApiFormat::Json;
    list.apiVersion = apiVersionOf(root);
    simdjson::dom::array projects;
    if (root["projects"].get(projects) != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, "\"projects\" is missing or not a list"));
    for (const auto project : projects) {
        std::string_view name;
        if (project["name"].get(name) == simdjson::SUCCESS)
            list.names.emplace_back(name);
    }
    return list;
}

} // namespace pindex::index
