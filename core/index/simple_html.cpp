#include "core/index/simple_html.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <utility>
#include <vector>

#include "core/index/simple_json.h"
#include "core/index/url.h"
#include "core/util/utf8.h"

namespace pindex::index {
namespace {

char lower(char c)
{
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

// A character reference's code point as UTF-8; NUL, surrogates and values past Unicode become
// U+FFFD, as HTML decodes them.
void appendReference(std::string& out, std::uint32_t codePoint)
{
    if (codePoint == 0 || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        codePoint = 0xFFFD;
    util::appendUtf8(out, codePoint);
}

struct Attribute
{
    std::string_view name;
    std::string_view rawValue;
    bool hasValue = false;
};

// A start tag: its lower-cased name and its attributes (values still raw).
struct Tag
{
    std::string name;
    bool closing = false;
    std::vector<Attribute> attributes;

    [[nodiscard]] const Attribute* find(std::string_view attributeName) const
    {
        for (const auto& attribute : attributes) {
            if (equalsIgnoringCase(attribute.name, attributeName))
                return &attribute;
        }
        return nullptr;
    }
};

// Parses the tag starting at html[position] == '<'; returns the position after '>'.
std::size_t parseTag(std::string_view html, std::size_t position, Tag& tag)
{
    tag.name.clear();
    tag.attributes.clear();
    tag.closing = false;
    std::size_t i = position + 1;
    if (i < html.size() && html[i] == '/') {
        tag.closing = true;
        ++i;
    }
    while (i < html.size() && !isSpace(html[i]) && html[i] != '>' && html[i] != '/')
        tag.name += lower(html[i++]);
    while (i < html.size()) {
        while (i < html.size() && (isSpace(html[i]) || html[i] == '/'))
            ++i;
        if (i >= html.size())
            break;
        if (html[i] == '>')
            return i + 1;
        const std::size_t nameStart = i;
        while (i < html.size() && !isSpace(html[i]) && html[i] != '=' && html[i] != '>' && html[i] != '/')
            ++i;
        Attribute attribute{html.substr(nameStart, i - nameStart), {}, false};
        while (i < html.size() && isSpace(html[i]))
            ++i;
        if (i < html.size() && html[i] == '=') {
            ++i;
            while (i < html.size() && isSpace(html[i]))
                ++i;
            attribute.hasValue = true;
            if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
                const char quote = html[i++];
                const std::size_t valueStart = i;
                const std::size_t valueEnd = html.find(quote, i);
                const std::size_t end = valueEnd == std::string_view::npos ? html.size() : valueEnd;
                attribute.rawValue = html.substr(valueStart, end - valueStart);
                i = end == html.size() ? end : end + 1;
            } else {
                const std::size_t valueStart = i;
                while (i < html.size() && !isSpace(html[i]) && html[i] != '>')
                    ++i;
                attribute.rawValue = html.substr(valueStart, i - valueStart);
            }
        }
        if (!attribute.name.empty())
            tag.attributes.push_back(attribute);
    }
    return html.size();
}

std::string trim(std::string_view text)
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

std::string lowerCopy(std::string_view text)
{
    std::string result(text);
    std::ranges::transform(result, result.begin(), lower);
    return result;
}

// "sha256=abc" -> {"sha256", "abc"}; false if not of that shape.
bool parseHashPair(std::string_view text, std::map<std::string, std::string>& into)
{
    const auto equals = text.find('=');
    if (equals == std::string_view::npos || equals == 0 || equals + 1 >= text.size())
        return false;
    into[lowerCopy(text.substr(0, equals))] = lowerCopy(text.substr(equals + 1));
    return true;
}

void applyMetadataAttribute(const Attribute& attribute, DistributionFile& file)
{
    const std::string value = trim(decodeHtmlEntities(attribute.rawValue));
    if (!attribute.hasValue || equalsIgnoringCase(value, "true") || value.empty()) {
        file.hasCoreMetadata = true;
        return;
    }
    if (equalsIgnoringCase(value, "false"))
        return;
    std::map<std::string, std::string> hashes;
    if (parseHashPair(value, hashes)) {
        file.hasCoreMetadata = true;
        file.coreMetadataHashes = std::move(hashes);
    }
}

// The text between <a ...> and </a>, entities decoded, tags inside dropped.
std::string anchorText(std::string_view html, std::size_t& position)
{
    std::string text;
    while (position < html.size()) {
        const auto next = html.find('<', position);
        const auto end = next == std::string_view::npos ? html.size() : next;
        text += html.substr(position, end - position);
        position = end;
        if (next == std::string_view::npos)
            break;
        Tag tag;
        const std::size_t after = parseTag(html, next, tag);
        if (tag.closing && tag.name == "a") {
            position = after;
            break;
        }
        position = after;
    }
    return trim(decodeHtmlEntities(text));
}

std::size_t skipComment(std::string_view html, std::size_t position)
{
    const auto end = html.find("-->", position + 4);
    return end == std::string_view::npos ? html.size() : end + 3;
}

std::string lastPathSegment(std::string_view url)
{
    const auto query = url.find_first_of("?#");
    url = url.substr(0, query);
    const auto slash = url.rfind('/');
    return percentDecode(slash == std::string_view::npos ? url : url.substr(slash + 1));
}

} // namespace

std::string decodeHtmlEntities(std::string_view text)
{
    if (text.find('&') == std::string_view::npos)
        return std::string(text);
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kNamed{{
        {"amp", "&"},
        {"lt", "<"},
        {"gt", ">"},
        {"quot", "\""},
        {"apos", "'"},
        {"nbsp", "\xC2\xA0"},
        {"equals", "="},
        {"excl", "!"},
    }};
    std::string result;
    result.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '&') {
            result += text[i++];
            continue;
        }
        const auto semicolon = text.find(';', i + 1);
        if (semicolon == std::string_view::npos || semicolon - i > 12) {
            result += text[i++];
            continue;
        }
        const std::string_view entity = text.substr(i + 1, semicolon - i - 1);
        bool decoded = false;
        if (entity.size() > 1 && entity[0] == '#') {
            std::uint32_t codePoint = 0;
            const bool hex = entity[1] == 'x' || entity[1] == 'X';
            const std::string_view digits = entity.substr(hex ? 2 : 1);
            const auto [end, error] =
                std::from_chars(digits.data(), digits.data() + digits.size(), codePoint, hex ? 16 : 10);
            if (error == std::errc() && end == digits.data() + digits.size() && !digits.empty()) {
                appendReference(result, codePoint);
                decoded = true;
            }
        } else {
            for (const auto& [name, replacement] : kNamed) {
                if (entity == name) {
                    result += replacement;
                    decoded = true;
                    break;
                }
            }
        }
        if (decoded) {
            i = semicolon + 1;
        } else {
            result += text[i++];
        }
    }
    return result;
}

Result<ProjectPage> parseProjectPageHtml(std::string_view html, std::string_view pageUrl)
{
    ProjectPage page;
    page.format = ApiFormat::Html;
    std::string baseUrl(pageUrl);
    Tag tag;
    LinkResolver links(baseUrl);
    std::size_t position = 0;
    while (true) {
        const auto open = html.find('<', position);
        if (open == std::string_view::npos)
            break;
        if (html.substr(open, 4) == "<!--") {
            position = skipComment(html, open);
            continue;
        }
        position = parseTag(html, open, tag);
        if (tag.closing)
            continue;
        if (tag.name == "base") {
            if (const auto* href = tag.find("href"); href != nullptr && href->hasValue) {
                auto resolved = resolveUrl(baseUrl, decodeHtmlEntities(href->rawValue));
                if (resolved) {
                    baseUrl = std::move(*resolved);
                    links = LinkResolver(baseUrl);
                }
            }
            continue;
        }
        if (tag.name == "meta") {
            const auto* name = tag.find("name");
            const auto* content = tag.find("content");
            if (name != nullptr && content != nullptr &&
                equalsIgnoringCase(decodeHtmlEntities(name->rawValue), "pypi:repository-version"))
                page.apiVersion = trim(decodeHtmlEntities(content->rawValue));
            continue;
        }
        if (tag.name != "a")
            continue;
        const Attribute* href = tag.find("href");
        if (href == nullptr || !href->hasValue)
            continue;
        DistributionFile file;
        std::string link = trim(decodeHtmlEntities(href->rawValue));
        const auto hash = link.find('#');
        if (hash != std::string::npos) {
            parseHashPair(std::string_view(link).substr(hash + 1), file.hashes);
            link.resize(hash);
        }
        auto resolved = links.resolve(link);
        if (!resolved)
            return std::unexpected(resolved.error());
        file.url = std::move(*resolved);
        if (const auto* requiresPython = tag.find("data-requires-python"))
            file.requiresPython = trim(decodeHtmlEntities(requiresPython->rawValue));
        if (const auto* yanked = tag.find("data-yanked")) {
            file.yanked = true;
            file.yankedReason = trim(decodeHtmlEntities(yanked->rawValue));
        }
        if (const auto* metadata = tag.find("data-core-metadata"))
            applyMetadataAttribute(*metadata, file);
        else if (const auto* legacy = tag.find("data-dist-info-metadata"))
            applyMetadataAttribute(*legacy, file);
        file.filename = anchorText(html, position);
        const std::string fromUrl = lastPathSegment(file.url);
        if (file.filename.empty() || file.filename.find('/') != std::string::npos)
            file.filename = fromUrl;
        if (file.filename.empty())
            continue; // a link that names no file (href="#", a directory) is not a distribution
        page.files.push_back(std::move(file));
    }
    return page;
}

Result<ProjectList> parseProjectListHtml(std::string_view html)
{
    ProjectList list;
    list.format = ApiFormat::Html;
    Tag tag;
    std::size_t position = 0;
    while (true) {
        const auto open = html.find('<', position);
        if (open == std::string_view::npos)
            break;
        if (html.substr(open, 4) == "<!--") {
            position = skipComment(html, open);
            continue;
        }
        position = parseTag(html, open, tag);
        if (tag.closing)
            continue;
        if (tag.name == "meta") {
            const auto* name = tag.find("name");
            const auto* content = tag.find("content");
            if (name != nullptr && content != nullptr &&
                equalsIgnoringCase(decodeHtmlEntities(name->rawValue), "pypi:repository-version"))
                list.apiVersion = trim(decodeHtmlEntities(content->rawValue));
            continue;
        }
        if (tag.name != "a")
            continue;
        std::string name = anchorText(html, position);
        if (!name.empty())
            list.names.push_back(std::move(name));
    }
    return list;
}

} // namespace pindex::index
