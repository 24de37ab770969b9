// End-to-end tests of what tagged PDF and PDF/UA-1 ask of the page content and the structure of
// the tagged profiles (print, e-mail and archive-accessible: tests/e2e/pdf_profiles.h): every painted thing is a
// structure element's marked content or an artifact, marked content neither crosses nor nests,
// artifacts have their type, no empty ActualText spans; tables, lists, figures, headings, the
// outline and links are tagged as PDF/UA-1 asks; and the text a screen reader gets from the
// structure tree (Poppler's and pdf.js's) is the article's words in order. Matterhorn-protocol
// style: one check, one assertion, one message.
#include <catch2/catch.hpp>

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "content/content_loader.h"
#include "e2e/article_words.h"
#include "e2e/pdf_profiles.h"
#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/readers.h"
#include "layout/layout_loader.h"
#include "typeset/block_selection.h"

using namespace handout;
using namespace handout::testing;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::vector<std::string> articles = {"content/rcc-bone-metastasis.md", "tests/data/every-block.md"};
const std::vector<std::string> layouts = {"patient-handout", "clinician-summary"};

struct TaggedBuilds {
  TempFolder out;
  ProcessResult result;
  std::vector<std::string> files;  // every PDF of every tagged profile
  TaggedBuilds() {
    result = run_command(quote(binary) + " build --no-project " + articles[0] + " " + articles[1] +
                         profile_options(tagged_profiles()) + " --out " + quote(out / "built"));
    for (const std::string& file : output_files(out / "built"))
      if (file.size() > 4 && file.substr(file.size() - 4) == ".pdf") files.push_back(out / ("built/" + file));
  }
};

const TaggedBuilds& builds() {
  static TaggedBuilds built;
  return built;
}

// What one page's content streams show, read with qpdf's content parser.
struct PageContent {
  int painted_outside = 0;        // painting operators outside any marked content
  int artifacts_in_structure = 0; // /Artifact inside marked content, or MCID marked content inside an /Artifact
  int untyped_artifacts = 0;      // /Artifact without /Type Pagination, Layout or Background
  int empty_actual_text = 0;      // ActualText spans that show no glyph
  int space_actual_text = 0;      // ActualText spans whose text is only spaces
  int painted_outside_structure = 0;  // painting operators with neither an MCID nor an /Artifact around them
  int unbalanced = 0;             // EMC without its BDC/BMC, or marked content still open at the page's end
  int nested_mcids = 0;           // marked content with an MCID inside another with an MCID
  int repeated_mcids = 0;         // an MCID used a second time on the page
  std::map<std::string, int> artifact_types;
  std::set<long long> mcids;
};

class ContentReader : public QPDFObjectHandle::ParserCallbacks {
 public:
  explicit ContentReader(PageContent& content) : content_(content) {}

  void handleObject(QPDFObjectHandle object) override {
    if (!object.isOperator()) {
      operands_.push_back(object);
      return;
    }
    std::string op = object.getOperatorValue();
    if (op == "BDC" || op == "BMC") begin(op);
    else if (op == "EMC") end();
    else if (painting.count(op)) paint(op);
    operands_.clear();
  }
  void handleEOF() override { content_.unbalanced += static_cast<int>(open_.size()); }

 private:
  struct Open {
    bool artifact = false, structure = false, actual_text = false, only_spaces = false;
    int shown = 0;
  };
  inline static const std::set<std::string> painting = {"Tj", "TJ", "'", "\"", "f", "F", "f*", "B", "B*", "b",
                                                        "b*", "S", "s", "Do", "sh", "EI"};
  bool in_artifact() const {
    for (const Open& open : open_)
      if (open.artifact) return true;
    return false;
  }
  bool in_structure() const {
    for (const Open& open : open_)
      if (open.structure) return true;
    return false;
  }
  void begin(const std::string& op) {
    Open open;
    QPDFObjectHandle tag = operands_.empty() ? QPDFObjectHandle::newNull() : operands_.front();
    QPDFObjectHandle properties = op == "BDC" && operands_.size() > 1 ? operands_[1] : QPDFObjectHandle::newNull();
    open.artifact = tag.isNameAndEquals("/Artifact");
    open.structure = properties.isDictionary() && properties.getKey("/MCID").isInteger();
    if (open.artifact) {
      if (!open_.empty()) ++content_.artifacts_in_structure;
      QPDFObjectHandle type = properties.isDictionary() ? properties.getKey("/Type") : QPDFObjectHandle::newNull();
      if (type.isNameAndEquals("/Pagination") || type.isNameAndEquals("/Layout") || type.isNameAndEquals("/Background"))
        ++content_.artifact_types[type.getName()];
      else
        ++content_.untyped_artifacts;
    }
    if (open.structure) {
      if (in_artifact()) ++content_.artifacts_in_structure;
      if (in_structure()) ++content_.nested_mcids;
      if (!content_.mcids.insert(properties.getKey("/MCID").getIntValue()).second) ++content_.repeated_mcids;
    }
    if (properties.isDictionary() && properties.getKey("/ActualText").isString()) {
      open.actual_text = true;
      std::string text = properties.getKey("/ActualText").getUTF8Value();
      open.only_spaces = text.find_first_not_of(' ') == std::string::npos;
    }
    open_.push_back(open);
  }
  void end() {
    if (open_.empty()) {
      ++content_.unbalanced;
      return;
    }
    Open closed = open_.back();
    open_.pop_back();
    if (closed.actual_text && closed.shown == 0) ++content_.empty_actual_text;
    if (closed.actual_text && closed.only_spaces) ++content_.space_actual_text;
  }
  void paint(const std::string&) {
    if (open_.empty()) ++content_.painted_outside;
    if (!in_structure() && !in_artifact()) ++content_.painted_outside_structure;
    for (Open& open : open_) ++open.shown;
  }

  PageContent& content_;
  std::vector<QPDFObjectHandle> operands_;
  std::vector<Open> open_;
};

struct FileContent {
  std::string path;
  std::vector<PageContent> pages;
  int header_cells = 0, header_cells_without_scope = 0;
  int rows = 0, rows_outside_head_or_body = 0, heads_or_bodies_outside_tables = 0;
  int list_items = 0, list_items_not_label_then_body = 0;
  int figures = 0, figures_without_alt = 0;
  std::vector<std::string> figure_alts;  // each Figure's /Alt in tree order
  int mcids_without_element = 0;  // MCIDs in the content whose parent tree entry is no element
  int private_elements = 0;       // elements of the type the painter draws artifacts in
  int elements = 0;
  int list_items_outside_lists = 0, lists_holding_other_than_items = 0, labels_or_bodies_outside_items = 0;
  std::vector<int> heading_levels;  // H1 to H6 in tree order
  int links = 0, links_without_annotation = 0;  // Link elements, and those with no /OBJR to a link annotation
  int annotations_not_back_to_link = 0;  // link annotations whose /StructParent is not their Link element
  std::vector<std::string> outline_mismatches;  // outline items that do not follow the headings
  int links_without_words = 0;  // Link elements whose content has no word (as Poppler reads it)
};

std::vector<QPDFObjectHandle> element_kids(QPDFObjectHandle element) {
  QPDFObjectHandle kids = element.getKey("/K");
  std::vector<QPDFObjectHandle> list = kids.isArray() ? kids.getArrayAsVector() : std::vector<QPDFObjectHandle>{kids};
  std::vector<QPDFObjectHandle> elements;
  for (QPDFObjectHandle kid : list)
    if (kid.isDictionary() && kid.getKey("/S").isName()) elements.push_back(kid);
  return elements;
}

std::string role(QPDFObjectHandle element) { return element.getKey("/S").getName(); }

// The annotations a structure element refers to with /OBJR kids.
std::vector<QPDFObjectHandle> referenced_objects(QPDFObjectHandle element) {
  QPDFObjectHandle kids = element.getKey("/K");
  std::vector<QPDFObjectHandle> list = kids.isArray() ? kids.getArrayAsVector() : std::vector<QPDFObjectHandle>{kids};
  std::vector<QPDFObjectHandle> objects;
  for (QPDFObjectHandle kid : list)
    if (kid.isDictionary() && kid.getKey("/Type").isNameAndEquals("/OBJR")) objects.push_back(kid.getKey("/Obj"));
  return objects;
}

void count_elements(QPDFObjectHandle element, const std::string& parent, FileContent& file) {
  for (QPDFObjectHandle kid : element_kids(element)) {
    std::string type = role(kid);
    ++file.elements;
    if (type.size() == 3 && type[1] == 'H' && type[2] >= '1' && type[2] <= '6') file.heading_levels.push_back(type[2] - '0');
    if (type == "/LI" && parent != "/L") ++file.list_items_outside_lists;
    if (type == "/L")
      for (QPDFObjectHandle item : element_kids(kid))
        if (role(item) != "/LI" && role(item) != "/Caption") ++file.lists_holding_other_than_items;
    if ((type == "/Lbl" || type == "/LBody") && parent != "/LI") ++file.labels_or_bodies_outside_items;
    if (type == "/Link") {
      ++file.links;
      bool annotation = false;
      for (QPDFObjectHandle object : referenced_objects(kid))
        annotation = annotation || object.getKey("/Subtype").isNameAndEquals("/Link");
      if (!annotation) ++file.links_without_annotation;
    }
    if (type == "/Private") ++file.private_elements;
    if (type == "/TH") {
      ++file.header_cells;
      QPDFObjectHandle attributes = kid.getKey("/A");
      QPDFObjectHandle scope = attributes.getKey("/Scope");
      if (!attributes.getKey("/O").isNameAndEquals("/Table") ||
          !(scope.isNameAndEquals("/Column") || scope.isNameAndEquals("/Row")))
        ++file.header_cells_without_scope;
    }
    if (type == "/TR") {
      ++file.rows;
      if (parent != "/THead" && parent != "/TBody" && parent != "/TFoot") ++file.rows_outside_head_or_body;
    }
    if ((type == "/THead" || type == "/TBody" || type == "/TFoot") && parent != "/Table")
      ++file.heads_or_bodies_outside_tables;
    if (type == "/LI") {
      ++file.list_items;
      std::vector<QPDFObjectHandle> parts = element_kids(kid);
      if (parts.size() != 2 || role(parts[0]) != "/Lbl" || role(parts[1]) != "/LBody")
        ++file.list_items_not_label_then_body;
    }
    if (type == "/Figure") {
      ++file.figures;
      QPDFObjectHandle alt = kid.getKey("/Alt");
      if (!alt.isString() || alt.getUTF8Value().empty()) ++file.figures_without_alt;
      file.figure_alts.push_back(alt.isString() ? alt.getUTF8Value() : "");
    }
    count_elements(kid, type, file);
  }
}

// A structure element as `pdfinfo -struct-text` shows it: its role and the text of everything in it.
struct PopplerElement {
  std::string role;
  std::string text;
};

std::vector<PopplerElement> poppler_elements(const std::string& pdf) {
  std::vector<PopplerElement> elements;
  std::vector<std::pair<std::size_t, std::size_t>> open;  // indent and index of the elements around a line
  std::istringstream lines(run_command("pdfinfo -struct-text " + quote(pdf)).out);
  for (std::string line; std::getline(lines, line);) {
    std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) continue;
    while (!open.empty() && open.back().first >= indent) open.pop_back();
    if (line[indent] == '"') {
      for (const auto& [depth, index] : open) elements[index].text += line.substr(indent) + " ";
    } else if (std::isupper(static_cast<unsigned char>(line[indent])) && line.compare(indent, 7, "Object ") != 0) {
      std::string role = line.substr(indent, line.find_first_of(" :", indent) - indent);
      open.emplace_back(indent, elements.size());
      elements.push_back({role, ""});
    }
  }
  return elements;
}

// Outline items that do not follow the headings: each item must be the text of a heading, in
// the headings' order, and an item inside another a heading exactly one level below its
// parent's. Headings the outline leaves out (a title band, a glossary) are allowed.
std::vector<std::string> outline_mismatches(QPDF& pdf, const std::vector<PopplerElement>& elements) {
  std::vector<std::pair<int, std::string>> headings;  // level and words
  for (const PopplerElement& element : elements)
    if (element.role.size() == 2 && element.role[0] == 'H' && element.role[1] >= '1' && element.role[1] <= '6')
      headings.emplace_back(element.role[1] - '0', element.text);
  std::vector<std::string> mismatches;
  std::size_t next = 0;  // headings before this one are taken
  std::function<void(QPDFObjectHandle, int)> walk = [&](QPDFObjectHandle item, int parent_level) {
    for (; item.isDictionary(); item = item.getKey("/Next")) {
      std::string title = item.getKey("/Title").getUTF8Value();
      while (next < headings.size() && words_of(headings[next].second) != words_of(title)) ++next;
      if (next == headings.size()) {
        mismatches.push_back("\"" + title + "\" is no heading, or out of the headings' order");
        return;
      }
      int level = headings[next++].first;
      if (parent_level > 0 && level != parent_level + 1)
        mismatches.push_back("\"" + title + "\" is a level " + std::to_string(level) + " heading inside a level " +
                             std::to_string(parent_level) + " one");
      walk(item.getKey("/First"), level);
    }
  };
  walk(pdf.getRoot().getKey("/Outlines").getKey("/First"), 0);
  return mismatches;
}

FileContent read_content(const std::string& path) {
  QPDF pdf;
  pdf.processFile(path.c_str());
  FileContent file;
  file.path = path;
  QPDFObjectHandle tree = pdf.getRoot().getKey("/StructTreeRoot");
  std::map<long long, QPDFObjectHandle> parents;
  QPDFObjectHandle numbers = tree.getKey("/ParentTree").getKey("/Nums");
  for (int i = 0; numbers.isArray() && i + 1 < numbers.getArrayNItems(); i += 2)
    parents[numbers.getArrayItem(i).getIntValue()] = numbers.getArrayItem(i + 1);
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    PageContent content;
    ContentReader reader(content);
    QPDFPageObjectHelper(page).parseContents(&reader);
    QPDFObjectHandle entry = parents[page.getKey("/StructParents").isInteger() ? page.getKey("/StructParents").getIntValue() : -1];
    for (long long mcid : content.mcids) {
      QPDFObjectHandle parent = entry.isArray() && mcid < entry.getArrayNItems() ? entry.getArrayItem(static_cast<int>(mcid))
                                                                                  : QPDFObjectHandle::newNull();
      if (!parent.isDictionary() || !parent.getKey("/S").isName()) ++file.mcids_without_element;
    }
    file.pages.push_back(content);
    QPDFObjectHandle annotations = page.getKey("/Annots");
    for (QPDFObjectHandle annotation : annotations.isArray() ? annotations.getArrayAsVector() : std::vector<QPDFObjectHandle>{}) {
      if (!annotation.getKey("/Subtype").isNameAndEquals("/Link")) continue;
      QPDFObjectHandle index = annotation.getKey("/StructParent");
      QPDFObjectHandle link = index.isInteger() ? parents[index.getIntValue()] : QPDFObjectHandle::newNull();
      bool back = false;
      if (link.isDictionary() && link.getKey("/S").isNameAndEquals("/Link"))
        for (QPDFObjectHandle object : referenced_objects(link)) back = back || object.getObjGen() == annotation.getObjGen();
      if (!back) ++file.annotations_not_back_to_link;
    }
  }
  count_elements(tree, "", file);
  std::vector<PopplerElement> elements = poppler_elements(path);
  for (const PopplerElement& element : elements)
    if (element.role == "Link" && words_of(element.text).empty()) ++file.links_without_words;
  file.outline_mismatches = outline_mismatches(pdf, elements);
  return file;
}

int sum(const FileContent& file, const std::function<int(const PageContent&)>& each) {
  int total = 0;
  for (const PageContent& page : file.pages) total += each(page);
  return total;
}

struct Rule {
  const char* says;
  std::function<bool(const FileContent&)> holds;
};

const std::vector<Rule> content_rules = {
    {"every painting operator is inside a structure element's marked content or an /Artifact",
     [](const FileContent& file) { return sum(file, [](const PageContent& p) { return p.painted_outside; }) == 0; }},
    {"no /Artifact is inside other marked content, and no structure marked content is inside an /Artifact",
     [](const FileContent& file) {
       return sum(file, [](const PageContent& p) { return p.artifacts_in_structure; }) == 0;
     }},
    {"every /Artifact has /Type Pagination, Layout or Background",
     [](const FileContent& file) { return sum(file, [](const PageContent& p) { return p.untyped_artifacts; }) == 0; }},
    {"every page has pagination artifacts (its running heads)",
     [](const FileContent& file) {
       for (const PageContent& page : file.pages)
         if (page.artifact_types.count("/Pagination") == 0) return false;
       return true;
     }},
    {"no ActualText span shows no glyph",
     [](const FileContent& file) { return sum(file, [](const PageContent& p) { return p.empty_actual_text; }) == 0; }},
    {"no ActualText span holds only spaces",
     [](const FileContent& file) { return sum(file, [](const PageContent& p) { return p.space_actual_text; }) == 0; }},
    {"every painting operator is inside marked content with an MCID or an /Artifact: no content is left out of the structure",
     [](const FileContent& file) {
       return sum(file, [](const PageContent& p) { return p.painted_outside_structure; }) == 0;
     }},
    {"marked content is balanced on every page: no EMC without its BDC or BMC, none open at the page's end",
     [](const FileContent& file) { return sum(file, [](const PageContent& p) { return p.unbalanced; }) == 0; }},
    {"no marked content with an MCID is inside another with an MCID",
     [](const FileContent& file) { return sum(file, [](const PageContent& p) { return p.nested_mcids; }) == 0; }},
    {"no MCID is used twice on a page",
     [](const FileContent& file) { return sum(file, [](const PageContent& p) { return p.repeated_mcids; }) == 0; }},
    {"every MCID in the content has its structure element in the parent tree",
     [](const FileContent& file) { return file.mcids_without_element == 0; }},
    {"the structure tree has elements, and none of the type artifacts are painted in (/Private)",
     [](const FileContent& file) { return file.elements > 0 && file.private_elements == 0; }},
};

bool is_every_block(const FileContent& file) { return file.path.find("every-block.") != std::string::npos; }

const std::vector<Rule> structure_rules = {
    {"every-block.md's table has header cells", [](const FileContent& file) { return !is_every_block(file) || file.header_cells > 0; }},
    {"every TH has /A << /O /Table /Scope /Column or /Row >>",
     [](const FileContent& file) { return file.header_cells_without_scope == 0; }},
    {"every TR is inside a THead, TBody or TFoot", [](const FileContent& file) { return file.rows_outside_head_or_body == 0; }},
    {"every THead, TBody and TFoot is inside a Table",
     [](const FileContent& file) { return file.heads_or_bodies_outside_tables == 0; }},
    {"every-block.md has list items", [](const FileContent& file) { return !is_every_block(file) || file.list_items > 0; }},
    {"every LI holds a Lbl and then an LBody, and nothing else",
     [](const FileContent& file) { return file.list_items_not_label_then_body == 0; }},
    {"every Figure has a non-empty /Alt", [](const FileContent& file) { return file.figures_without_alt == 0; }},
    {"every LI is inside an L", [](const FileContent& file) { return file.list_items_outside_lists == 0; }},
    {"every L holds only LI (and Caption)", [](const FileContent& file) { return file.lists_holding_other_than_items == 0; }},
    {"every Lbl and LBody is inside an LI", [](const FileContent& file) { return file.labels_or_bodies_outside_items == 0; }},
    {"the headings start at H1", [](const FileContent& file) {
       return !file.heading_levels.empty() && file.heading_levels.front() == 1;
     }},
    {"no heading is more than one level below the heading before it",
     [](const FileContent& file) {
       for (std::size_t i = 1; i < file.heading_levels.size(); ++i)
         if (file.heading_levels[i] > file.heading_levels[i - 1] + 1) return false;
       return true;
     }},
    {"the outline follows the headings: each item a heading, in order, a nested item one level below its parent",
     [](const FileContent& file) { return file.outline_mismatches.empty(); }},
    {"every-block.md has Link elements", [](const FileContent& file) { return !is_every_block(file) || file.links > 0; }},
    {"every Link element refers to its link annotation with an /OBJR",
     [](const FileContent& file) { return file.links_without_annotation == 0; }},
    {"every link annotation's /StructParent is the Link element that refers to it",
     [](const FileContent& file) { return file.annotations_not_back_to_link == 0; }},
    {"every Link element holds the link's words in its own marked content",
     [](const FileContent& file) { return file.links_without_words == 0; }},
};

// The alternative texts of the document's figures, in reading order.
void collect_alt_texts(const std::vector<Block>& blocks, std::vector<std::string>& alts) {
  for (const Block& block : blocks) {
    if (block.kind == BlockKind::figure) alts.push_back(block.alt_text);
    collect_alt_texts(block.children, alts);
  }
}

// The readers whose structure text a screen reader gets, and what the tests call them.
struct StructureReader {
  const char* name;
  std::string (*text)(const std::string& pdf);
};
const std::vector<StructureReader> structure_readers = {
    {"Poppler (pdfinfo -struct-text)", poppler_structure_text},
    {"pdf.js (getStructTree)", pdfjs_structure_text},
};

// Checks every rule on every file, one assertion and message a rule and file.
void check_each_file(const std::vector<std::string>& files, const std::vector<Rule>& rules) {
  for (const std::string& file : files) {
    FileContent content = read_content(file);
    for (const Rule& rule : rules) {
      INFO(file << ": " << rule.says);
      CHECK(rule.holds(content));
    }
  }
}

}  // namespace

TEST_CASE("tagged PDFs paint nothing outside structure marked content or artifacts") {
  const TaggedBuilds& built = builds();
  INFO(built.result.err);
  REQUIRE(built.result.exit_code == 0);
  REQUIRE(built.files.size() == articles.size() * layouts.size() * tagged_profiles().size());
  check_each_file(built.files, content_rules);
}

TEST_CASE("tagged PDFs tag tables, lists and figures as PDF/UA-1 asks") {
  const TaggedBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  check_each_file(built.files, structure_rules);
}

TEST_CASE("the structure text holds no running head, though the page text does") {
  const TaggedBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  std::optional<std::string> missing = node_readers_missing();
  INFO(missing.value_or(""));
  REQUIRE(!missing);
  for (const std::string& file : built.files) {
    INFO(file);
    REQUIRE(pdf_text(file).find("Page 1 of") != std::string::npos);
    for (const StructureReader& reader : structure_readers) {
      std::string text = reader.text(file);
      INFO(reader.name << ":\n" << text);
      CHECK(!text.empty());
      CHECK(text.find("Page 1 of") == std::string::npos);
    }
  }
}

TEST_CASE("the structure text is the article's words in order, with only list and figure labels added") {
  const TaggedBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  std::optional<std::string> missing = node_readers_missing();
  INFO(missing.value_or(""));
  REQUIRE(!missing);
  const std::vector<std::string> labels = {"1", "2", "3", "4", "5", "figure", "\u2022", "\u25E6", "\u25AA"};
  for (const std::string& article : articles) {
    Warnings warnings;
    Document document = load_document(std::string(HANDOUT_SOURCE_DIR) + "/" + article, warnings);
    std::string stem = std::filesystem::path(article).stem().string();
    for (const std::string& layout_name : layouts) {
      LayoutSpec layout = load_layout(std::string(HANDOUT_SOURCE_DIR) + "/layouts/" + layout_name + ".toml");
      std::vector<std::string> wanted = document_words(select_for_layout(document, layout, warnings));
      REQUIRE(wanted.size() > 20);
      for (const PdfProfile& profile : tagged_profiles())
        for (const StructureReader& reader : structure_readers) {
          std::string pdf = built.out / ("built/" + stem + "." + layout_name + profile.suffix);
          // The summary's title band, source line and key points' title are the layout's, not the article's.
          std::vector<std::string> got =
              words_of(without_lines_starting(reader.text(pdf), {"\"Clinician summary:", "\"Source:", "\"Key points"}));
          std::size_t mismatch = first_mismatch(wanted, got, labels);
          INFO(pdf << " read by " << reader.name << ": first word missing or out of order: "
                   << (mismatch < wanted.size() ? wanted[mismatch] : "") << " (word " << mismatch << " of "
                   << wanted.size() << ")");
          CHECK(mismatch == wanted.size());
        }
    }
  }
}

TEST_CASE("every Figure's /Alt is the alternative text of its image in the article") {
  const TaggedBuilds& built = builds();
  REQUIRE(built.result.exit_code == 0);
  for (const std::string& article : articles) {
    Warnings warnings;
    Document document = load_document(std::string(HANDOUT_SOURCE_DIR) + "/" + article, warnings);
    std::string stem = std::filesystem::path(article).stem().string();
    for (const std::string& layout_name : layouts) {
      LayoutSpec layout = load_layout(std::string(HANDOUT_SOURCE_DIR) + "/layouts/" + layout_name + ".toml");
      std::vector<std::string> wanted;
      collect_alt_texts(select_for_layout(document, layout, warnings), wanted);
      REQUIRE(!wanted.empty());  // both articles show a figure in both layouts
      for (const PdfProfile& profile : tagged_profiles()) {
        std::string pdf = built.out / ("built/" + stem + "." + layout_name + profile.suffix);
        INFO(pdf);
        CHECK(read_content(pdf).figure_alts == wanted);
      }
    }
  }
}
