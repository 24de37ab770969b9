#include "paint/link_annotations.h"

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <fmt/format.h>

#include <algorithm>

#include "util/diagnostic.h"
#include "util/link_target.h"

namespace handout {

std::vector<std::vector<std::string>> expected_link_uris(const Pages& pages) {
  std::vector<std::vector<std::string>> uris;
  for (const Page& page : pages.pages) {
    uris.emplace_back();
    for (const PageItem& item : page.items)
      if (const auto* link = std::get_if<LinkBegin>(&item)) uris.back().push_back(ascii_uri(link->uri));
  }
  return uris;
}

namespace {

std::string name_of(QPDFObjectHandle object) { return object.isName() ? object.getName() : std::string(); }

}  // namespace

void verify_link_annotations(QPDF& pdf, const std::vector<std::vector<std::string>>& expected,
                             const std::string& output) {
  auto fail = [&](const std::string& message) {
    throw HandoutError({output}, "the PDF's links are not what was typeset: " + message);
  };
  QPDFObjectHandle root = pdf.getRoot();
  for (const char* key : {"/OpenAction", "/AA"})
    if (root.hasKey(key)) fail(fmt::format("the catalog has {}", key));
  if (root.hasKey("/Names") && root.getKey("/Names").isDictionary()) {
    QPDFObjectHandle names = root.getKey("/Names");
    for (const char* key : {"/JavaScript", "/EmbeddedFiles"})
      if (names.hasKey(key)) fail(fmt::format("the catalog's names have {}", key));
  }
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
  if (pages.size() != expected.size()) fail(fmt::format("{} pages, {} expected", pages.size(), expected.size()));
  for (std::size_t i = 0; i < pages.size(); ++i) {
    QPDFObjectHandle page = pages[i].getObjectHandle();
    if (page.hasKey("/AA")) fail(fmt::format("page {} has /AA", i + 1));
    std::vector<std::string> found;
    for (QPDFAnnotationObjectHelper& annotation : pages[i].getAnnotations()) {
      QPDFObjectHandle dict = annotation.getObjectHandle();
      if (dict.hasKey("/AA")) fail(fmt::format("an annotation on page {} has /AA", i + 1));
      if (annotation.getSubtype() != "/Link") {
        if (dict.hasKey("/A")) fail(fmt::format("a {} annotation on page {} has an action", annotation.getSubtype(), i + 1));
        continue;
      }
      QPDFObjectHandle action = dict.getKey("/A");
      if (!action.isDictionary() || name_of(action.getKey("/S")) != "/URI" || !action.getKey("/URI").isString())
        fail(fmt::format("a link on page {} has an action other than a URI", i + 1));
      if (action.hasKey("/Next") || action.hasKey("/JS") || action.hasKey("/F"))
        fail(fmt::format("a link on page {} has more than one action", i + 1));
      found.push_back(action.getKey("/URI").getStringValue());
    }
    std::vector<std::string> wanted = expected[i];
    std::sort(found.begin(), found.end());
    std::sort(wanted.begin(), wanted.end());
    if (found != wanted)
      fail(fmt::format("page {} has {} link(s), {} expected, or their targets differ", i + 1, found.size(),
                       wanted.size()));
  }
}

void verify_link_annotations_in_bytes(const std::string& bytes, const std::vector<std::vector<std::string>>& expected,
                                      const std::string& output) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile(output.c_str(), bytes.data(), bytes.size());
    verify_link_annotations(pdf, expected, output);
  } catch (const HandoutError&) {
    throw;
  } catch (const std::exception& error) {
    throw HandoutError({output}, std::string("the written PDF could not be read back: ") + error.what());
  }
}

}  // namespace handout
