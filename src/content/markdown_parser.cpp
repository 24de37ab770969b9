#include "content/markdown_parser.h"

#include <fmt/format.h>
#include <md4c.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>

#include "content/html_entities.h"
#include "util/text.h"

namespace handout {

std::string plain_text(const InlineText& text) {
  std::string out;
  for (const TextRun& run : text) out += run.text;
  return out;
}

namespace {

constexpr std::string_view line_separator = "\u2028";

// Builds the block tree from md4c's callbacks. md4c reports no positions for blocks, but most
// text callbacks point into the source, so a block takes the place of its first such text.
class TreeBuilder {
 public:
  TreeBuilder(const MarkdownSource& source, Warnings& warnings)
      : source_(source),
        text_(source.text),
        warnings_(warnings),
        last_text_place_{source.path, source.first_line, 1} {
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
      return static_cast<TreeBuilder*>(self)->enter_block(type, detail);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      // An exception must not unwind through md4c's C frames: keep it and stop the parse.
      auto* builder = static_cast<TreeBuilder*>(self);
      try {
        return builder->leave_block(type, detail);
      } catch (const HandoutError& error) {
        builder->pending_error_ = error;
        return 1;
      }
    };
    parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->enter_span(type, detail);
    };
    parser.leave_span = [](MD_SPANTYPE type, void* detail, void* self) {
      return static_cast<TreeBuilder*>(self)->leave_span(type, detail);
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
      return static_cast<TreeBuilder*>(self)->text(type, text, size);
    };
    if (md_parse(text_.data(), static_cast<MD_SIZE>(text_.size()), &parser, this) != 0) {
      if (pending_error_) throw *pending_error_;
      throw HandoutError({source_.path}, "the Markdown body could not be parsed");
    }
    if (pending_error_) throw *pending_error_;
    return std::move(root_.children);
  }

 private:
  Block& current() { return *open_.back(); }

  Block& open_child(BlockKind kind) {
    Block& parent = current();
    parent.children.push_back(Block{});
    Block& child = parent.children.back();
    child.kind = kind;
    open_.push_back(&child);
    return child;
  }

  bool points_into_source(const char* pointer) const {
    // std::less_equal orders any two pointers, where <= between different arrays is unspecified.
    std::less_equal<const char*> before_or_at;
    return before_or_at(text_.data(), pointer) && before_or_at(pointer, text_.data() + text_.size());
  }

  // Line starts are found once; each place is then a binary search, not a scan from the top.
  SourcePlace place_at(const char* pointer) const {
    std::size_t offset = static_cast<std::size_t>(pointer - text_.data());
    auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t line = static_cast<std::size_t>(next - line_starts_.begin());  // 1-based
    int column = static_cast<int>(offset - line_starts_[line - 1]) + 1;
    return {source_.path, static_cast<int>(line) + source_.first_line - 1, column};
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
        settle_place(current());
        finish_paragraph(current());
        open_.pop_back();
        break;
      case MD_BLOCK_CODE: {
        settle_place(current());
        // md4c ends every code line with a newline; the last one would set an empty line.
        InlineText& text = current().text;
        if (!text.empty() && text.back().text.ends_with('\n')) text.back().text.pop_back();
        open_.pop_back();
        break;
      }
      case MD_BLOCK_H:
        settle_place(current());
        if (current().level > 3) {
          warnings_.add(current().place, fmt::format("heading level {} is set as level 3", current().level));
          current().level = 3;
        }
        open_.pop_back();
        break;
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
        break;
      case MD_SPAN_IMG: {
        auto* image = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        image_ = PendingImage{attribute_text(image->src), attribute_text(image->title), {}, {}};
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
        break;
      case MD_SPAN_IMG:
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
    // md4c hands some text over as strings of its own (a NUL's replacement, line breaks, the
    // indentation of code lines), not as pointers into the source: such text takes the place of
    // the text before it, and gives no block its place.
    const bool located = points_into_source(data);
    SourcePlace place = located ? place_at(data) : last_text_place_;
    if (located) {
      last_text_place_ = place;
      for (Block* block : open_)
        if (block->place.line == 0 && block != &root_) block->place = place;
    }
    if (in_html_block_ || type == MD_TEXT_HTML) {
      std::string shown = trim(value);
      if (!shown.empty())
        warnings_.add(place, fmt::format("raw HTML is not set: '{}'", shown.substr(0, 60)));
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
          warnings_.add(place, fmt::format("unknown entity '{}' is set as written", value));
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
    append(decoded, styles_, located ? place : SourcePlace{});
    return 0;
  }

  // A block whose text all came as md4c's own strings has no place of its own: it takes the
  // place of the last text located before it.
  void settle_place(Block& block) const {
    if (block.place.line == 0 && !block.text.empty()) block.place = last_text_place_;
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
    if (!target->empty() && target->back().styles == styles && target->back().link_target == link) {
      target->back().text += text;
    } else {
      target->push_back(TextRun{text, styles, link});
    }
  }

  void close_implicit_paragraph() {
    if (implicit_paragraph_ && open_.size() > 1 && &current() == implicit_paragraph_) {
      settle_place(current());
      finish_paragraph(current());
      open_.pop_back();
    }
    implicit_paragraph_ = nullptr;
  }

  // A paragraph that holds one image and nothing else is a figure; an image among other text
  // is set as its alt text, with a warning, so its words are not lost.
  void finish_paragraph(Block& paragraph) {
    if (images_.empty()) return;
    std::vector<PendingImage> images = std::move(images_);
    images_.clear();
    bool only_image = images.size() == 1 && trim(plain_text(paragraph.text)) == trim(images[0].alt);
    if (!only_image) {
      for (const PendingImage& image : images)
        warnings_.add(image.place.line ? image.place : paragraph.place,
                      "an image inside running text is set as its description only");
      return;
    }
    const PendingImage& image = images[0];
    paragraph.kind = BlockKind::figure;
    std::string caption = image.title.empty() ? image.alt : image.title;
    paragraph.text = InlineText{TextRun{collapse_whitespace(caption), style_plain, {}}};
    if (!image.title.empty() && !image.alt.empty() && image.alt != image.title)
      warnings_.add(paragraph.place, "the figure's title is its caption; its description is not printed");
    if (!image.source.empty()) paragraph.image_path = resolve_image(image.source, paragraph.place);
  }

  std::string resolve_image(const std::string& source, const SourcePlace& place) const {
    std::filesystem::path path = source;
    if (path.is_relative()) path = std::filesystem::path(source_.image_folder) / path;
    if (lowercase_ascii(path.extension().string()) != ".png")
      throw HandoutError(place, fmt::format("image '{}' is not a PNG file; only PNG images are supported", source));
    std::error_code error;  // a name the system refuses (too long, say) is not found, not an exception
    if (!std::filesystem::is_regular_file(path, error))
      throw HandoutError(place, fmt::format("image file '{}' not found", path.string()));
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
    SourcePlace place;
  };

  const MarkdownSource& source_;
  // md4c 0.4.8 reads a byte past the end of its text where a link is left open at the end
  // ("[a](b"): if that byte is ')' it sets a link that runs past the end, and hands over text of
  // a negative length. A std::string ends in a NUL, which ends the link as the text does.
  const std::string text_;
  Warnings& warnings_;
  std::vector<std::size_t> line_starts_;
  Block root_;
  std::vector<Block*> open_;
  Block* implicit_paragraph_ = nullptr;
  unsigned styles_ = style_plain;
  std::string link_target_;
  bool in_html_block_ = false;
  bool in_cell_ = false;
  std::optional<PendingImage> image_;
  std::vector<PendingImage> images_;
  std::optional<HandoutError> pending_error_;
  SourcePlace last_text_place_;
};

}  // namespace

std::vector<Block> parse_markdown(const MarkdownSource& source, Warnings& warnings) {
  return TreeBuilder(source, warnings).parse();
}

}  // namespace handout
