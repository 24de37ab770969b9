#include "paint/artifact_marking.h"

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QUtil.hh>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/diagnostic.h"

namespace handout {

namespace {

bool is_element(QPDFObjectHandle object) { return object.isDictionary() && object.getKey("/S").isName(); }

std::string role_of(QPDFObjectHandle element) { return element.getKey("/S").getName().substr(1); }

std::vector<QPDFObjectHandle> kids_of(QPDFObjectHandle element) {
  QPDFObjectHandle kids = element.getKey("/K");
  if (kids.isArray()) return kids.getArrayAsVector();
  if (kids.isNull()) return {};
  return {kids};
}

// A bare marked-content id means "on the element's page": moved to another element, it names
// its page.
QPDFObjectHandle with_page(QPDFObjectHandle kid, QPDFObjectHandle from) {
  if (!kid.isInteger() || !from.getKey("/Pg").isDictionary()) return kid;
  QPDFObjectHandle reference = QPDFObjectHandle::newDictionary();
  reference.replaceKey("/Type", QPDFObjectHandle::newName("/MCR"));
  reference.replaceKey("/Pg", from.getKey("/Pg"));
  reference.replaceKey("/MCID", kid);
  return reference;
}

// Moves the kids of `later` (a continuation `depth` elements deep) into `earlier`; its first kid
// continues earlier's last one, unless it is the innermost.
void join(QPDFObjectHandle earlier, QPDFObjectHandle later, std::size_t depth) {
  std::vector<QPDFObjectHandle> joined = kids_of(earlier);
  std::vector<QPDFObjectHandle> moving = kids_of(later);
  std::size_t first = 0;
  if (depth > 1 && !moving.empty() && is_element(moving.front())) {
    auto last = std::find_if(joined.rbegin(), joined.rend(), is_element);
    if (last != joined.rend() && role_of(*last) == role_of(moving.front())) {
      join(*last, moving.front(), depth - 1);
      first = 1;
    }
  }
  for (std::size_t i = first; i < moving.size(); ++i) {
    if (is_element(moving[i])) moving[i].replaceKey("/P", earlier);
    joined.push_back(with_page(moving[i], later));
  }
  earlier.replaceKey("/K", QPDFObjectHandle::newArray(joined));
}

using Marks = std::map<QPDFObjGen, std::map<long long, QPDFObjectHandle>>;  // page -> MCID -> element

void collect_marks(QPDFObjectHandle element, Marks& marks) {
  QPDFObjectHandle page = element.getKey("/Pg");
  for (QPDFObjectHandle kid : kids_of(element)) {
    if (kid.isInteger() && page.isIndirect()) {
      marks[page.getObjGen()][kid.getIntValue()] = element;
    } else if (kid.isDictionary() && kid.getKey("/Type").isNameAndEquals("/MCR")) {
      if (kid.getKey("/Pg").isIndirect() && kid.getKey("/MCID").isInteger())
        marks[kid.getKey("/Pg").getObjGen()][kid.getKey("/MCID").getIntValue()] = element;
    } else if (is_element(kid)) {
      collect_marks(kid, marks);
    }
  }
}

// Each page's entry of the parent tree, made again from the tree: which element each marked
// content belongs to now (artifacts: none).
void remake_parent_tree(QPDF& pdf, QPDFObjectHandle tree_root) {
  QPDFObjectHandle numbers = tree_root.getKey("/ParentTree").getKey("/Nums");
  if (!numbers.isArray()) return;
  Marks marks;
  collect_marks(tree_root, marks);
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    QPDFObjectHandle key = page.getKey("/StructParents");
    if (!key.isInteger()) continue;
    for (int i = 0; i + 1 < numbers.getArrayNItems(); i += 2) {
      QPDFObjectHandle number = numbers.getArrayItem(i);
      if (!number.isInteger() || number.getIntValue() != key.getIntValue()) continue;
      QPDFObjectHandle old_entry = numbers.getArrayItem(i + 1);
      long long size = old_entry.isArray() ? old_entry.getArrayNItems() : 0;
      const std::map<long long, QPDFObjectHandle>& on_page = marks[page.getObjGen()];
      if (!on_page.empty()) size = std::max(size, on_page.rbegin()->first + 1);
      std::vector<QPDFObjectHandle> entry(static_cast<std::size_t>(size), QPDFObjectHandle::newNull());
      for (const auto& [mcid, element] : on_page)
        if (mcid >= 0) entry[static_cast<std::size_t>(mcid)] = element;
      numbers.setArrayItem(i + 1, QPDFObjectHandle::newArray(entry));
    }
  }
}

using ArtifactTypes = std::map<long long, std::string>;  // MCID -> artifact type, on one page

// Rewrites "/Private << /MCID 4 >> BDC", when MCID 4 is an artifact's, as
// "/Artifact << /Type /Pagination >> BDC".
class ArtifactMarker : public QPDFObjectHandle::TokenFilter {
 public:
  explicit ArtifactMarker(ArtifactTypes types) : types_(std::move(types)) {}

  void handleToken(QPDFTokenizer::Token const& token) override {
    if (held_.empty() && token.getType() != QPDFTokenizer::tt_name) {
      out_ += token.getRawValue();
      return;
    }
    held_.push_back(token);
    if (token.getType() != QPDFTokenizer::tt_word) return;
    if (token.getValue() == "BDC") {
      for (std::size_t i = 0; i + 1 < held_.size(); ++i) {
        if (held_[i].getType() != QPDFTokenizer::tt_name || held_[i].getValue() != "/MCID") continue;
        for (std::size_t j = i + 1; j < held_.size(); ++j) {
          if (held_[j].getType() == QPDFTokenizer::tt_space) continue;
          if (held_[j].getType() != QPDFTokenizer::tt_integer) break;
          auto found = types_.find(QUtil::string_to_ll(held_[j].getValue().c_str()));
          if (found == types_.end()) break;
          out_ += "/Artifact <</Type /" + found->second + ">> BDC";
          held_.clear();
          return;
        }
      }
    }
    flush();
  }
  void handleEOF() override {
    flush();
    write(out_);
    out_.clear();
  }

 private:
  void flush() {
    for (const QPDFTokenizer::Token& token : held_) out_ += token.getRawValue();
    held_.clear();
  }
  ArtifactTypes types_;
  std::vector<QPDFTokenizer::Token> held_;
  // The stream's text, passed on in one piece at its end: token by token, the compressor's
  // per-call work costs more than the tokens.
  std::string out_;
};

}  // namespace

void mark_artifacts(QPDF& pdf, const std::vector<TopLevelTag>& tags, const std::string& shown) {
  QPDFObjectHandle tree_root = pdf.getRoot().getKey("/StructTreeRoot");
  if (tags.empty() || !tree_root.isDictionary()) return;
  std::vector<QPDFObjectHandle> top = kids_of(tree_root);
  if (top.size() != tags.size())
    throw HandoutError({shown}, fmt::format("the structure tree Cairo wrote has {} elements at its top where {} were "
                                            "drawn",
                                            top.size(), tags.size()));
  std::vector<QPDFObjectHandle> kept;
  std::map<QPDFObjGen, ArtifactTypes> artifacts;
  for (std::size_t i = 0; i < top.size(); ++i) {
    if (!is_element(top[i])) throw HandoutError({shown}, "the structure tree Cairo wrote has a top that is no element");
    if (tags[i].kind == TopLevelTag::Kind::artifact) {
      Marks marks;
      collect_marks(top[i], marks);
      for (const auto& [page, on_page] : marks)
        for (const auto& [mcid, element] : on_page) artifacts[page][mcid] = tags[i].artifact_type;
    } else if (tags[i].kind == TopLevelTag::Kind::continuation && !kept.empty() &&
               role_of(kept.back()) == role_of(top[i])) {
      join(kept.back(), top[i], tags[i].depth);
    } else {
      kept.push_back(top[i]);
    }
  }
  tree_root.replaceKey("/K", QPDFObjectHandle::newArray(kept));
  remake_parent_tree(pdf, tree_root);
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    auto found = artifacts.find(page.getObjGen());
    if (found != artifacts.end())
      QPDFPageObjectHelper(page).addContentTokenFilter(std::make_shared<ArtifactMarker>(found->second));
  }
}

}  // namespace handout
