#include "core/standards/dependency_parser.h"

#include <array>

#include "core/standards/name.h"
#include "core/standards/text.h"

namespace pindex::standards::detail {

namespace {

using text::isDigit;

bool isAsciiAlnum(char c)
{
    return isDigit(c) || text::isAlpha(c);
}

// Python's \w, close enough: ASCII letters, digits and '_', and any non-ASCII character that is
// not whitespace.
bool isWordAt(std::string_view source, std::size_t pos)
{
    if (pos >= source.size())
        return false;
    const char c = source[pos];
    if (static_cast<unsigned char>(c) < 0x80)
        return isAsciiAlnum(c) || c == '_';
    return text::spaceLengthAt(source, pos) == 0;
}

bool isWordBefore(std::string_view source, std::size_t pos)
{
    if (pos == 0)
        return false;
    std::size_t start = pos - 1;
    while (start > 0 && (static_cast<unsigned char>(source[start]) & 0xC0) == 0x80)
        --start;
    return isWordAt(source, start);
}

bool isBoundary(std::string_view source, std::size_t pos)
{
    return isWordBefore(source, pos) != isWordAt(source, pos);
}

bool isSeparator(char c)
{
    return c == '-' || c == '_' || c == '.';
}

class Tokenizer
{
public:
    explicit Tokenizer(std::string_view source)
        : m_source(source)
    {}

    std::string_view m_source;
    std::size_t m_pos = 0;

    [[nodiscard]] char at(std::size_t pos) const { return pos < m_source.size() ? m_source[pos] : '\0'; }

    [[nodiscard]] SyntaxError error(std::string message) const { return {std::move(message), m_pos, m_pos}; }
    [[nodiscard]] SyntaxError error(std::string message, std::size_t start) const
    {
        return {std::move(message), start, m_pos};
    }

    void consumeSpace()
    {
        while (at(m_pos) == ' ' || at(m_pos) == '\t')
            ++m_pos;
    }
    [[nodiscard]] bool isSpace() const { return at(m_pos) == ' ' || at(m_pos) == '\t'; }
    [[nodiscard]] bool isEnd() const { return m_pos == m_source.size(); }

    // \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b; returns the length or 0.
    [[nodiscard]] std::size_t identifier() const
    {
        if (!isAsciiAlnum(at(m_pos)) || isWordBefore(m_source, m_pos))
            return 0;
        std::size_t end = m_pos + 1;
        while (isAsciiAlnum(at(end)) || isSeparator(at(end)))
            ++end;
        while (end > m_pos && !isBoundary(m_source, end))
            --end;
        return end - m_pos;
    }

    // A keyword with word boundaries on both sides.
    [[nodiscard]] bool keyword(std::string_view word) const
    {
        return m_source.substr(m_pos).starts_with(word) && !isWordBefore(m_source, m_pos) &&
               !isWordAt(m_source, m_pos + word.size()) && isWordAt(m_source, m_pos);
    }

    [[nodiscard]] std::optional<MarkerVariable> variable(std::size_t& length) const
    {
        struct Name
        {
            std::string_view text;
            MarkerVariable variable;
        };
        static constexpr std::array<Name, 20> kNames{{
            {"python_version", MarkerVariable::PythonVersion},
            {"python_full_version", MarkerVariable::PythonFullVersion},
            {"os.name", MarkerVariable::OsName},
            {"os_name", MarkerVariable::OsName},
            {"sys.platform", MarkerVariable::SysPlatform},
            {"sys_platform", MarkerVariable::SysPlatform},
            {"platform_release", MarkerVariable::PlatformRelease},
            {"platform_system", MarkerVariable::PlatformSystem},
            {"platform.version", MarkerVariable::PlatformVersion},
            {"platform_version", MarkerVariable::PlatformVersion},
            {"platform.machine", MarkerVariable::PlatformMachine},
            {"platform_machine", MarkerVariable::PlatformMachine},
            {"platform.python_implementation", MarkerVariable::PlatformPythonImplementation},
            {"platform_python_implementation", MarkerVariable::PlatformPythonImplementation},
            {"python_implementation", MarkerVariable::PlatformPythonImplementation},
            {"implementation_name", MarkerVariable::ImplementationName},
            {"implementation_version", MarkerVariable::ImplementationVersion},
            {"extras", MarkerVariable::Extras},
            {"extra", MarkerVariable::Extra},
            {"dependency_groups", MarkerVariable::DependencyGroups},
        }};
        if (isWordBefore(m_source, m_pos))
            return std::nullopt;
        for (const Name& name : kNames) {
            if (m_source.substr(m_pos).starts_with(name.text) &&
                !isWordAt(m_source, m_pos + name.text.size())) {
                length = name.text.size();
                return name.variable;
            }
        }
        return std::nullopt;
    }

    // '...' or "..." without the quote inside; returns the length or 0.
    [[nodiscard]] std::size_t quotedString() const
    {
        const char quote = at(m_pos);
        if (quote != '\'' && quote != '"')
            return 0;
        const std::size_t close = m_source.find(quote, m_pos + 1);
        return close == std::string_view::npos ? 0 : close + 1 - m_pos;
    }

    // ===|==|~=|!=|<=|>=|<|>
    [[nodiscard]] std::size_t markerOperator(MarkerOperator& op) const
    {
        const std::string_view rest = m_source.substr(m_pos);
        struct Entry
        {
            std::string_view text;
            MarkerOperator op;
        };
        static constexpr std::array<Entry, 8> kOperators{{
            {"===", MarkerOperator::Arbitrary},
            {"==", MarkerOperator::Equal},
            {"~=", MarkerOperator::Compatible},
            {"!=", MarkerOperator::NotEqual},
            {"<=", MarkerOperator::LessEqual},
            {">=", MarkerOperator::GreaterEqual},
            {"<", MarkerOperator::Less},
            {">", MarkerOperator::Greater},
        }};
        for (const Entry& entry : kOperators) {
            if (rest.starts_with(entry.text)) {
                op = entry.op;
                return entry.text.size();
            }
        }
        return 0;
    }
};

class Parser
{
public:
    explicit Parser(std::string_view source)
        : m_tokens(source)
    {}

    SyntaxResult<ParsedRequirement> requirement();
    SyntaxResult<MarkerNode> fullMarker();

private:
    SyntaxResult<MarkerNode> marker();
    SyntaxResult<MarkerNode> markerAtom();
    SyntaxResult<MarkerComparison> markerItem();
    SyntaxResult<MarkerOperand> markerOperand();
    SyntaxResult<MarkerOperator> markerOperator();
    SyntaxResult<std::vector<std::string>> extras();
    SyntaxResult<std::string> specifier();
    SyntaxResult<std::string> versionMany();
    SyntaxResult<MarkerNode> requirementMarker(std::size_t spanStart, std::string_view expected);

    Tokenizer m_tokens;
    std::size_t m_depth = 0; // parentheses open around the marker being read
};

// Every level of parentheses is a level of recursion here (and in whatever walks the tree): a
// hostile metadata file must not be able to exhaust the stack. Real markers nest two or three deep.
constexpr std::size_t kMaxMarkerNesting = 100;

SyntaxResult<ParsedRequirement> Parser::requirement()
{
    Tokenizer& t = m_tokens;
    ParsedRequirement result;
    t.consumeSpace();
    const std::size_t nameLength = t.identifier();
    if (nameLength == 0)
        return std::unexpected(t.error("Expected package name at the start of dependency specifier"));
    result.name = std::string(t.m_source.substr(t.m_pos, nameLength));
    t.m_pos += nameLength;
    t.consumeSpace();

    auto parsedExtras = extras();
    if (!parsedExtras)
        return std::unexpected(parsedExtras.error());
    result.extras = std::move(*parsedExtras);
    t.consumeSpace();

    if (t.at(t.m_pos) == '@') {
        ++t.m_pos;
        t.consumeSpace();
        const std::size_t urlStart = t.m_pos;
        std::size_t end = urlStart;
        while (end < t.m_source.size() && t.m_source[end] != ' ' && t.m_source[end] != '\t')
            ++end;
        if (end == urlStart)
            return std::unexpected(t.error("Expected URL after @"));
        result.url = std::string(t.m_source.substr(urlStart, end - urlStart));
        t.m_pos = end;
        if (!t.isEnd()) {
            if (!t.isSpace())
                return std::unexpected(t.error("Expected whitespace after URL"));
            t.consumeSpace();
            if (!t.isEnd()) {
                auto parsedMarker = requirementMarker(urlStart, "semicolon (after URL and whitespace)");
                if (!parsedMarker)
                    return std::unexpected(parsedMarker.error());
                result.marker = std::move(*parsedMarker);
            }
        }
    } else {
        const std::size_t specifierStart = t.m_pos;
        auto parsedSpecifier = specifier();
        if (!parsedSpecifier)
            return std::unexpected(parsedSpecifier.error());
        result.specifier = std::move(*parsedSpecifier);
        t.consumeSpace();
        if (!t.isEnd()) {
            auto parsedMarker = requirementMarker(
                specifierStart, !result.specifier.empty()
                                    ? "comma (within version specifier), semicolon (after version specifier)"
                                    : "semicolon (after name with no version specifier)");
            if (!parsedMarker)
                return std::unexpected(parsedMarker.error());
            result.marker = std::move(*parsedMarker);
        }
    }
    if (!t.isEnd())
        return std::unexpected(t.error("Expected end of dependency specifier"));
    return result;
}

SyntaxResult<MarkerNode> Parser::requirementMarker(std::size_t spanStart, std::string_view expected)
{
    Tokenizer& t = m_tokens;
    if (t.at(t.m_pos) != ';')
        return std::unexpected(t.error("Expected " + std::string(expected) + " or end", spanStart));
    ++t.m_pos;
    auto result = marker();
    if (!result)
        return result;
    t.consumeSpace();
    return result;
}

SyntaxResult<std::vector<std::string>> Parser::extras()
{
    Tokenizer& t = m_tokens;
    std::vector<std::string> result;
    if (t.at(t.m_pos) != '[')
        return result;
    const std::size_t open = t.m_pos;
    ++t.m_pos;
    t.consumeSpace();
    if (std::size_t length = t.identifier(); length > 0) {
        result.emplace_back(t.m_source.substr(t.m_pos, length));
        t.m_pos += length;
        while (true) {
            t.consumeSpace();
            if (t.identifier() > 0)
                return std::unexpected(t.error("Expected comma between extra names"));
            if (t.at(t.m_pos) != ',')
                break;
            ++t.m_pos;
            t.consumeSpace();
            length = t.identifier();
            if (length == 0)
                return std::unexpected(t.error("Expected extra name after comma"));
            result.emplace_back(t.m_source.substr(t.m_pos, length));
            t.m_pos += length;
        }
    }
    t.consumeSpace();
    if (t.at(t.m_pos) != ']')
        return std::unexpected(
            t.error("Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", open));
    ++t.m_pos;
    return result;
}

SyntaxResult<std::string> Parser::specifier()
{
    Tokenizer& t = m_tokens;
    const bool parenthesized = t.at(t.m_pos) == '(';
    const std::size_t open = t.m_pos;
    if (parenthesized)
        ++t.m_pos;
    t.consumeSpace();
    auto result = versionMany();
    if (!result)
        return result;
    t.consumeSpace();
    if (parenthesized) {
        if (t.at(t.m_pos) != ')')
            return std::unexpected(t.error(
                "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier", open));
        ++t.m_pos;
    }
    return result;
}

SyntaxResult<std::string> Parser::versionMany()
{
    Tokenizer& t = m_tokens;
    std::string result;
    while (const std::size_t length = matchSpecifierToken(t.m_source, t.m_pos)) {
        const std::size_t start = t.m_pos;
        const std::string_view token = t.m_source.substr(start, length);
        result += token;
        t.m_pos += length;
        if (t.at(t.m_pos) == '.' && t.at(t.m_pos + 1) == '*') {
            const std::string_view trimmed = text::strip(token);
            const std::string message = (trimmed.starts_with("==") || trimmed.starts_with("!="))
                                            ? ".* suffix cannot be used after pre-release, post-release, "
                                              "developmental release, or local version labels"
                                            : ".* suffix can only be used with `==` or `!=` operators";
            return std::unexpected(SyntaxError{message, start, t.m_pos + 1});
        }
        if (t.at(t.m_pos) == '+') {
            const char next = t.at(t.m_pos + 1);
            if (isDigit(next) || (next >= 'a' && next <= 'z'))
                return std::unexpected(
                    t.error("Local version label can only be used with `==` or `!=` operators", start));
        }
        t.consumeSpace();
        if (t.at(t.m_pos) != ',')
            break;
        result += ',';
        ++t.m_pos;
        t.consumeSpace();
    }
    return result;
}

SyntaxResult<MarkerNode> Parser::fullMarker()
{
    auto result = marker();
    if (!result)
        return result;
    if (!m_tokens.isEnd())
        return std::unexpected(m_tokens.error("Expected end of marker expression"));
    return result;
}

SyntaxResult<MarkerNode> Parser::marker()
{
    Tokenizer& t = m_tokens;
    MarkerNode group;
    group.isGroup = true;
    auto first = markerAtom();
    if (!first)
        return first;
    group.items.push_back(std::move(*first));
    while (true) {
        MarkerJoin join = MarkerJoin::And;
        if (t.keyword("or"))
            join = MarkerJoin::Or;
        else if (!t.keyword("and"))
            break;
        t.m_pos += join == MarkerJoin::Or ? 2 : 3;
        auto next = markerAtom();
        if (!next)
            return next;
        group.joins.push_back(join);
        group.items.push_back(std::move(*next));
    }
    return group;
}

SyntaxResult<MarkerNode> Parser::markerAtom()
{
    Tokenizer& t = m_tokens;
    t.consumeSpace();
    MarkerNode node;
    if (t.at(t.m_pos) == '(') {
        const std::size_t open = t.m_pos;
        if (m_depth == kMaxMarkerNesting)
            return std::unexpected(t.error("Expected at most " + std::to_string(kMaxMarkerNesting) +
                                               " nested parentheses in a marker",
                                           open));
        ++t.m_pos;
        t.consumeSpace();
        ++m_depth;
        auto inner = marker();
        --m_depth;
        if (!inner)
            return inner;
        t.consumeSpace();
        if (t.at(t.m_pos) != ')')
            return std::unexpected(t.error(
                "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression", open));
        ++t.m_pos;
        node = std::move(*inner);
    } else {
        auto item = markerItem();
        if (!item)
            return std::unexpected(item.error());
        node.comparison = std::move(*item);
    }
    t.consumeSpace();
    return node;
}

SyntaxResult<MarkerComparison> Parser::markerItem()
{
    Tokenizer& t = m_tokens;
    MarkerComparison comparison;
    t.consumeSpace();
    auto left = markerOperand();
    if (!left)
        return std::unexpected(left.error());
    t.consumeSpace();
    auto op = markerOperator();
    if (!op)
        return std::unexpected(op.error());
    t.consumeSpace();
    auto right = markerOperand();
    if (!right)
        return std::unexpected(right.error());
    t.consumeSpace();
    comparison.left = std::move(*left);
    comparison.op = *op;
    comparison.right = std::move(*right);
    return comparison;
}

SyntaxResult<MarkerOperand> Parser::markerOperand()
{
    Tokenizer& t = m_tokens;
    MarkerOperand operand;
    std::size_t length = 0;
    if (const auto variable = t.variable(length)) {
        operand.isVariable = true;
        operand.variable = *variable;
        t.m_pos += length;
        return operand;
    }
    length = t.quotedString();
    if (length == 0)
        return std::unexpected(t.error("Expected a marker variable or quoted string"));
    const std::size_t start = t.m_pos;
    t.m_pos += length;
    auto decoded = decodePythonString(t.m_source.substr(start, length));
    if (!decoded)
        return std::unexpected(SyntaxError{"Invalid quoted string", start, start + length});
    operand.value = std::move(*decoded);
    return operand;
}

SyntaxResult<MarkerOperator> Parser::markerOperator()
{
    Tokenizer& t = m_tokens;
    if (t.keyword("in")) {
        t.m_pos += 2;
        return MarkerOperator::In;
    }
    if (t.keyword("not")) {
        t.m_pos += 3;
        if (!t.isSpace())
            return std::unexpected(t.error("Expected whitespace after 'not'"));
        t.consumeSpace();
        if (!t.keyword("in"))
            return std::unexpected(t.error("Expected 'in' after 'not'"));
        t.m_pos += 2;
        return MarkerOperator::NotIn;
    }
    MarkerOperator op = MarkerOperator::Equal;
    if (const std::size_t length = t.markerOperator(op)) {
        t.m_pos += length;
        return op;
    }
    return std::unexpected(
        t.error("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in"));
}

} // namespace

void normalizeExtraValues(MarkerNode& node)
{
    if (node.isGroup) {
        for (MarkerNode& item : node.items)
            normalizeExtraValues(item);
        return;
    }
    MarkerComparison& comparison = node.comparison;
    auto normalizeAgainst = [&comparison](const MarkerOperand& variable, MarkerOperand& value) {
        if (!variable.isVariable || value.isVariable)
            return;
        const bool membership = comparison.op == MarkerOperator::In || comparison.op == MarkerOperator::NotIn;
        if (variable.variable == MarkerVariable::Extra ||
            (membership && (variable.variable == MarkerVariable::Extras ||
                            variable.variable == MarkerVariable::DependencyGroups)))
            value.value = canonicalizeName(value.value);
    };
    normalizeAgainst(comparison.left, comparison.right);
    normalizeAgainst(comparison.right, comparison.left);
}

std::string describeSyntaxError(std::string_view source, const SyntaxError& error)
{
    const std::size_t column =
        text::codePointCount(source.substr(0, std::min(error.spanEnd, source.size()))) + 1;
    return error.message + " at column " + std::to_string(column);
}

SyntaxResult<ParsedRequirement> parseRequirementSyntax(std::string_view text)
{
    return Parser(text).requirement();
}

SyntaxResult<MarkerNode> parseMarkerSyntax(std::string_view text)
{
    return Parser(text).fullMarker();
}

} // namespace pindex::standards::detail
