#include <catch2/catch.hpp>

#include <cstdlib>

#include "util/localised_date.h"

using namespace handout;

TEST_CASE("dates are written out in the article's language by ICU") {
  CHECK(localised_date("2026-11-20", "en") == "November 20, 2026");
  CHECK(localised_date("2026-11-20", "en-GB") == "20 November 2026");
  CHECK(localised_date("2026-11-20", "es") == "20 de noviembre de 2026");
  CHECK(localised_date("2026-01-05", "fr") == "5 janvier 2026");
  CHECK(localised_date("2026-03-01", "de") == "1. März 2026");
  CHECK(localised_date("2026-11-20", "zh") == "2026年11月20日");
  CHECK(localised_date("2026-11-20", "ko") == "2026년 11월 20일");
  CHECK(localised_date("2026-11-20", "vi").find("2026") != std::string::npos);
  CHECK(localised_date("2026-11-20", "ru").find("ноября") != std::string::npos);
  CHECK(localised_date("2026-11-20", "ar").find("نوفمبر") != std::string::npos);
}

TEST_CASE("a date does not depend on the machine's time zone") {
  const char* saved = std::getenv("TZ");
  std::string before = localised_date("2026-01-01", "en");
  setenv("TZ", "Pacific/Kiritimati", 1);  // UTC+14
  std::string far_east = localised_date("2026-01-01", "en");
  setenv("TZ", "Pacific/Pago_Pago", 1);  // UTC-11
  std::string far_west = localised_date("2026-01-01", "en");
  if (saved) setenv("TZ", saved, 1); else unsetenv("TZ");
  CHECK(before == "January 1, 2026");
  CHECK(far_east == before);
  CHECK(far_west == before);
}

TEST_CASE("a value that is no date is kept as written") {
  CHECK(localised_date("soon", "en") == "soon");
  CHECK(localised_date("2026-13-01", "en") == "2026-13-01");
}
