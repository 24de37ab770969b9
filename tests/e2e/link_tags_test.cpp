// End-to-end tests of what PDF/UA-1 asks of links in the print and e-mail profiles: the Link
// element holds the link's words and one /OBJR per annotation (a link set over several lines has
// an annotation a line), each annotation leads back to its element through /StructParent and
// the parent tree and describes itself with /Contents, and no other element holds the link's
// words. The archive profile (libharu, untagged) keeps the same link areas. One check, one
// assertion, one message.
#include <catch2/catch.hpp>

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "content/content_loader.h"
#include "e2e/process.h"
#include "layout/layout_loader.h"
#include "typeset/block_selection.h"

using namespace handout;
using namespace handout::testing;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::vector<std::string> articles = {"tests/data/links.md", "tests/data/links-ar.md", "tests/data/every-block.md",
                                           "content/rcc-bone-metastasis.md"};
const std::vector<std::string> layouts = {"patient-handout", "clinician-summary"};

struct LinkBuilds {
  TempFolder out;
  ProcessResult result;
  LinkBuilds() {
    std::string inputs;
    for (const std::string& article : articles) inputs += " " + article;
    result = run_command(quote(binary) + " build --no-project" + inputs +
                         " --profile print --profile email --profile archive --out " + quote(out / "built"));
  }
  std::string pdf(const std::string& article, const std::string& layout, const std::string& profile) const {
    std::string stem = std::filesystem::path(article).stem().string() + "." + layout;
    return out / ("built/" + stem + (profile == "print" ? "" : "." + profile) + ".pdf");
  }
};

const LinkBuilds& builds() {
  static LinkBuilds built;
  return built;
}

// One space between words, none at the ends.
std::string spoken(const std::string& text) {
  std::istringstream words(text);
  std::string word, out;
  while (words >> word) out += (out.empty() ? "" : " ") + word;
  return out;
}

// The words of each link of the blocks, in reading order: neighbouring link runs to one target
// are one link (its words may change style).
void add_links(const InlineText& text, std::vector<std::string>& links) {
  std::string words, target;
  auto end_link = [&] {
    if (!target.empty()) links.push_back(spoken(words));
    words.clear();
    target.clear();
  };
  for (const TextRun& run : text) {
    if (!(run.styles & style_link) || run.link_target != target) end_link();
    if (run.styles & style_link) {
      target = run.link_target;
      words += run.text;
    }
  }
  end_link();
}

void add_links(const std::vector<Block>& blocks, std::vector<std::string>& links) {
  for (const Block& block : blocks) {
    add_links(block.text, links);
    for (const auto& row : block.rows)
      for (const TableCell& cell : row) add_links(cell.text, links);
    add_links(block.children, links);
  }
}

std::vector<std::string> article_links(const std::string& article, const std::string& layout_name) {
  Warnings warnings;
  std::string path = std::filesystem::path(article).is_absolute() ? article : std::string(HANDOUT_SOURCE_DIR) + "/" + article;
  Document document = load_document(path, warnings);
  LayoutSpec layout = load_layout(std::string(HANDOUT_SOURCE_DIR) + "/layouts/" + layout_name + ".toml");
  std::vector<std::string> links;
  add_links(select_for_layout(document, layout, warnings), links);
  return links;
}

// An element of Poppler's structure text (`pdfinfo -struct-text`): its type, the text of its own
// marked content and the object references it holds.
struct ReadElement {
  std::string type;
  std::string text;
  int object_references = 0;
};

std::vector<ReadElement> poppler_elements(const std::string& pdf) {
  ProcessResult result = run_command("pdfinfo -struct-text " + quote(pdf));
  std::istringstream lines(result.out);
  std::string line;
  std::vector<ReadElement> elements;
  std::vector<std::pair<std::size_t, std::size_t>> open;  // indentation, element index
  while (std::getline(lines, line)) {
    std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) continue;
    std::string content = line.substr(indent);
    if (content.front() == '"' || content.rfind("Object ", 0) == 0 || content.front() == '/') {
      while (!open.empty() && open.back().first >= indent) open.pop_back();
      if (open.empty()) continue;
      ReadElement& owner = elements[open.back().second];
      if (content.front() == '"' && content.size() >= 2) owner.text += content.substr(1, content.size() - 2);
      if (content.front() == 'O') ++owner.object_references;
      continue;
    }
    while (!open.empty() && open.back().first >= indent) open.pop_back();
    elements.push_back(ReadElement{content.substr(0, content.find_first_of(" :")), {}, 0});
    open.emplace_back(indent, elements.size() - 1);
  }
  return elements;
}

// What qpdf reads of a PDF's links: the Link elements in tree order, every link annotation.
struct LinkObjects {
  std::unique_ptr<QPDF> pdf = std::make_unique<QPDF>();
  std::vector<QPDFObjectHandle> elements;
  std::vector<QPDFObjectHandle> annotations;
  std::map<QPDFObjGen, int> references;                 // annotation -> /OBJRs naming it
  std::map<QPDFObjGen, QPDFObjectHandle> referenced_by;  // annotation -> the element of its /OBJR
  std::map<long long, QPDFObjectHandle> parent_tree;
  std::map<QPDFObjGen, int> page_of;  // annotation -> its page (0-based)
};

std::vector<QPDFObjectHandle> kids_of(QPDFObjectHandle element) {
  QPDFObjectHandle kids = element.getKey("/K");
  if (kids.isArray()) return kids.getArrayAsVector();
  if (kids.isNull()) return {};
  return {kids};
}

void walk(QPDFObjectHandle element, LinkObjects& links) {
  for (QPDFObjectHandle kid : kids_of(element)) {
    if (!kid.isDictionary()) continue;
    if (kid.getKey("/Type").isNameAndEquals("/OBJR")) {
      QPDFObjectHandle annotation = kid.getKey("/Obj");
      if (annotation.isIndirect()) {
        ++links.references[annotation.getObjGen()];
        links.referenced_by[annotation.getObjGen()] = element;
      }
      continue;
    }
    if (!kid.getKey("/S").isName()) continue;
    if (kid.getKey("/S").isNameAndEquals("/Link")) links.elements.push_back(kid);
    walk(kid, links);
  }
}

LinkObjects read_links(const std::string& path) {
  LinkObjects links;
  links.pdf->processFile(path.c_str());
  QPDFObjectHandle tree = links.pdf->getRoot().getKey("/StructTreeRoot");
  if (tree.isDictionary()) {  // the archive PDF has none
    walk(tree, links);
    QPDFObjectHandle numbers = tree.getKey("/ParentTree").getKey("/Nums");
    for (int i = 0; numbers.isArray() && i + 1 < numbers.getArrayNItems(); i += 2)
      links.parent_tree[numbers.getArrayItem(i).getIntValue()] = numbers.getArrayItem(i + 1);
  }
  std::vector<QPDFObjectHandle> pages = links.pdf->getAllPages();
  for (std::size_t p = 0; p < pages.size(); ++p) {
    QPDFObjectHandle annotations = pages[p].getKey("/Annots");
    for (int i = 0; annotations.isArray() && i < annotations.getArrayNItems(); ++i)
      if (annotations.getArrayItem(i).getKey("/Subtype").isNameAndEquals("/Link")) {
        links.annotations.push_back(annotations.getArrayItem(i));
        links.page_of[annotations.getArrayItem(i).getObjGen()] = static_cast<int>(p);
      }
  }
  return links;
}

bool same(QPDFObjectHandle a, QPDFObjectHandle b) {
  return a.isIndirect() && b.isIndirect() && a.getObjGen() == b.getObjGen();
}

// One tagged PDF of one article and layout, read by Poppler and by qpdf.
struct TaggedLinks {
  std::string path;
  std::vector<std::string> wanted;     // the article's links' words, in order
  std::vector<ReadElement> read;       // Poppler's elements
  std::vector<std::string> link_text;  // the Link elements' text, as Poppler reads it
  LinkObjects objects;
};

struct Rule {
  const char* says;
  std::function<bool(const TaggedLinks&)> holds;
};

const std::vector<Rule> link_rules = {
    {"the Link elements' marked content reads as the article's links' words, link by link, in order",
     [](const TaggedLinks& file) {
       std::vector<std::string> got;
       for (const std::string& text : file.link_text) got.push_back(spoken(text));
       return !file.wanted.empty() ? got == file.wanted : got.empty();
     }},
    {"every Link element holds at least one /OBJR",
     [](const TaggedLinks& file) {
       for (const ReadElement& element : file.read)
         if (element.type == "Link" && element.object_references == 0) return false;
       return true;
     }},
    {"every link annotation is named by exactly one /OBJR, and only link annotations are",
     [](const TaggedLinks& file) {
       for (QPDFObjectHandle annotation : file.objects.annotations) {
         auto found = file.objects.references.find(annotation.getObjGen());
         if (found == file.objects.references.end() || found->second != 1) return false;
       }
       return file.objects.references.size() == file.objects.annotations.size();
     }},
    {"the parent tree names each Link element for every marked content it holds",
     [](const TaggedLinks& file) {
       for (QPDFObjectHandle element : file.objects.elements)
         for (QPDFObjectHandle kid : kids_of(element)) {
           bool reference = kid.isDictionary() && kid.getKey("/Type").isNameAndEquals("/MCR");
           if (!kid.isInteger() && !reference) continue;
           QPDFObjectHandle page = reference ? kid.getKey("/Pg") : element.getKey("/Pg");
           QPDFObjectHandle mcid = reference ? kid.getKey("/MCID") : kid;
           QPDFObjectHandle key = page.isDictionary() ? page.getKey("/StructParents") : QPDFObjectHandle::newNull();
           if (!key.isInteger() || !mcid.isInteger()) return false;
           auto entry = file.objects.parent_tree.find(key.getIntValue());
           if (entry == file.objects.parent_tree.end()) return false;
           QPDFObjectHandle marks = entry->second;
           if (!marks.isArray() || mcid.getIntValue() >= marks.getArrayNItems() ||
               !same(marks.getArrayItem(static_cast<int>(mcid.getIntValue())), element))
             return false;
         }
       return true;
     }},
    {"every /OBJR is held by a Link element",
     [](const TaggedLinks& file) {
       for (auto [annotation, element] : file.objects.referenced_by)
         if (!element.getKey("/S").isNameAndEquals("/Link")) return false;
       return true;
     }},
    {"every link annotation's /StructParent leads in the parent tree to the Link element holding its /OBJR",
     [](const TaggedLinks& file) {
       for (QPDFObjectHandle annotation : file.objects.annotations) {
         QPDFObjectHandle key = annotation.getKey("/StructParent");
         if (!key.isInteger()) return false;
         auto entry = file.objects.parent_tree.find(key.getIntValue());
         auto holder = file.objects.referenced_by.find(annotation.getObjGen());
         if (entry == file.objects.parent_tree.end() || holder == file.objects.referenced_by.end() ||
             !same(entry->second, holder->second))
           return false;
       }
       return true;
     }},
    {"every link annotation's /Contents is the words of its link",
     [](const TaggedLinks& file) {
       std::map<QPDFObjGen, std::string> words;  // Link element -> its words
       for (std::size_t i = 0; i < file.objects.elements.size() && i < file.link_text.size(); ++i)
         words[file.objects.elements[i].getObjGen()] = spoken(file.link_text[i]);
       for (QPDFObjectHandle annotation : file.objects.annotations) {
         QPDFObjectHandle contents = annotation.getKey("/Contents");
         auto holder = file.objects.referenced_by.find(annotation.getObjGen());
         if (!contents.isString() || holder == file.objects.referenced_by.end()) return false;
         std::string text = contents.getUTF8Value();
         if (text.empty() || text != words[holder->second.getObjGen()]) return false;
       }
       return true;
     }},
    {"no element but a Link holds a link's words",
     [](const TaggedLinks& file) {
       for (const ReadElement& element : file.read) {
         if (element.type == "Link") continue;
         for (const std::string& words : file.wanted)
           if (spoken(element.text).find(words) != std::string::npos) return false;
       }
       return true;
     }},
};

TaggedLinks read_tagged(const std::string& path, const std::string& article, const std::string& layout) {
  TaggedLinks file;
  file.path = path;
  file.wanted = article_links(article, layout);
  file.read = poppler_elements(file.path);
  for (const ReadElement& element : file.read)
    if (element.type == "Link") file.link_text.push_back(element.text);
  file.objects = read_links(file.path);
  return file;
}

struct Area {
  double left = 0, bottom = 0, right = 0, top = 0;
};

Area area_of(QPDFObjectHandle rectangle) {
  std::vector<double> v;
  for (QPDFObjectHandle number : rectangle.getArrayAsVector()) v.push_back(number.getNumericValue());
  if (v.size() == 4) return Area{v[0], v[1], v[2], v[3]};
  // Quadrilateral points (x1 y1 x2 y2 x3 y3 x4 y4) of one rectangle.
  if (v.size() == 8) return Area{v[0], v[5], v[2], v[1]};
  return {};
}

bool overlap(const Area& a, const Area& b) {
  return std::min(a.right, b.right) - std::max(a.left, b.left) > 0.5 &&
         std::min(a.top, b.top) - std::max(a.bottom, b.bottom) > 0.5;
}

}  // namespace

TEST_CASE("links are tagged as PDF/UA-1 asks: words in the Link element, one /OBJR an annotation, /Contents") {
  const LinkBuilds& built = builds();
  INFO(built.result.err);
  REQUIRE(built.result.exit_code == 0);
  for (const std::string& article : articles)
    for (const std::string& layout : layouts)
      for (const char* profile : {"print", "email"}) {
        TaggedLinks file = read_tagged(built.pdf(article, layout, profile), article, layout);
        for (const Rule& rule : link_rules) {
          INFO(file.path << ": " << rule.says);
          CHECK(rule.holds(file));
        }
      }
}

TEST_CASE("a link set over several lines is one Link element, with an annotation on each line") {
  const LinkBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  for (const std::string& layout : layouts) {
    TaggedLinks file = read_tagged(built.pdf("tests/data/links.md", layout, "print"), "tests/data/links.md", layout);
    INFO(file.path);
    // The fixture's first link is longer than a line of either layout.
    REQUIRE(!file.objects.elements.empty());
    REQUIRE(file.link_text.size() == file.objects.elements.size());
    CHECK(spoken(file.link_text.front()) == file.wanted.front());
    std::vector<Area> areas;
    for (QPDFObjectHandle kid : kids_of(file.objects.elements.front()))
      if (kid.isDictionary() && kid.getKey("/Type").isNameAndEquals("/OBJR"))
        areas.push_back(area_of(kid.getKey("/Obj").getKey("/Rect")));
    CHECK(areas.size() >= 2);
    bool apart = true;  // each line's annotation covers its line only
    for (std::size_t i = 0; i < areas.size(); ++i)
      for (std::size_t j = i + 1; j < areas.size(); ++j) apart = apart && !overlap(areas[i], areas[j]);
    CHECK(apart);
  }
}

TEST_CASE("in right-to-left text, the spans and links of a line follow the text's order, not the page's") {
  const LinkBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  for (const std::string& layout : layouts) {
    std::string text;
    for (const ReadElement& element : poppler_elements(built.pdf("tests/data/links-ar.md", layout, "print")))
      text += element.text + " ";
    INFO(built.pdf("tests/data/links-ar.md", layout, "print") << ": " << spoken(text));
    // Set from right to left, "the care" is drawn last and "protect" first.
    CHECK(spoken(text).find("\u0627\u0644\u0639\u0646\u0627\u064A\u0629 \u0627\u0644\u064A\u0648\u0645\u064A\u0629 "
                            "\u0627\u0644\u0628\u0633\u064A\u0637\u0629 \u062A\u062D\u0645\u064A") != std::string::npos);
  }
}

TEST_CASE("the archive PDF (untagged) has the print PDF's link annotations, over the same areas") {
  const LinkBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  for (const std::string& article : articles)
    for (const std::string& layout : layouts) {
      LinkObjects print = read_links(built.pdf(article, layout, "print"));
      LinkObjects archive = read_links(built.pdf(article, layout, "archive"));
      INFO(built.pdf(article, layout, "archive"));
      REQUIRE(print.annotations.size() == archive.annotations.size());
      for (std::size_t i = 0; i < print.annotations.size(); ++i) {
        Area painted = area_of(print.annotations[i].getKey("/Rect"));
        Area archived = area_of(archive.annotations[i].getKey("/Rect"));
        CHECK(std::fabs(painted.left - archived.left) + std::fabs(painted.right - archived.right) +
                  std::fabs(painted.bottom - archived.bottom) + std::fabs(painted.top - archived.top) <
              0.05);
        CHECK(print.annotations[i].getKey("/A").getKey("/URI").getStringValue() ==
              archive.annotations[i].getKey("/A").getKey("/URI").getStringValue());
      }
    }
}

TEST_CASE("a link broken over a page break is one Link element, with an annotation on each page") {
  // One-line paragraphs push a paragraph with a long link down the page, a line or so a build,
  // over more than a page; of the builds, those in which the link crosses to the next page are
  // checked.
  TempFolder out;
  const std::string filler = "A short paragraph fills the page.\n\n";
  const std::string words =
      "Some words around the link that take a few lines of the page, so that the paragraph is long enough to be "
      "broken across two pages. ";
  std::string inputs;
  for (int count = 10; count <= 40; ++count) {
    std::string article = out / ("break-" + std::to_string(count) + ".md");
    std::string text = "+++\ntitle = \"A link over a page break\"\nlanguage = \"en\"\nreviewed = 2026-05-06\n"
                       "organisation = \"Test Clinic\"\n+++\n\n# A link over a page break\n\n";
    for (int i = 0; i < count; ++i) text += filler;
    text += words + words + "Read [the national guide to living well with kidney cancer after surgery, radiotherapy and "
            "targeted treatment, with advice on pain, tiredness and food](https://guide.example.org/living-well) "
            "and then come back. " + words + words + "\n";
    write_text(article, text);
    inputs += ' ';
    inputs += quote(article);
  }
  ProcessResult result = run_command(quote(binary) + " build --no-project" + inputs +
                                     " --layout patient-handout --profile print --out " + quote(out / "built"));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  int across = 0;
  for (int count = 10; count <= 40; ++count) {
    std::string article = out / ("break-" + std::to_string(count) + ".md");
    TaggedLinks file = read_tagged(out / ("built/break-" + std::to_string(count) + ".patient-handout.pdf"), article,
                                   "patient-handout");
    REQUIRE(file.objects.elements.size() == 1);
    std::set<int> pages;
    for (QPDFObjectHandle annotation : file.objects.annotations) pages.insert(file.objects.page_of[annotation.getObjGen()]);
    if (pages.size() < 2) continue;
    ++across;
    for (const Rule& rule : link_rules) {
      INFO(file.path << ": " << rule.says);
      CHECK(rule.holds(file));
    }
  }
  CHECK(across > 0);
}
