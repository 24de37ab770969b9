#pragma once
// The document model: what an article says, with no notion of pages or fonts.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace handout {

// Inline styles a run of text can carry; they combine (a strong link, say).
enum InlineStyle : unsigned {
  style_plain = 0,
  style_emphasis = 1u << 0,
  style_strong = 1u << 1,
  style_code = 1u << 2,
  style_link = 1u << 3,
  style_strike = 1u << 4,
  style_term = 1u << 5,  // the first use of a glossary term
};

struct TextRun {
  std::string text;  // UTF-8; a hard line break is "\u2028"
  unsigned styles = style_plain;
  std::string link_target;  // set when styles has style_link
  SourcePlace link_place{};  // where the link's target is written (else its text), for messages
};

using InlineText = std::vector<TextRun>;

std::string plain_text(const InlineText& text);

enum class BlockKind {
  heading,    // level 1 to 6
  paragraph,
  list,       // children are list_item blocks
  list_item,  // children are the item's blocks
  callout,    // a block quote; children are its blocks
  figure,     // an image with a caption (text) and a description (alt_text); without an image file, the caption alone
  table,
  code,       // a fenced or indented code block, set as it is
  rule,       // a thematic break
  glossary,   // the "Words to know" box a layout adds; children are a heading and a list of terms
};

// Who a block is for: a block quote marked `[!CLINICIAN]` or `[!PATIENT]` (or `[!KEY-POINTS]`,
// for clinicians) is for one audience; everything else is for everyone.
enum class Audience { everyone, clinician, patient };

struct TableCell {
  InlineText text;
  enum class Align { left, centre, right } align = Align::left;
  bool aligned = false;  // the Markdown set the alignment (':---', ':---:', '---:')
};

struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;               // heading level
  InlineText text;             // heading, paragraph, code; figure caption
  std::vector<Block> children;  // list, list_item, callout, glossary
  bool ordered = false;        // list
  int start_number = 1;        // ordered list
  std::string image_path;      // figure: resolved path, empty when the figure has no image
  SourcePlace image_place;     // figure: where the image's file is named, for errors about it
  std::string alt_text;        // figure: the image's description (its alternative text in the PDF)
  std::vector<std::vector<TableCell>> rows;  // table; rows[0] is the header row
  SourcePlace place;           // where the block starts in the Markdown file
  Audience audience = Audience::everyone;  // set only by layouts for everyone or for this audience
  bool key_points = false;     // callout: the article's key points, set first in its own style
};

// The kinds a selection names ("heading", "paragraph", "list", "callout", "figure", "table",
// "code", "rule"), as layouts' [select] and articles' [layout.NAME] tables write them.
std::optional<BlockKind> block_kind_named(std::string_view name);
extern const char* const block_kind_names;  // "heading, paragraph, ... or rule", for messages

// What an article asks of one layout (its front matter's [layout.NAME] table). It narrows the
// layout's [select]: a block is set only when both keep it.
struct LayoutChoice {
  std::vector<std::string> sections;          // keep only level-2 sections whose heading contains one
  std::vector<SourcePlace> section_places;    // where each of those words is written
  std::vector<std::string> exclude_sections;  // and drop those whose heading contains one
  std::vector<SourcePlace> exclude_places;
  std::optional<std::vector<BlockKind>> blocks;  // kinds kept, within the layout's
  SourcePlace place;                             // the table, for errors about the layout's output
};

struct DocumentMetadata {
  std::string title;
  std::string language;  // BCP 47, "en"
  std::string source;    // where the article comes from (a URL or a citation)
  std::string reviewed;  // ISO date, "2026-11-02"
  std::string audience;
  std::vector<std::string> keywords;
  std::string organisation;  // who publishes the handout
  std::map<std::string, LayoutChoice> layouts;  // by layout name ("clinician-summary")
};

struct Document {
  std::string path;   // the Markdown file
  std::string name;   // file stem, used to name outputs
  std::string source;  // the file's text, to place a word of a block at its own line and column
  DocumentMetadata metadata;
  std::vector<Block> blocks;
};

}  // namespace handout
