#include "core/standards/metadata.h"

#include <algorithm>
#include <array>

#include "core/standards/name.h"
#include "core/standards/text.h"

namespace pindex::standards {

namespace {

struct Field
{
    std::string name;
    std::string value;
    std::uint32_t line = 0;
};

class MetadataErrors
{
public:
    explicit MetadataErrors(std::string_view sourceName)
        : m_sourceName(sourceName)
    {}

    [[nodiscard]] Error make(ErrorCode code, const std::string& message, std::uint32_t line) const
    {
        if (m_sourceName.empty()) {
            const std::string where = line > 0 ? " (line " + std::to_string(line) + ")" : std::string();
            return makeError(code, message + where);
        }
        return makeFileError(code, message, std::string(m_sourceName), line);
    }

private:
    std::string_view m_sourceName;
};

std::string_view trimLineEnd(std::string_view line)
{
    if (line.ends_with('\r'))
        line.remove_suffix(1);
    return line;
}

std::string_view trimBlanks(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// Splits the header block into fields (folded lines joined with '\n') and returns the body.
std::string_view splitFields(std::string_view text, std::vector<Field>& fields)
{
    std::size_t pos = 0;
    std::uint32_t lineNumber = 0;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = trimLineEnd(text.substr(pos, end - pos));
        const std::size_t next = end < text.size() ? end + 1 : end;
        ++lineNumber;
        if (line.empty())
            return text.substr(next);
        if ((line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
            fields.back().value += '\n';
            fields.back().value += trimBlanks(line);
        } else {
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos || colon == 0 ||
                trimBlanks(line.substr(0, colon)).size() != colon)
                return text.substr(pos); // not a header: the body starts here
            fields.push_back(Field{std::string(line.substr(0, colon)),
                                   std::string(trimBlanks(line.substr(colon + 1))), lineNumber});
        }
        pos = next;
    }
    return {};
}

// A folded structured value on one line.
std::string unfold(const std::string& value)
{
    std::string result = value;
    std::replace(result.begin(), result.end(), '\n', ' ');
    return result;
}

bool isSupportedMetadataVersion(std::string_view version)
{
    static constexpr std::array<std::string_view, 4> kOld{"1.0", "1.1", "1.2", "2.0"};
    if (std::find(kOld.begin(), kOld.end(), version) != kOld.end())
        return true;
    // 2.x: later minor versions only add fields, so they are read as well.
    return version.size() >= 3 && version.starts_with("2.") &&
           std::all_of(version.begin() + 2, version.end(), text::isDigit);
}

} // namespace

Result<CoreMetadata> parseCoreMetadata(std::string_view text, std::string_view sourceName)
{
    const MetadataErrors errors(sourceName);
    std::vector<Field> fields;
    const std::string_view body = splitFields(text, fields);

    CoreMetadata metadata;
    bool haveMetadataVersion = false;
    bool haveName = false;
    bool haveVersion = false;
    std::optional<std::string> descriptionField;
    std::vector<const Field*> dynamicFields;

    for (const Field& field : fields) {
        const std::string key = text::toLower(field.name);
        const std::string value = unfold(field.value);
        auto fieldError = [&](const std::string& why) {
            return std::unexpected(
                errors.make(ErrorCode::Parse, "Invalid " + field.name + " field: " + why, field.line));
        };
        if (key == "metadata-version") {
            metadata.metadataVersion = value;
            haveMetadataVersion = true;
        } else if (key == "name") {
            if (!isValidName(value))
                return fieldError("'" + value + "' is not a valid project name");
            metadata.name = value;
            haveName = true;
        } else if (key == "version") {
            auto version = Version::parse(value);
            if (!version)
                return fieldError(version.error().message);
            metadata.version = std::move(*version);
            haveVersion = true;
        } else if (key == "requires-dist") {
            auto requirement = parseRequirement(value);
            if (!requirement)
                return fieldError(requirement.error().message);
            metadata.requiresDist.push_back(std::move(*requirement));
        } else if (key == "requires-python") {
            auto specifier = SpecifierSet::parse(value);
            if (!specifier)
                return fieldError(specifier.error().message);
            metadata.requiresPython = std::move(*specifier);
        } else if (key == "provides-extra") {
            if (!isValidName(value))
                return fieldError("'" + value + "' is not a valid extra name");
            std::string extra = normalizeExtra(value);
            if (std::find(metadata.providesExtra.begin(), metadata.providesExtra.end(), extra) ==
                metadata.providesExtra.end())
                metadata.providesExtra.push_back(std::move(extra));
        } else if (key == "dynamic") {
            dynamicFields.push_back(&field);
        } else if (key == "summary") {
            metadata.summary = value;
        } else if (key == "license") {
            metadata.license = field.value;
        } else if (key == "license-expression") {
            metadata.licenseExpression = value;
        } else if (key == "description-content-type") {
            metadata.descriptionContentType = value;
        } else if (key == "classifier") {
            metadata.classifiers.push_back(value);
        } else if (key == "project-url") {
            const std::size_t comma = value.find(',');
            if (comma == std::string::npos)
                return fieldError("expected 'label, URL'");
            metadata.projectUrls.emplace_back(
                std::string(trimBlanks(std::string_view(value).substr(0, comma))),
                std::string(trimBlanks(std::string_view(value).substr(comma + 1))));
        } else if (key == "description") {
            descriptionField = field.value;
        } else {
            metadata.otherFields.emplace_back(field.name, field.value);
        }
    }

    if (!haveMetadataVersion)
        return std::unexpected(errors.make(ErrorCode::Parse, "Missing Metadata-Version field", 0));
    if (!isSupportedMetadataVersion(metadata.metadataVersion))
        return std::unexpected(errors.make(
            ErrorCode::Unsupported, "Unsupported Metadata-Version '" + metadata.metadataVersion + "'", 0));
    if (!haveName)
        return std::unexpected(errors.make(ErrorCode::Parse, "Missing Name field", 0));
    if (!haveVersion)
        return std::unexpected(errors.make(ErrorCode::Parse, "Missing Version field", 0));

    for (const Field* field : dynamicFields) {
        const std::string name = text::toLower(trimBlanks(unfold(field->value)));
        if (name == "name" || name == "version" || name == "metadata-version")
            return std::unexpected(
                errors.make(ErrorCode::Parse,
                            "Invalid Dynamic field: '" + field->value + "' cannot be dynamic", field->line));
        if (std::find(metadata.dynamic.begin(), metadata.dynamic.end(), name) == metadata.dynamic.end())
            metadata.dynamic.push_back(name);
    }

    metadata.description = descriptionField ? *descriptionField : std::string(body);
    return metadata;
}

} // namespace pindex::standards
