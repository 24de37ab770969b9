#pragma once
// Dates written out for a reader of a language, by ICU's locale data: "20 November 2026",
// "20 de noviembre de 2026", "2026年11月20日".
#include <string>
#include <string_view>

namespace handout {

// `iso` is "YYYY-MM-DD"; `language` a BCP 47 tag. ICU's long date style, computed in UTC so the
// result never depends on the machine's time zone. An `iso` that is not such a date comes back
// as it is.
std::string localised_date(std::string_view iso, std::string_view language);

}  // namespace handout
