#include "util/localised_date.h"

#include <unicode/datefmt.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <memory>

namespace handout {

std::string localised_date(std::string_view iso, std::string_view language) {
  int year = 0, month = 0, day = 0;
  std::string text(iso);
  if (std::sscanf(text.c_str(), "%d-%d-%d", &year, &month, &day) != 3 || month < 1 || month > 12 || day < 1 ||
      day > 31)
    return text;
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(std::string(language), status);
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    locale = icu::Locale::getRoot();
  }
  std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
  icu::GregorianCalendar calendar(*utc, locale, status);
  calendar.clear();
  calendar.set(year, month - 1, day, 12, 0, 0);  // noon: far from any day boundary
  UDate when = calendar.getTime(status);
  std::unique_ptr<icu::DateFormat> format(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (U_FAILURE(status) || !format) return text;
  format->setTimeZone(*utc);
  icu::UnicodeString written;
  format->format(when, written);
  std::string out;
  written.toUTF8String(out);
  return out;
}

}  // namespace handout
