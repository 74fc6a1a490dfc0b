#include "core/index/http_date.h"

#include <array>
#include <chrono>
#include <vector>

namespace pindex::index {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};

bool isDigits(std::string_view text)
{
    if (text.empty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

int number(std::string_view digits)
{
    int value = 0;
    for (const char c : digits)
        value = value * 10 + (c - '0');
    return value;
}

template <std::size_t N>
bool oneOf(std::string_view token, const std::array<std::string_view, N>& names)
{
    for (const auto name : names) {
        if (token == name)
            return true;
    }
    return false;
}

// "HH:MM:SS" to seconds of the day.
std::optional<int> timeOfDay(std::string_view token)
{
    if (token.size() != 8 || token[2] != ':' || token[5] != ':')
        return std::nullopt;
    const auto hours = token.substr(0, 2);
    const auto minutes = token.substr(3, 2);
    const auto seconds = token.substr(6, 2);
    if (!isDigits(hours) || !isDigits(minutes) || !isDigits(seconds))
        return std::nullopt;
    // 60: a leap second, which the epoch count folds into the next minute.
    if (number(hours) > 23 || number(minutes) > 59 || number(seconds) > 60)
        return std::nullopt;
    return number(hours) * 3600 + number(minutes) * 60 + number(seconds);
}

} // namespace

std::optional<std::int64_t> parseHttpDate(std::string_view text, std::int64_t now)
{
    // Tokens are separated by spaces, commas and (in RFC 850's date) dashes.
    std::vector<std::string_view> tokens;
    std::size_t start = std::string_view::npos;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool separator =
            i == text.size() || text[i] == ' ' || text[i] == ',' || text[i] == '-' || text[i] == '\t';
        if (!separator && start == std::string_view::npos)
            start = i;
        if (separator && start != std::string_view::npos) {
            tokens.push_back(text.substr(start, i - start));
            start = std::string_view::npos;
        }
    }
    std::optional<unsigned> month;
    std::optional<int> seconds;
    std::vector<std::string_view> numbers; // day and year, in the order given
    bool weekday = false;
    bool zone = false;
    for (const auto token : tokens) {
        if (!month && oneOf(token, kMonths)) {
            for (std::size_t m = 0; m < kMonths.size(); ++m) {
                if (kMonths[m] == token)
                    month = static_cast<unsigned>(m + 1);
            }
        } else if (!weekday && (oneOf(token, kDays) || oneOf(token, kLongDays))) {
            weekday = true;
        } else if (!zone && (token == "GMT" || token == "UTC")) {
            zone = true;
        } else if (!seconds && token.find(':') != std::string_view::npos) {
            seconds = timeOfDay(token);
            if (!seconds)
                return std::nullopt;
        } else if (isDigits(token) && token.size() <= 4 && numbers.size() < 2) {
            numbers.push_back(token);
        } else {
            return std::nullopt;
        }
    }
    if (!month || !seconds || numbers.size() != 2)
        return std::nullopt;
    // IMF-fixdate and RFC 850 give the day first; asctime gives it first too ("Nov  6 ... 1994"),
    // its year last. The year is the four-digit number, else (RFC 850) the second two-digit one.
    std::string_view dayText = numbers[0];
    std::string_view yearText = numbers[1];
    if (dayText.size() == 4)
        std::swap(dayText, yearText);
    if (dayText.size() > 2 || (yearText.size() != 4 && yearText.size() != 2))
        return std::nullopt;
    int year = number(yearText);
    if (yearText.size() == 2) {
        const auto today = std::chrono::year_month_day{
            std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{now}})};
        const int thisYear = static_cast<int>(today.year());
        year += thisYear - thisYear % 100;
        if (year > thisYear + 50)
            year -= 100;
    }
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{*month},
                                           std::chrono::day{static_cast<unsigned>(number(dayText))}};
    if (!date.ok())
        return std::nullopt;
    const auto days = std::chrono::sys_days{date}.time_since_epoch().count();
    return static_cast<std::int64_t>(days) * 86400 + *seconds;
}

} // namespace pindex::index
