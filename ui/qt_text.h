#pragma once

// Conversions between core's UTF-8 std::string and QString, in one place.

#include <string>
#include <string_view>

#include <QString>

namespace pindex::ui {

inline QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

inline std::string toStdString(const QString& text)
{
    return text.toStdString();
}

} // namespace pindex::ui
