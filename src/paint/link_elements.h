#pragma once
// What Cairo 1.16 cannot write for a link, added with qpdf's library. Cairo makes each link
// piece (LinkBegin in pages.h: a link's words on one line) a Link element holding the piece's
// marked content and an /OBJR to its annotation, whose /StructParent leads back to it. Here each
// annotation gets the link's words as its /Contents (the alternate description PDF/UA-1 asks of
// every annotation) and its exact area as /Rect, and the pieces of one link become one Link
// element holding every piece's content and /OBJR, so a reader meets the link once however it
// was broken.
#include <string>
#include <vector>

#include "typeset/pages.h"

class QPDF;

namespace handout {

struct LinkPiece {
  std::string words;       // the whole link's words, as a reader gets them
  bool continued = false;  // the piece continues the link of the piece before it
};

// Every link piece of the pages, in painting order (the order of Cairo's Link elements).
std::vector<LinkPiece> link_pieces(const Pages& pages);

// Throws HandoutError naming `shown` when the PDF's Link elements are not the pieces painted.
void finish_link_elements(QPDF& pdf, const std::vector<LinkPiece>& pieces, const std::string& shown);

}  // namespace handout
