#include "core/index/simple_json.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <simdjson.h>
#include <vector>

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

// A parser with its buffers, lent for one page. simdjson sizes a parser's buffers to the document;
// a fresh parser per page (and a fresh padded copy of the page) asks the kernel for new memory
// every time, and on a virtual machine each first touch of a page costs tens of microseconds:
// parsing a resolution's pages that way spent more in page faults than in parsing. Parsers come
// back to a small pool instead; one grown past kKeepCapacity is dropped rather than kept.
struct PooledParser
{
    simdjson::dom::parser parser;
    std::string padded; // the page, followed by simdjson's padding
};

class ParserPool
{
public:
    std::unique_ptr<PooledParser> take()
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                auto parser = std::move(m_free.back());
                m_free.pop_back();
                return parser;
            }
        }
        return std::make_unique<PooledParser>();
    }

    void give(std::unique_ptr<PooledParser> parser)
    {
        if (parser->parser.capacity() > kKeepCapacity)
            return;
        std::lock_guard lock(m_mutex);
        if (m_free.size() < kKeepParsers)
            m_free.push_back(std::move(parser));
    }

private:
    static constexpr std::size_t kKeepParsers = 4;
    static constexpr std::size_t kKeepCapacity = std::size_t{8} << 20;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<PooledParser>> m_free;
};

ParserPool& parserPool()
{
    static ParserPool pool;
    return pool;
}

class ParserLease
{
public:
    ParserLease()
        : m_parser(parserPool().take())
    {}
    ~ParserLease() { parserPool().give(std::move(m_parser)); }
    ParserLease(const ParserLease&) = delete;
    ParserLease& operator=(const ParserLease&) = delete;

    simdjson::error_code parse(std::string_view json, simdjson::dom::element& document)
    {
        m_parser->padded.resize_and_overwrite(json.size() + simdjson::SIMDJSON_PADDING,
                                              [json](char* data, std::size_t size) {
                                                  std::memcpy(data, json.data(), json.size());
                                                  std::memset(data + json.size(), 0, size - json.size());
                                                  return size;
                                              });
        return m_parser->parser.parse(m_parser->padded.data(), json.size(), false).get(document);
    }

private:
    std::unique_ptr<PooledParser> m_parser;
};

// ASCII lower-casing (hash names and hex digests), allocating only the result.
std::string lowerCopy(std::string_view text)
{
    std::string result(text);
    for (char& c : result) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return result;
}

void readHashes(simdjson::dom::object object, std::map<std::string, std::string>& into)
{
    for (const auto field : object) {
        std::string_view value;
        if (field.value.get(value) == simdjson::SUCCESS)
            into.insert_or_assign(lowerCopy(field.key), lowerCopy(value));
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

// The fields of one `files` entry, read in one pass over the entry; each is the first of its key
// (as a lookup by key finds it).
struct FileFields
{
    std::optional<simdjson::dom::element> filename, url, hashes, requiresPython, yanked, coreMetadata,
        distInfoMetadata, size, uploadTime;

    explicit FileFields(simdjson::dom::object entry)
    {
        for (const auto field : entry) {
            if (auto* slot = slotOf(field.key); slot != nullptr && !*slot)
                *slot = field.value;
        }
    }

private:
    std::optional<simdjson::dom::element>* slotOf(std::string_view key)
    {
        if (key == "filename")
            return &filename;
        if (key == "url")
            return &url;
        if (key == "hashes")
            return &hashes;
        if (key == "requires-python")
            return &requiresPython;
        if (key == "yanked")
            return &yanked;
        if (key == "core-metadata")
            return &coreMetadata;
        if (key == "dist-info-metadata")
            return &distInfoMetadata;
        if (key == "size")
            return &size;
        if (key == "upload-time")
            return &uploadTime;
        return nullptr;
    }
};

} // namespace

// Resolving each file's link against the page URL, with the directory part of the last link
// remembered: a page's files mostly share one ("../../files/"), and by RFC 3986 section 5.2
// resolving "dir/name" is resolving "dir/" and appending "name" when "name" is a plain segment
// (not "." or "..") and the link has no query or fragment.
Result<std::string> LinkResolver::resolve(std::string_view link)
{
    if (link.starts_with("https://") || link.starts_with("http://"))
        return std::string(link); // absolute: as resolveUrl returns it
    const auto slash = link.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? link : link.substr(slash + 1);
    // (find_first_of would call memchr for each character of the link)
    const bool queryOrFragment = std::ranges::any_of(link, [](char c) { return c == '?' || c == '#'; });
    if (slash == std::string_view::npos || name == "." || name == ".." || queryOrFragment)
        return resolveUrl(m_base, link);
    const std::string_view directory = link.substr(0, slash + 1);
    if (!m_resolved || directory != m_directory) {
        auto resolved = resolveUrl(m_base, directory);
        if (!resolved)
            return resolved;
        m_directory.assign(directory);
        m_resolved = std::move(*resolved);
    }
    std::string url;
    url.reserve(m_resolved->size() + name.size());
    url += *m_resolved;
    url += name;
    return url;
}

Result<ProjectPage> parseProjectPageJson(std::string_view json, std::string_view pageUrl)
{
    ParserLease parser;
    simdjson::dom::element document;
    if (const auto error = parser.parse(json, document); error != simdjson::SUCCESS)
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
    LinkResolver links(pageUrl);
    std::size_t position = 0;
    for (const auto element : files) {
        simdjson::dom::object entry;
        if (element.get(entry) != simdjson::SUCCESS)
            return std::unexpected(
                jsonError(pageUrl, "files[" + std::to_string(position) + "] is not an object"));
        const FileFields fields(entry);
        DistributionFile file;
        std::string_view filename;
        std::string_view url;
        if (!fields.filename || !fields.url || fields.filename->get(filename) != simdjson::SUCCESS ||
            fields.url->get(url) != simdjson::SUCCESS || filename.empty() || url.empty())
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
                file.hashes.insert_or_assign(lowerCopy(fragment.substr(0, equals)),
                                             lowerCopy(fragment.substr(equals + 1)));
            link = link.substr(0, hash);
        }
        auto resolved = links.resolve(link);
        if (!resolved)
            return std::unexpected(resolved.error());
        file.url = std::move(*resolved);
        simdjson::dom::object hashes;
        if (fields.hashes && fields.hashes->get(hashes) == simdjson::SUCCESS)
            readHashes(hashes, file.hashes);
        std::string_view requiresPython;
        if (fields.requiresPython && fields.requiresPython->get(requiresPython) == simdjson::SUCCESS)
            file.requiresPython = std::string(requiresPython);
        if (fields.yanked) {
            bool flag = false;
            std::string_view reason;
            if (fields.yanked->get(flag) == simdjson::SUCCESS) {
                file.yanked = flag;
            } else if (fields.yanked->get(reason) == simdjson::SUCCESS) {
                file.yanked = true;
                file.yankedReason = std::string(reason);
            }
        }
        if (fields.coreMetadata)
            readMetadataField(*fields.coreMetadata, file);
        else if (fields.distInfoMetadata)
            readMetadataField(*fields.distInfoMetadata, file);
        std::uint64_t size = 0;
        if (fields.size && fields.size->get(size) == simdjson::SUCCESS)
            file.size = size;
        std::string_view uploadTime;
        if (fields.uploadTime && fields.uploadTime->get(uploadTime) == simdjson::SUCCESS)
            file.uploadTime = std::string(uploadTime);
        page.files.push_back(std::move(file));
        ++position;
    }
    return page;
}

Result<ProjectList> parseProjectListJson(std::string_view json, std::string_view pageUrl)
{
    ParserLease parser;
    simdjson::dom::element document;
    if (const auto error = parser.parse(json, document); error != simdjson::SUCCESS)
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
