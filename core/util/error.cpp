#include "core/util/error.h"

#include <utility>

namespace pindex {

std::string_view toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Io: return "I/O error";
    case ErrorCode::Parse: return "parse error";
    case ErrorCode::Invalid: return "invalid";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::NotFound: return "not found";
    case ErrorCode::Network: return "network error";
    case ErrorCode::Http: return "HTTP error";
    case ErrorCode::Unauthorized: return "unauthorized";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Unsatisfiable: return "unsatisfiable";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Internal: return "internal error";
    }
    return "error";
}

std::string Error::describe() const
{
    std::string text;
    if (location) {
        text += location->file;
        if (location->line > 0) {
            text += ':' + std::to_string(location->line);
            if (location->column > 0)
                text += ':' + std::to_string(location->column);
        }
        text += ": ";
    }
    text += message;
    if (!indexName.empty() || !url.empty()) {
        text += " [";
        if (!indexName.empty())
            text += "index " + indexName;
        if (!indexName.empty() && !url.empty())
            text += ", ";
        text += url;
        if (httpStatus != 0)
            text += ", HTTP " + std::to_string(httpStatus);
        text += ']';
    }
    if (!hint.empty())
        text += "\n  hint: " + hint;
    return text;
}

Error makeError(ErrorCode code, std::string message)
{
    Error error;
    error.code = code;
    error.message = std::move(message);
    return error;
}

Error makeFileError(ErrorCode code, std::string message, std::string file, std::uint32_t line,
                    std::uint32_t column)
{
    Error error = makeError(code, std::move(message));
    error.location = SourceLocation{std::move(file), line, column};
    return error;
}

} // namespace pindex
