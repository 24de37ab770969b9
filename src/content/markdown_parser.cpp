#include "content/markdown_parser.h"

#include <fmt/format.h>
#include <md4c.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>

#include "content/heading_levels.h"
#include "content/html_entities.h"
#include "util/callback_guard.h"
#include "util/text.h"

namespace handout {

std::string plain_text(const InlineText& text) {
  std::string out;
  for (const TextRun& run : text) out += run.text;
  return out;
}

namespace {

constexpr std::string_view line_separator = "\u2028";

// Builds the block tree from md4c's callbacks. md4c reports no positions for blocks, but every
// text callback points into the source, so a block takes the place of its first text.
class TreeBuilder {
 public:
  TreeBuilder(const MarkdownSource& source, Warnings& warnings)
      : source_(source), text_(source.text), warnings_(warnings) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    root_.kind = BlockKind::callout;  // a container; only its children are returned
    open_.push_back(&root_);
  }

  std::vector<Block> parse() {
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
                   MD_FLAG_PERMISSIVEEMAILAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->guarded(&TreeBuilder::enter_block, type, detail);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->guarded(&TreeBuilder::leave_block, type, detail);
    };
    parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->guarded(&TreeBuilder::enter_span, type, detail);
    };
    parser.leave_span = [](MD_SPANTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->guarded(&TreeBuilder::leave_span, type, detail);
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
      return static_cast<TreeBuilder*>(self)->guarded(&TreeBuilder::text, type, text, size);
    };
    int status = md_parse(text_.data(), static_cast<MD_SIZE>(text_.size()), &parser, this);
    guard_.rethrow_if_failed();
    if (status != 0) throw HandoutError({source_.path}, "the Markdown body could not be parsed");
    return std::move(root_.children);
  }

 private:
  // Every md4c callback runs through the guard: whatever it throws stops the parse and is
  // rethrown by parse() after md_parse has returned. md4c 0.4.8 passes a positive return up only
  // one level and then goes on parsing; a negative one ends md_parse.
  template <typename... Args>
  int guarded(int (TreeBuilder::*callback)(Args...), Args... args) noexcept {
    return guard_.run(-1, [&] { return (this->*callback)(args...); });
  }

  Block& current() { return *open_.back(); }

  Block& open_child(BlockKind kind) {
    Block& parent = current();
    parent.children.push_back(Block{});
    Block& child = parent.children.back();
    child.kind = kind;
    open_.push_back(&child);
    return child;
  }

  // Line starts are found once; each place is then a binary search, not a scan from the top.
  // md4c points into the source for almost all text, but hands some from its own buffers (the
  // indentation of a code line indented beyond four spaces): such text has no place of its own.
  std::optional<SourcePlace> place_at(const char* pointer) const {
    const char* begin = text_.data();
    const char* end = begin + text_.size();
    std::less<const char*> before;  // a total order, even for pointers into other buffers
    if (text_.empty() || before(pointer, begin) || !before(pointer, end)) return std::nullopt;
    std::size_t offset = static_cast<std::size_t>(pointer - begin);
    auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t line = static_cast<std::size_t>(next - line_starts_.begin());  // 1-based
    int column = static_cast<int>(offset - line_starts_[line - 1]) + 1;
    return SourcePlace{source_.path, static_cast<int>(line) + source_.first_line - 1, column};
  }

  // md4c reports no places for spans, and an image without alt text has no text to take one
  // from; but an attribute that needed no unescaping points into the source.
  SourcePlace place_of(const MD_ATTRIBUTE& attribute) const {
    if (attribute.text && attribute.size > 0)
      if (std::optional<SourcePlace> place = place_at(attribute.text)) return *place;
    return {};
  }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    if (type != MD_BLOCK_DOC) close_implicit_paragraph();  // a nested list ends a tight item's text
    switch (type) {
      case MD_BLOCK_DOC:
        break;
      case MD_BLOCK_QUOTE:
        open_child(BlockKind::callout);
        break;
      case MD_BLOCK_UL:
        open_child(BlockKind::list);
        break;
      case MD_BLOCK_OL: {
        Block& list = open_child(BlockKind::list);
        list.ordered = true;
        list.start_number = static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start);
        break;
      }
      case MD_BLOCK_LI:
        open_child(BlockKind::list_item);
        break;
      case MD_BLOCK_HR:
        open_child(BlockKind::rule);
        break;
      case MD_BLOCK_H: {
        Block& heading = open_child(BlockKind::heading);
        heading.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      }
      case MD_BLOCK_CODE:
        open_child(BlockKind::code);
        break;
      case MD_BLOCK_HTML:
        in_html_block_ = true;
        break;
      case MD_BLOCK_P:
        open_child(BlockKind::paragraph);
        break;
      case MD_BLOCK_TABLE:
        open_child(BlockKind::table);
        break;
      case MD_BLOCK_THEAD:
      case MD_BLOCK_TBODY:
        break;
      case MD_BLOCK_TR:
        table().rows.emplace_back();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        TableCell cell;
        switch (static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align) {
          case MD_ALIGN_CENTER: cell.align = TableCell::Align::centre; break;
          case MD_ALIGN_RIGHT: cell.align = TableCell::Align::right; break;
          default: break;
        }
        cell.aligned = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align != MD_ALIGN_DEFAULT;
        table().rows.back().push_back(std::move(cell));
        in_cell_ = true;
        break;
      }
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type, void*) {
    switch (type) {
      case MD_BLOCK_DOC:
      case MD_BLOCK_THEAD:
      case MD_BLOCK_TBODY:
      case MD_BLOCK_TR:
        break;
      case MD_BLOCK_HTML:
        in_html_block_ = false;
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        in_cell_ = false;
        break;
      case MD_BLOCK_LI:
        close_implicit_paragraph();
        open_.pop_back();
        break;
      case MD_BLOCK_P:
        finish_paragraph(current());
        open_.pop_back();
        break;
      case MD_BLOCK_CODE: {
        // md4c ends every code line with a newline; the last one would set an empty line.
        InlineText& text = current().text;
        if (!text.empty() && text.back().text.ends_with('\n')) text.back().text.pop_back();
        open_.pop_back();
        break;
      }
      default:
        open_.pop_back();
        break;
    }
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    switch (type) {
      case MD_SPAN_EM: styles_ |= style_emphasis; break;
      case MD_SPAN_STRONG: styles_ |= style_strong; break;
      case MD_SPAN_CODE: styles_ |= style_code; break;
      case MD_SPAN_DEL: styles_ |= style_strike; break;
      case MD_SPAN_A:
        styles_ |= style_link;
        link_target_ = attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href);
        link_place_ = place_of(static_cast<MD_SPAN_A_DETAIL*>(detail)->href);  // none when unescaped or empty
        break;
      case MD_SPAN_IMG: {
        // An image inside an image's description is only more description (CommonMark).
        if (image_depth_++ > 0) break;
        auto* image = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        image_.emplace();
        image_->source = attribute_text(image->src);
        image_->title = attribute_text(image->title);
        image_->source_place = place_of(image->src);
        break;
      }
      default:
        break;  // wiki links, LaTeX and underline are not enabled
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type, void*) {
    switch (type) {
      case MD_SPAN_EM: styles_ &= ~static_cast<unsigned>(style_emphasis); break;
      case MD_SPAN_STRONG: styles_ &= ~static_cast<unsigned>(style_strong); break;
      case MD_SPAN_CODE: styles_ &= ~static_cast<unsigned>(style_code); break;
      case MD_SPAN_DEL: styles_ &= ~static_cast<unsigned>(style_strike); break;
      case MD_SPAN_A:
        styles_ &= ~static_cast<unsigned>(style_link);
        link_target_.clear();
        link_place_ = {};
        break;
      case MD_SPAN_IMG:
        if (--image_depth_ > 0) break;
        if (image_) {
          // The alt text stays in the text until we know whether the image stands alone.
          PendingImage image = std::move(*image_);
          image_.reset();
          append(image.alt, style_plain, image.place);
          if (!in_cell_) images_.push_back(std::move(image));
        }
        break;
      default:
        break;
    }
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size) {
    std::string_view value(data, size);
    // Text without a place of its own is given none: a block takes its place from its first
    // text that has one. Warnings about it name the last place seen.
    std::optional<SourcePlace> found = place_at(data);
    if (found) last_place_ = *found;
    SourcePlace place = found ? *found : SourcePlace{source_.path};
    if (found)
      for (Block* block : open_)
        if (block->place.line == 0 && block != &root_) block->place = place;
    if (in_html_block_ || type == MD_TEXT_HTML) {
      std::string shown = trim(value);
      if (!shown.empty())
        warnings_.add(last_place_, fmt::format("raw HTML is not set: '{}'", shown.substr(0, 60)));
      return 0;
    }
    std::string decoded;
    switch (type) {
      case MD_TEXT_NULLCHAR: decoded = "\uFFFD"; break;
      case MD_TEXT_BR: decoded = std::string(line_separator); break;
      case MD_TEXT_SOFTBR: decoded = " "; break;
      case MD_TEXT_ENTITY:
        if (auto entity = decode_html_entity(value)) {
          decoded = *entity;
        } else {
          warnings_.add(last_place_, fmt::format("unknown entity '{}' is set as written", value));
          decoded = std::string(value);
        }
        break;
      default: decoded = std::string(value); break;
    }
    if (image_) {
      if (image_->alt.empty()) image_->place = place;
      image_->alt += decoded;
      return 0;
    }
    append(decoded, styles_, place);
    return 0;
  }

  // Where inline text goes: the open heading, paragraph, code block or table cell. A tight list
  // item gets its text without a paragraph, so one is opened for it.
  Block& inline_target() {
    Block& block = current();
    if (block.kind == BlockKind::list_item || block.kind == BlockKind::callout) {
      Block& paragraph = open_child(BlockKind::paragraph);
      implicit_paragraph_ = &paragraph;
      return paragraph;
    }
    return block;
  }

  void append(const std::string& text, unsigned styles, const SourcePlace& place) {
    if (text.empty()) return;
    InlineText* target = nullptr;
    if (in_cell_) {
      target = &table().rows.back().back().text;
    } else {
      Block& block = inline_target();
      if (block.place.line == 0) block.place = place;
      target = &block.text;
    }
    std::string link = (styles & style_link) ? link_target_ : std::string();
    // A link whose target has no place of its own (escaped, or empty) takes its text's place.
    if ((styles & style_link) && link_place_.line == 0) link_place_ = place;
    SourcePlace link_place = (styles & style_link) ? link_place_ : SourcePlace{};
    if (!target->empty() && target->back().styles == styles && target->back().link_target == link) {
      target->back().text += text;
    } else {
      target->push_back(TextRun{text, styles, link, link_place});
    }
  }

  void close_implicit_paragraph() {
    if (implicit_paragraph_ && open_.size() > 1 && &current() == implicit_paragraph_) {
      finish_paragraph(current());
      open_.pop_back();
    }
    implicit_paragraph_ = nullptr;
  }

  // A paragraph that holds one image and nothing else is a figure: its title is the caption and
  // its alt text the description (/Alt); without a title the alt text is both. An image among
  // other text is set as its alt text, with a warning, so its words are not lost.
  void finish_paragraph(Block& paragraph) {
    if (images_.empty()) return;
    std::vector<PendingImage> images = std::move(images_);
    images_.clear();
    bool only_image = images.size() == 1 && trim(plain_text(paragraph.text)) == trim(images[0].alt);
    if (!only_image) {
      for (const PendingImage& image : images)
        warnings_.add(image.place.line ? image.place : image.source_place.line ? image.source_place : paragraph.place,
                      "an image inside running text is set as its description only");
      return;
    }
    const PendingImage& image = images[0];
    if (paragraph.place.line == 0) paragraph.place = image.source_place;  // an image without alt text
    paragraph.kind = BlockKind::figure;
    std::string caption = image.title.empty() ? image.alt : image.title;
    paragraph.text = InlineText{TextRun{collapse_whitespace(caption), style_plain, {}}};
    paragraph.alt_text = collapse_whitespace(image.alt);
    paragraph.image_place = image.source_place.line ? image.source_place
                            : image.place.line      ? image.place
                                                    : paragraph.place;
    if (!image.source.empty()) paragraph.image_path = resolve_image(image.source, paragraph.image_place);
  }

  std::string resolve_image(const std::string& source, const SourcePlace& place) const {
    std::filesystem::path path = source;
    if (path.is_relative()) path = std::filesystem::path(source_.image_folder) / path;
    // Its format is told by its content when it is typeset, whatever its name.
    if (auto problem = regular_file_problem(path.string()))
      throw HandoutError(place, fmt::format("image file '{}' {}", path.string(), *problem));
    return path.string();
  }

  Block& table() {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it)
      if ((*it)->kind == BlockKind::table) return **it;
    throw HandoutError({source_.path}, "table cell outside a table");
  }

  static std::string attribute_text(const MD_ATTRIBUTE& attribute) {
    std::string out;
    if (!attribute.text) return out;
    for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
      std::string_view piece(attribute.text + attribute.substr_offsets[i],
                             attribute.substr_offsets[i + 1] - attribute.substr_offsets[i]);
      if (attribute.substr_types[i] == MD_TEXT_ENTITY) {
        out += decode_html_entity(piece).value_or(std::string(piece));
      } else if (attribute.substr_types[i] == MD_TEXT_NULLCHAR) {
        out += "\uFFFD";
      } else {
        out += piece;
      }
    }
    return out;
  }

  struct PendingImage {
    std::string source;
    std::string title;
    std::string alt;
    SourcePlace place;         // of the alt text's first character
    SourcePlace source_place;  // of the file name
  };

  const MarkdownSource& source_;
  // md4c 0.4.8 reads one byte past the end of its text (a link left open at the very end): it
  // parses a copy of its own, whose terminating NUL makes that byte harmless.
  const std::string text_;
  Warnings& warnings_;
  std::vector<std::size_t> line_starts_;
  Block root_;
  std::vector<Block*> open_;
  Block* implicit_paragraph_ = nullptr;
  unsigned styles_ = style_plain;
  std::string link_target_;
  SourcePlace link_place_;
  bool in_html_block_ = false;
  bool in_cell_ = false;
  std::optional<PendingImage> image_;
  int image_depth_ = 0;  // images open: 2 or more inside an image's description
  std::vector<PendingImage> images_;
  SourcePlace last_place_{source_.path};
  CallbackGuard guard_;
};

}  // namespace

std::vector<Block> parse_markdown(const MarkdownSource& source, Warnings& warnings) {
  std::vector<Block> blocks = TreeBuilder(source, warnings).parse();
  nest_heading_levels(blocks, warnings);
  return blocks;
}

}  // namespace handout
