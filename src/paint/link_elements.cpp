#include "paint/link_elements.h"

// qpdf 11 asks code that does not use its old PointerHolder to say so.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string_view>

#include "util/diagnostic.h"

namespace handout {

namespace {

bool begins(std::string_view text, std::string_view start) { return text.substr(0, start.size()) == start; }

// The words as a reader hears them: no soft hyphens, one space between words.
std::string spoken(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    std::string_view rest = text.substr(i);
    std::size_t length = 1;
    bool is_space = rest[0] == ' ' || rest[0] == '\n' || rest[0] == '\t' || rest[0] == '\r';
    if (begins(rest, "\u00AD")) {
      i += 2;
      continue;
    }
    if (begins(rest, "\u2028") || begins(rest, "\u2029") || begins(rest, "\u00A0")) {
      is_space = true;
      length = begins(rest, "\u00A0") ? 2 : 3;
    }
    if (is_space) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out.append(rest.substr(0, length));
    }
    i += length;
  }
  return out;
}

bool is_element(QPDFObjectHandle object) { return object.isDictionary() && object.getKey("/S").isName(); }

std::vector<QPDFObjectHandle> kids_of(QPDFObjectHandle element) {
  QPDFObjectHandle kids = element.getKey("/K");
  if (kids.isArray()) return kids.getArrayAsVector();
  if (kids.isNull()) return {};
  return {kids};
}

// The Link elements under `element`, in document order.
void collect_links(QPDFObjectHandle element, std::vector<QPDFObjectHandle>& links) {
  for (QPDFObjectHandle kid : kids_of(element)) {
    if (!is_element(kid)) continue;
    if (kid.getKey("/S").isNameAndEquals("/Link")) links.push_back(kid);
    collect_links(kid, links);
  }
}

bool same_object(QPDFObjectHandle a, QPDFObjectHandle b) {
  return a.isIndirect() && b.isIndirect() && a.getObjGen() == b.getObjGen();
}

// Moves the marked content and object references of `piece` into `link`, after its own, and
// takes `piece` out of its parent. A bare marked-content id means "on the element's page": moved,
// it names its page.
void join_piece(QPDFObjectHandle link, QPDFObjectHandle piece) {
  std::vector<QPDFObjectHandle> joined = kids_of(link);
  for (QPDFObjectHandle kid : kids_of(piece)) {
    if (kid.isInteger() && piece.getKey("/Pg").isDictionary()) {
      QPDFObjectHandle reference = QPDFObjectHandle::newDictionary();
      reference.replaceKey("/Type", QPDFObjectHandle::newName("/MCR"));
      reference.replaceKey("/Pg", piece.getKey("/Pg"));
      reference.replaceKey("/MCID", kid);
      kid = reference;
    }
    joined.push_back(kid);
  }
  link.replaceKey("/K", QPDFObjectHandle::newArray(joined));
  QPDFObjectHandle parent = piece.getKey("/P");
  std::vector<QPDFObjectHandle> siblings;
  for (QPDFObjectHandle kid : kids_of(parent))
    if (!same_object(kid, piece)) siblings.push_back(kid);
  parent.replaceKey("/K", QPDFObjectHandle::newArray(siblings));
}

// Cairo 1.16 writes an annotation's /Rect in whole points, rounded outwards (its /QuadPoints
// exactly): the /Rect becomes the area itself, so neighbouring links' areas do not overlap.
void set_exact_rect(QPDFObjectHandle annotation) {
  QPDFObjectHandle points = annotation.getKey("/QuadPoints");
  if (!points.isArray() || points.getArrayNItems() != 8) return;
  double left = 0, bottom = 0, right = 0, top = 0;
  for (int i = 0; i < 8; ++i) {
    QPDFObjectHandle value = points.getArrayItem(i);
    if (!value.isNumber()) return;
    double number = value.getNumericValue();
    double& low = i % 2 == 0 ? left : bottom;
    double& high = i % 2 == 0 ? right : top;
    if (i < 2 || number < low) low = number;
    if (i < 2 || number > high) high = number;
  }
  annotation.replaceKey("/Rect", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
                                     QPDFObjectHandle::newReal(left, 2), QPDFObjectHandle::newReal(bottom, 2),
                                     QPDFObjectHandle::newReal(right, 2), QPDFObjectHandle::newReal(top, 2)}));
}

using Replacements = std::map<QPDFObjGen, QPDFObjectHandle>;  // a joined piece -> its link

// The parent tree's entries name the link instead of its joined pieces: each annotation's entry
// and each page's marked content.
void replace_in_parent_tree(QPDFObjectHandle tree_root, const Replacements& replacements) {
  QPDFObjectHandle numbers = tree_root.getKey("/ParentTree").getKey("/Nums");
  if (!numbers.isArray() || replacements.empty()) return;
  auto replaced = [&](QPDFObjectHandle value) -> std::optional<QPDFObjectHandle> {
    if (!value.isIndirect()) return std::nullopt;
    auto found = replacements.find(value.getObjGen());
    if (found == replacements.end()) return std::nullopt;
    return found->second;
  };
  for (int i = 1; i < numbers.getArrayNItems(); i += 2) {
    QPDFObjectHandle value = numbers.getArrayItem(i);
    if (auto joined = replaced(value)) {
      numbers.setArrayItem(i, *joined);
    } else if (value.isArray()) {
      for (int j = 0; j < value.getArrayNItems(); ++j)
        if (auto kept = replaced(value.getArrayItem(j))) value.setArrayItem(j, *kept);
    }
  }
}

}  // namespace

std::vector<LinkPiece> link_pieces(const Pages& pages) {
  std::vector<LinkPiece> pieces;
  std::vector<std::size_t> link_of;  // each piece's link
  std::vector<std::string> words;    // each link's text, as painted
  bool in_link = false;
  for (const Page& page : pages.pages)
    for (const PageItem& item : page.items) {
      if (const auto* begin = std::get_if<LinkBegin>(&item)) {
        if (!begin->continued || words.empty()) words.emplace_back();
        pieces.push_back(LinkPiece{{}, begin->continued});
        link_of.push_back(words.size() - 1);
        in_link = true;
      } else if (std::holds_alternative<LinkEnd>(item)) {
        in_link = false;
      } else if (const auto* run = std::get_if<GlyphRun>(&item); run && in_link) {
        words.back() += run->text;
      }
    }
  for (std::size_t i = 0; i < pieces.size(); ++i) pieces[i].words = spoken(words[link_of[i]]);
  return pieces;
}

void finish_link_elements(QPDF& pdf, const std::vector<LinkPiece>& pieces, const std::string& shown) {
  QPDFObjectHandle tree_root = pdf.getRoot().getKey("/StructTreeRoot");
  if (!tree_root.isDictionary()) return;
  std::vector<QPDFObjectHandle> links;
  collect_links(tree_root, links);
  if (links.size() != pieces.size())
    throw HandoutError({shown}, fmt::format("the structure tree Cairo wrote has {} Link elements where {} link pieces "
                                            "were drawn",
                                            links.size(), pieces.size()));
  Replacements replacements;
  QPDFObjectHandle link;  // the element the pieces so far joined
  for (std::size_t i = 0; i < links.size(); ++i) {
    QPDFObjectHandle piece = links[i];
    for (QPDFObjectHandle kid : kids_of(piece)) {
      if (!kid.isDictionary() || !kid.getKey("/Type").isNameAndEquals("/OBJR")) continue;
      QPDFObjectHandle annotation = kid.getKey("/Obj");
      if (!annotation.isDictionary()) continue;
      if (!pieces[i].words.empty())
        annotation.replaceKey("/Contents", QPDFObjectHandle::newUnicodeString(pieces[i].words));
      set_exact_rect(annotation);
    }
    // Only siblings join: pieces apart in the structure stay links of their own.
    if (pieces[i].continued && link.isDictionary() && same_object(link.getKey("/P"), piece.getKey("/P"))) {
      join_piece(link, piece);
      replacements[piece.getObjGen()] = link;
    } else {
      link = piece;
    }
  }
  replace_in_parent_tree(tree_root, replacements);
}

}  // namespace handout
