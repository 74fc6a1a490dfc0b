#include "core/install/entry_points.h"

namespace pindex::install {

namespace {

std::string trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return std::string(text);
}

} // namespace

Result<std::vector<EntryPoint>> parseLauncherEntryPoints(std::string_view text, const std::string& fileName)
{
    std::vector<EntryPoint> points;
    std::string section;
    std::uint32_t lineNumber = 0;
    while (!text.empty()) {
        ++lineNumber;
        const auto newline = text.find('\n');
        const std::string line = trim(text.substr(0, newline));
        if (newline == std::string_view::npos)
            text = {};
        else
            text.remove_prefix(newline + 1);
        if (line.empty() || line.front() == '#' || line.front() == ';')
            continue;
        if (line.front() == '[') {
            section = trim(std::string_view(line).substr(1, line.find(']') - 1));
            continue;
        }
        if (section != "console_scripts" && section != "gui_scripts")
            continue;
        const auto equals = line.find('=');
        if (equals == std::string::npos)
            return std::unexpected(makeFileError(
                ErrorCode::Parse, "An entry point needs `name = module:object`.", fileName, lineNumber, 1));
        EntryPoint point;
        point.name = trim(std::string_view(line).substr(0, equals));
        std::string value = trim(std::string_view(line).substr(equals + 1));
        if (const auto bracket = value.find('['); bracket != std::string::npos)
            value = trim(std::string_view(value).substr(0, bracket));
        const auto colon = value.find(':');
        if (colon == std::string::npos || point.name.empty() || point.name.find('/') != std::string::npos)
            return std::unexpected(makeFileError(
                ErrorCode::Parse, "The entry point `" + line + "` is not `name = module:object`.", fileName,
                lineNumber, 1));
        point.module = trim(std::string_view(value).substr(0, colon));
        point.attribute = trim(std::string_view(value).substr(colon + 1));
        points.push_back(std::move(point));
    }
    return points;
}

std::string launcherScript(const EntryPoint& point, const std::filesystem::path& python)
{
    const std::string head = point.attribute.substr(0, point.attribute.find('.'));
    return "#!" + python.string() + "\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom " + point.module +
           " import " + head + "\nif __name__ == \"__main__\":\n" +
           "    sys.argv[0] = re.sub(r\"(-script\\.pyw|\\.exe)?$\", \"\", sys.argv[0])\n" + "    sys.exit(" +
           point.attribute + "())\n";
}

} // namespace pindex::install
