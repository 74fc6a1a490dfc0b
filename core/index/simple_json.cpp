#include "core/index/simple_json.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <simdjson.h>
#include <vector>

#include "core/index/http_client.h"
#include "core/index/url.h"

namespace pindex::index {
namespace {

static_assert(kBodySlack >= simdjson::SIMDJSON_PADDING, "HTTP bodies are read in place");

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

template <typename Parser>
class ParserPool
{
public:
    std::unique_ptr<Parser> take()
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                auto parser = std::move(m_free.back());
                m_free.pop_back();
                return parser;
            }
        }
        return std::make_unique<Parser>();
    }

    void give(std::unique_ptr<Parser> parser, std::size_t capacity)
    {
        if (capacity > kKeepCapacity)
            return;
        std::lock_guard lock(m_mutex);
        if (m_free.size() < kKeepParsers)
            m_free.push_back(std::move(parser));
    }

private:
    static constexpr std::size_t kKeepParsers = 4;
    static constexpr std::size_t kKeepCapacity = std::size_t{8} << 20;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Parser>> m_free;
};

template <typename Parser>
ParserPool<Parser>& parserPool()
{
    static ParserPool<Parser> pool;
    return pool;
}

class ParserLease
{
public:
    ParserLease()
        : m_parser(parserPool<PooledParser>().take())
    {}
    ~ParserLease()
    {
        const auto capacity = m_parser->parser.capacity();
        parserPool<PooledParser>().give(std::move(m_parser), capacity);
    }
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

// An On-Demand parser (summaries), lent the same way; it reads the page where it lies.
class OnDemandLease
{
public:
    OnDemandLease()
        : m_parser(parserPool<simdjson::ondemand::parser>().take())
    {}
    ~OnDemandLease()
    {
        const auto capacity = m_parser->capacity();
        parserPool<simdjson::ondemand::parser>().give(std::move(m_parser), capacity);
    }
    OnDemandLease(const OnDemandLease&) = delete;
    OnDemandLease& operator=(const OnDemandLease&) = delete;

    simdjson::ondemand::parser* operator->() { return m_parser.get(); }

private:
    std::unique_ptr<simdjson::ondemand::parser> m_parser;
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
Result<std::optional<std::string_view>> LinkResolver::plainName(std::string_view link)
{
    const auto slash = link.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? link : link.substr(slash + 1);
    // (find_first_of would call memchr for each character of the link)
    const bool queryOrFragment = std::ranges::any_of(link, [](char c) { return c == '?' || c == '#'; });
    if (slash == std::string_view::npos || name == "." || name == ".." || queryOrFragment)
        return std::nullopt;
    const std::string_view directory = link.substr(0, slash + 1);
    if (!m_resolved || directory != m_directory) {
        auto resolved = resolveUrl(m_base, directory);
        if (!resolved)
            return std::unexpected(std::move(resolved.error()));
        m_directory.assign(directory);
        m_resolved = std::move(*resolved);
    }
    return name;
}

Result<std::string> LinkResolver::resolve(std::string_view link)
{
    if (link.starts_with("https://") || link.starts_with("http://"))
        return std::string(link); // absolute: as resolveUrl returns it
    const auto name = plainName(link);
    if (!name)
        return std::unexpected(name.error());
    if (!*name)
        return resolveUrl(m_base, link);
    std::string url;
    url.reserve(m_resolved->size() + (*name)->size());
    url += *m_resolved;
    url += **name;
    return url;
}

Status LinkResolver::check(std::string_view link)
{
    if (link.starts_with("https://") || link.starts_with("http://"))
        return {};
    const auto name = plainName(link);
    if (!name)
        return std::unexpected(name.error());
    if (!*name) {
        if (auto resolved = resolveUrl(m_base, link); !resolved)
            return std::unexpected(std::move(resolved.error()));
    }
    return {};
}

namespace {

std::string fileError(std::size_t position, std::string_view what)
{
    return "files[" + std::to_string(position) + "] " + std::string(what);
}

// A link without its fragment, and the fragment's hash (`#sha256=...`), if any.
std::string_view splitFragment(std::string_view url, DistributionFile* file)
{
    const auto hash = url.find('#');
    if (hash == std::string_view::npos)
        return url;
    // A fragment hash is legal in JSON too; the `hashes` dictionary wins.
    const std::string_view fragment = url.substr(hash + 1);
    const auto equals = fragment.find('=');
    if (file != nullptr && equals != std::string_view::npos && equals > 0)
        file->hashes.insert_or_assign(lowerCopy(fragment.substr(0, equals)),
                                      lowerCopy(fragment.substr(equals + 1)));
    return url.substr(0, hash);
}

// One `files` entry, whole (the full reader, and a summary's completion).
Result<DistributionFile> readFileEntry(simdjson::dom::element element, std::size_t position,
                                       LinkResolver& links, std::string_view pageUrl)
{
    simdjson::dom::object entry;
    if (element.get(entry) != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, fileError(position, "is not an object")));
    const FileFields fields(entry);
    DistributionFile file;
    std::string_view filename;
    std::string_view url;
    if (!fields.filename || !fields.url || fields.filename->get(filename) != simdjson::SUCCESS ||
        fields.url->get(url) != simdjson::SUCCESS || filename.empty() || url.empty())
        return std::unexpected(jsonError(pageUrl, fileError(position, "lacks \"filename\" or \"url\"")));
    file.filename = std::string(filename);
    auto resolved = links.resolve(splitFragment(url, &file));
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
    return file;
}

} // namespace

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
        auto file = readFileEntry(element, position, links, pageUrl);
        if (!file)
            return std::unexpected(std::move(file.error()));
        page.files.push_back(std::move(*file));
        ++position;
    }
    return page;
}

Result<DistributionFile> PageText::complete(const PageEntry& entry) const
{
    if (std::size_t{entry.offset} + entry.length > m_text.size())
        return std::unexpected(jsonError(m_url, fileError(entry.position, "lies outside the page")));
    ParserLease parser;
    simdjson::dom::element element;
    if (const auto error = parser.parse(std::string_view(m_text).substr(entry.offset, entry.length), element);
        error != simdjson::SUCCESS)
        return std::unexpected(jsonError(m_url, fileError(entry.position, simdjson::error_message(error))));
    LinkResolver links(m_url);
    return readFileEntry(element, entry.position, links, m_url);
}

namespace {

// An object's field as On-Demand iterates it: its (unescaped) key and its value.
template <typename Field>
simdjson::error_code keyAndValue(Field&& field, std::string_view& key, simdjson::ondemand::value& value)
{
    if (const auto error = field.unescaped_key().get(key); error != simdjson::SUCCESS)
        return error;
    return field.value().get(value);
}

// The first value of each key a summary reads, as FileFields takes them.
struct SummaryFields
{
    bool filename = false, url = false, requiresPython = false, yanked = false, coreMetadata = false,
         distInfoMetadata = false;
};

// A metadata field's summary: true, or a hash dictionary, says a metadata file exists.
simdjson::error_code metadataFlag(simdjson::ondemand::value value, bool& flag)
{
    simdjson::ondemand::json_type type;
    if (const auto error = value.type().get(type); error != simdjson::SUCCESS)
        return error;
    if (type == simdjson::ondemand::json_type::boolean)
        return value.get_bool().get(flag);
    flag = type == simdjson::ondemand::json_type::object;
    return simdjson::SUCCESS;
}

// One `files` entry in summary: its place in the text, and the fields a summary holds.
Status summarizeEntry(simdjson::ondemand::value element, std::size_t position, const char* textStart,
                      LinkResolver& links, std::string_view pageUrl, ProjectPage& page)
{
    const auto malformed = [&](simdjson::error_code error) {
        return std::unexpected(jsonError(pageUrl, fileError(position, simdjson::error_message(error))));
    };
    simdjson::ondemand::object entry;
    if (element.get_object().get(entry) != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, fileError(position, "is not an object")));
    std::string_view raw;
    if (const auto error = entry.raw_json().get(raw); error != simdjson::SUCCESS)
        return malformed(error);
    if (const auto error = entry.reset().error(); error != simdjson::SUCCESS)
        return malformed(error);
    DistributionFile file;
    SummaryFields seen;
    std::string_view url;
    bool urlIsString = false;
    for (auto field : entry) {
        std::string_view key;
        simdjson::ondemand::value value;
        if (const auto error = keyAndValue(field, key, value); error != simdjson::SUCCESS)
            return malformed(error);
        std::string_view text;
        if (key == "filename" && !seen.filename) {
            seen.filename = true;
            if (value.get_string().get(text) == simdjson::SUCCESS)
                file.filename = std::string(text);
        } else if (key == "url" && !seen.url) {
            seen.url = true;
            // (the parser's strings stay until the document is done with)
            urlIsString = value.get_string().get(url) == simdjson::SUCCESS;
        } else if (key == "requires-python" && !seen.requiresPython) {
            seen.requiresPython = true;
            if (value.get_string().get(text) == simdjson::SUCCESS)
                file.requiresPython = std::string(text);
        } else if (key == "yanked" && !seen.yanked) {
            seen.yanked = true;
            bool flag = false;
            if (value.get_bool().get(flag) == simdjson::SUCCESS) {
                file.yanked = flag;
            } else if (value.get_string().get(text) == simdjson::SUCCESS) {
                file.yanked = true;
                file.yankedReason = std::string(text);
            }
        } else if (key == "core-metadata" && !seen.coreMetadata) {
            seen.coreMetadata = true;
            if (const auto error = metadataFlag(value, file.hasCoreMetadata); error != simdjson::SUCCESS)
                return malformed(error);
        } else if (key == "dist-info-metadata" && !seen.distInfoMetadata) {
            seen.distInfoMetadata = true;
            bool flag = false;
            if (const auto error = metadataFlag(value, flag); error != simdjson::SUCCESS)
                return malformed(error);
            if (!seen.coreMetadata) // core-metadata wins, wherever it is
                file.hasCoreMetadata = flag;
        }
    }
    if (file.filename.empty() || !urlIsString || url.empty())
        return std::unexpected(jsonError(pageUrl, fileError(position, "lacks \"filename\" or \"url\"")));
    if (auto valid = links.check(splitFragment(url, nullptr)); !valid)
        return std::unexpected(valid.error());
    page.files.push_back(std::move(file));
    page.entries.push_back({.offset = static_cast<std::uint32_t>(raw.data() - textStart),
                            .length = static_cast<std::uint32_t>(raw.size()),
                            .position = static_cast<std::uint32_t>(position)});
    return {};
}

} // namespace

Result<ProjectPage> summarizeProjectPageJson(std::string json, std::string_view pageUrl)
{
    if (json.size() > std::numeric_limits<std::uint32_t>::max())
        return std::unexpected(jsonError(pageUrl, "the page is larger than 4 GiB"));
    if (json.capacity() - json.size() < simdjson::SIMDJSON_PADDING)
        json.reserve(json.size() + simdjson::SIMDJSON_PADDING);
    OnDemandLease parser;
    simdjson::ondemand::document document;
    if (const auto error =
            parser->iterate(simdjson::padded_string_view(json.data(), json.size(), json.capacity()))
                .get(document);
        error != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, simdjson::error_message(error)));
    const auto malformed = [&](simdjson::error_code error) {
        return std::unexpected(jsonError(pageUrl, simdjson::error_message(error)));
    };
    simdjson::ondemand::object root;
    if (document.get_object().get(root) != simdjson::SUCCESS)
        return std::unexpected(jsonError(pageUrl, "the top level is not an object"));
    ProjectPage page;
    page.format = ApiFormat::Json;
    bool filesSeen = false, filesList = false, nameSeen = false, metaSeen = false, versionsSeen = false;
    LinkResolver links(pageUrl);
    std::optional<Error> fileFailure; // the first bad entry, reported after the API version check
    for (auto field : root) {
        std::string_view key;
        simdjson::ondemand::value value;
        if (const auto error = keyAndValue(field, key, value); error != simdjson::SUCCESS)
            return malformed(error);
        if (key == "meta" && !metaSeen) {
            metaSeen = true;
            simdjson::ondemand::object meta;
            if (value.get_object().get(meta) == simdjson::SUCCESS) {
                for (auto metaField : meta) {
                    std::string_view metaKey;
                    if (const auto error = metaField.unescaped_key().get(metaKey); error != simdjson::SUCCESS)
                        return malformed(error);
                    std::string_view version;
                    if (metaKey == "api-version" &&
                        metaField.value().get_string().get(version) == simdjson::SUCCESS) {
                        page.apiVersion = std::string(version);
                        break;
                    }
                }
            }
        } else if (key == "name" && !nameSeen) {
            nameSeen = true;
            std::string_view name;
            if (value.get_string().get(name) == simdjson::SUCCESS)
                page.name = std::string(name);
        } else if (key == "versions" && !versionsSeen) {
            versionsSeen = true;
            simdjson::ondemand::array versions;
            if (value.get_array().get(versions) == simdjson::SUCCESS) {
                for (auto version : versions) {
                    std::string_view text;
                    if (version.get_string().get(text) == simdjson::SUCCESS)
                        page.versions.emplace_back(text);
                }
            }
        } else if (key == "files" && !filesSeen) {
            filesSeen = true;
            simdjson::ondemand::array files;
            if (value.get_array().get(files) != simdjson::SUCCESS)
                continue; // reported below, as not a list
            filesList = true;
            // Counting the entries first (a pass over the structure alone) spares growing the
            // lists through fresh memory.
            std::size_t count = 0;
            if (files.count_elements().get(count) == simdjson::SUCCESS &&
                files.reset().error() == simdjson::SUCCESS) {
                page.files.reserve(count);
                page.entries.reserve(count);
            }
            std::size_t position = 0;
            for (auto element : files) {
                simdjson::ondemand::value entry;
                if (const auto error = element.get(entry); error != simdjson::SUCCESS)
                    return malformed(error);
                if (auto summarized = summarizeEntry(entry, position, json.data(), links, pageUrl, page);
                    !summarized && !fileFailure)
                    fileFailure = std::move(summarized.error());
                if (fileFailure)
                    break;
                ++position;
            }
        }
    }
    if (!fileFailure && document.current_location().error() == simdjson::SUCCESS)
        return malformed(simdjson::TRAILING_CONTENT); // something after the top-level object
    if (!page.apiVersion.empty() && !page.apiVersion.starts_with("1."))
        return std::unexpected(jsonError(pageUrl, "unsupported API version " + page.apiVersion));
    if (fileFailure)
        return std::unexpected(std::move(*fileFailure));
    if (!filesList)
        return std::unexpected(jsonError(pageUrl, "\"files\" is missing or not a list"));
    page.text = std::make_shared<const PageText>(std::move(json), std::string(pageUrl));
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
