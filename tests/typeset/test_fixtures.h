#pragma once
// Documents and layouts built in code, for typesetting tests that need real fonts.
#include <string>

#include "content/document.h"
#include "layout/layout_spec.h"

namespace handout::testing {

inline Block paragraph(const std::string& text) {
  Block block;
  block.kind = BlockKind::paragraph;
  block.text = {TextRun{text, style_plain, {}}};
  return block;
}

inline Block heading(int level, const std::string& text) {
  Block block = paragraph(text);
  block.kind = BlockKind::heading;
  block.level = level;
  return block;
}

// A document of `paragraphs` paragraphs of ordinary sentences.
inline Document sample_document(int paragraphs) {
  Document document;
  document.path = "sample.md";
  document.name = "sample";
  document.metadata = {"Sample", "en", "", "2026-01-02", "", {}, "Clinic", {}};
  document.blocks.push_back(heading(1, "Sample article"));
  for (int i = 0; i < paragraphs; ++i) {
    if (i % 4 == 0) document.blocks.push_back(heading(2, "Section " + std::to_string(i / 4 + 1)));
    document.blocks.push_back(paragraph(
        "Bone metastases can cause pain that grows worse at night, and a bone scan can find them before "
        "symptoms appear. Treatment aims to relieve pain and to prevent fractures. Paragraph " +
        std::to_string(i + 1) + "."));
  }
  return document;
}

inline std::string fonts_dir() { return HANDOUT_SOURCE_DIR "/fonts"; }

}  // namespace handout::testing
