#include "tests/unit/project/edit_script.h"

#include <sstream>

namespace pindex::project::test {
namespace {

Error scriptError(const std::string& message)
{
    return makeError(ErrorCode::Parse, message);
}

Result<DependencyEntry::Kind> parseTarget(const std::string& word, std::string& group)
{
    if (word == "main")
        return DependencyEntry::Kind::Main;
    const auto colon = word.find(':');
    if (colon != std::string::npos) {
        group = word.substr(colon + 1);
        if (word.substr(0, colon) == "extra")
            return DependencyEntry::Kind::Extra;
        if (word.substr(0, colon) == "group")
            return DependencyEntry::Kind::Group;
    }
    return std::unexpected(scriptError("unknown dependency target '" + word + "'"));
}

std::vector<std::string> dependencyScope(const std::string& target)
{
    std::string group;
    const auto kind = parseTarget(target, group);
    if (!kind || *kind == DependencyEntry::Kind::Main)
        return {"project", "dependencies"};
    if (*kind == DependencyEntry::Kind::Extra)
        return {"project", "optional-dependencies", group};
    return {"dependency-groups", group};
}

} // namespace

Result<EditOperation> parseOperation(const std::string& line)
{
    EditOperation operation;
    operation.line = line;
    std::vector<std::string> words;
    std::size_t pos = 0;
    while (pos < line.size()) {
        while (pos < line.size() && line[pos] == ' ')
            ++pos;
        if (pos >= line.size())
            break;
        std::string word;
        if (line[pos] == '"') {
            const auto end = line.find('"', pos + 1);
            if (end == std::string::npos)
                return std::unexpected(scriptError("unterminated quote in: " + line));
            word = line.substr(pos + 1, end - pos - 1);
            pos = end + 1;
        } else {
            const auto end = line.find(' ', pos);
            word = line.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            pos = end == std::string::npos ? line.size() : end;
        }
        words.push_back(std::move(word));
    }
    if (words.empty())
        return std::unexpected(scriptError("empty operation"));
    operation.verb = words.front();
    operation.arguments.assign(words.begin() + 1, words.end());
    return operation;
}

Result<std::vector<EditOperation>> parseOperations(const std::string& text)
{
    std::vector<EditOperation> operations;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line.front() == '#')
            continue;
        auto operation = parseOperation(line);
        if (!operation)
            return std::unexpected(operation.error());
        operations.push_back(std::move(*operation));
    }
    return operations;
}

Status applyOperation(ProjectDocument& document, const EditOperation& operation)
{
    const auto& verb = operation.verb;
    const auto& args = operation.arguments;
    auto need = [&](std::size_t count) -> Status {
        if (args.size() < count)
            return std::unexpected(
                scriptError("'" + verb + "' needs " + std::to_string(count) + " arguments"));
        return {};
    };
    auto optionalArg = [&](std::size_t index) { return args.size() > index ? args[index] : std::string(); };
    if (verb == "add-index") {
        if (auto ok = need(2); !ok)
            return ok;
        NewIndex index{.name = args[0], .url = args[1]};
        for (std::size_t i = 2; i < args.size(); ++i) {
            const auto& word = args[i];
            if (word == "default")
                index.isDefault = true;
            else if (word == "explicit")
                index.isExplicit = true;
            else if (word.starts_with("format="))
                index.format = word.substr(7);
            else if (word.starts_with("authenticate="))
                index.authenticate = word.substr(13);
            else if (word.starts_with("before="))
                index.before = word.substr(7);
            else
                return std::unexpected(scriptError("unknown add-index option '" + word + "'"));
        }
        return document.addIndex(index);
    }
    if (auto ok = need(1); !ok)
        return ok;
    if (verb == "remove-index")
        return document.removeIndex(args[0]);
    if (verb == "rename-index")
        return need(2) ? document.renameIndex(args[0], args[1]) : need(2);
    if (verb == "set-url")
        return need(2) ? document.setIndexUrl(args[0], args[1]) : need(2);
    if (verb == "move-up")
        return document.moveIndexUp(args[0]);
    if (verb == "move-down")
        return document.moveIndexDown(args[0]);
    if (verb == "move-before")
        return need(2) ? document.moveIndexBefore(args[0], args[1]) : need(2);
    if (verb == "set-default" || verb == "unset-default")
        return document.setIndexDefault(args[0], verb == "set-default");
    if (verb == "set-explicit" || verb == "unset-explicit")
        return document.setIndexExplicit(args[0], verb == "set-explicit");
    if (verb == "set-authenticate")
        return need(2) ? document.setIndexAuthenticate(args[0], args[1]) : need(2);
    if (verb == "unset-authenticate")
        return document.setIndexAuthenticate(args[0], std::nullopt);
    if (verb == "set-format")
        return need(2) ? document.setIndexFormat(args[0], args[1]) : need(2);
    if (verb == "unset-format")
        return document.setIndexFormat(args[0], std::nullopt);
    if (verb == "pin")
        return need(2) ? document.pinPackage(args[0], args[1], optionalArg(2)) : need(2);
    if (verb == "unpin")
        return document.unpinPackage(args[0], optionalArg(1));
    if (verb == "add-pattern")
        return need(2) ? document.addPatternPin(args[0], args[1]) : need(2);
    if (verb == "remove-pattern")
        return document.removePatternPin(args[0]);
    if (verb == "add-dep" || verb == "remove-dep" || verb == "change-dep") {
        if (auto ok = need(2); !ok)
            return ok;
        std::string group;
        const auto kind = parseTarget(args[0], group);
        if (!kind)
            return std::unexpected(kind.error());
        if (verb == "add-dep")
            return document.addDependency(*kind, group, args[1]);
        if (verb == "remove-dep")
            return document.removeDependency(*kind, group, args[1]);
        return need(3) ? document.changeDependency(*kind, group, args[1], args[2]) : need(3);
    }
    return std::unexpected(scriptError("unknown operation '" + verb + "'"));
}

std::string operationLabel(const EditOperation& operation)
{
    std::string label = operation.verb;
    for (std::size_t i = 0; i < operation.arguments.size() && i < 2; ++i) {
        label += '-';
        for (const char c : operation.arguments[i]) {
            const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                              c == '-' || c == '_' || c == '.';
            label.push_back(keep ? c : '_');
        }
    }
    return label.substr(0, 48);
}

std::vector<std::vector<std::string>> operationScope(const EditOperation& operation)
{
    const auto& verb = operation.verb;
    const std::vector<std::string> indexes{"tool", "uv", "index"};
    const std::vector<std::string> sources{"tool", "uv", "sources"};
    const std::vector<std::string> patterns{"tool", "pindex", "pin-patterns"};
    if (verb == "rename-index")
        return {indexes, sources, patterns};
    if (verb == "pin" || verb == "unpin")
        return {sources};
    if (verb == "add-pattern" || verb == "remove-pattern")
        return {patterns};
    if (verb == "add-dep" || verb == "remove-dep" || verb == "change-dep")
        return {dependencyScope(operation.arguments.empty() ? std::string() : operation.arguments.front())};
    return {indexes};
}

} // namespace pindex::project::test
