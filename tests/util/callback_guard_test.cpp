// No exception crosses a C library's frames: a callback's exception, of any type, is kept by
// the guard while the library stops and returns, and is thrown again afterwards. Tried through
// the real C code of md4c and Cairo. And any exception becomes a located diagnostic.
#include <catch2/catch.hpp>

#include <cairo-pdf.h>
#include <md4c.h>
#include <toml++/toml.h>

#include <filesystem>
#include <new>
#include <stdexcept>
#include <functional>
#include <string>
#include <string_view>

#include "util/callback_guard.h"
#include "util/diagnostic.h"

using namespace handout;

namespace {

struct Parse {
  CallbackGuard guard;
  int texts = 0;
  int throw_at = 0;
  std::function<void()> thrower;
};

int parse_with_throwing_text(Parse& parse, const std::string& markdown) {
  MD_PARSER parser{};
  parser.flags = MD_FLAG_TABLES;
  parser.enter_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
  parser.leave_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
  parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.text = [](MD_TEXTTYPE, const MD_CHAR*, MD_SIZE, void* self) {
    auto& state = *static_cast<Parse*>(self);
    // Negative: md4c 0.4.8 goes on parsing after a positive return from a nested callback.
    return state.guard.run(-1, [&] {
      if (++state.texts == state.throw_at) state.thrower();
      return 0;
    });
  };
  return md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &parse);
}

}  // namespace

TEST_CASE("an exception in an md4c callback stops the parse and is thrown after md_parse returns") {
  const std::string markdown = "# One\n\nTwo *three* four.\n\n- five\n- six\n";
  Parse clean;
  CHECK(parse_with_throwing_text(clean, markdown) == 0);
  const int all_texts = clean.texts;
  REQUIRE(all_texts > 4);

  Parse failing;
  failing.throw_at = 2;
  failing.thrower = [] { throw std::runtime_error("from the callback"); };
  CHECK(parse_with_throwing_text(failing, markdown) != 0);  // md4c stopped and returned
  CHECK(failing.texts == 2);                                // no callback ran after the failure
  CHECK(failing.guard.failed());
  CHECK_THROWS_WITH(failing.guard.rethrow_if_failed(), "from the callback");
  CHECK_FALSE(failing.guard.failed());  // thrown once

  Parse unknown;  // not even a std::exception
  unknown.throw_at = 3;
  unknown.thrower = [] { throw 42; };
  CHECK(parse_with_throwing_text(unknown, markdown) != 0);
  CHECK_THROWS_AS(unknown.guard.rethrow_if_failed(), int);
}

TEST_CASE("an exception in Cairo's write callback becomes a write error, then is thrown again") {
  struct Sink {
    CallbackGuard guard;
    std::size_t written = 0;
  } sink;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      [](void* closure, const unsigned char*, unsigned int length) {
        auto& state = *static_cast<Sink*>(closure);
        return state.guard.run(CAIRO_STATUS_WRITE_ERROR, [&] {
          if (state.written > 0) throw std::bad_alloc();  // the second write fails
          state.written += length;
          return CAIRO_STATUS_SUCCESS;
        });
      },
      &sink, 100, 100);
  cairo_t* cairo = cairo_create(surface);
  cairo_rectangle(cairo, 10, 10, 50, 50);
  cairo_fill(cairo);
  cairo_show_page(cairo);
  cairo_destroy(cairo);
  cairo_surface_finish(surface);
  CHECK(cairo_surface_status(surface) == CAIRO_STATUS_WRITE_ERROR);
  cairo_surface_destroy(surface);
  CHECK_THROWS_AS(sink.guard.rethrow_if_failed(), std::bad_alloc);
}

TEST_CASE("any exception becomes a diagnostic, placed where it is known") {
  auto diagnostic_of = [](auto thrower) {
    try {
      thrower();
    } catch (...) {
      return current_exception_diagnostic({"content/a.md"});
    }
    FAIL("nothing was thrown");
    return Diagnostic{};
  };
  Diagnostic ours = diagnostic_of([] { throw HandoutError({"a.md", 3, 4}, "bad"); });
  CHECK(ours.to_string() == "a.md:3:4: error: bad");
  Diagnostic file = diagnostic_of([] {
    throw std::filesystem::filesystem_error("status", "content/" + std::string(300, 'x'),
                                            std::make_error_code(std::errc::filename_too_long));
  });
  CHECK(file.place.path == "content/" + std::string(300, 'x'));
  CHECK(file.message == "File name too long");
  Diagnostic toml = diagnostic_of([] { (void)toml::parse(std::string_view("a = [1,\n"), std::string("layouts/x.toml")); });
  CHECK(toml.place.path == "layouts/x.toml");
  CHECK(toml.place.line == 1);
  Diagnostic memory = diagnostic_of([] { throw std::bad_alloc(); });
  CHECK(memory.to_string() == "content/a.md: error: out of memory");
  Diagnostic other = diagnostic_of([] { throw std::out_of_range("vector::at"); });
  CHECK(other.to_string() == "content/a.md: error: internal error: vector::at");
  Diagnostic unknown = diagnostic_of([] { throw 7; });
  CHECK(unknown.to_string() == "content/a.md: error: internal error: an exception of unknown type");
}
