#include "readability/text_segmenter.h"

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <map>
#include <mutex>
#include <string>

#include "util/diagnostic.h"

namespace handout {

namespace {

struct CloseBreak {
  void operator()(UBreakIterator* iterator) const { ubrk_close(iterator); }
};
struct CloseText {
  void operator()(UText* text) const { utext_close(text); }
};
using BreakHandle = std::unique_ptr<UBreakIterator, CloseBreak>;
using TextHandle = std::unique_ptr<UText, CloseText>;

// "en-GB" -> "en_GB@ss=standard": ICU's locale IDs, with sentence-break suppressions
// (abbreviations such as "Dr." and "approx." that do not end a sentence).
std::string icu_locale(std::string_view language, bool suppressions) {
  std::string id(language);
  for (char& c : id)
    if (c == '-') c = '_';
  return suppressions ? id + "@ss=standard" : id;
}

BreakHandle open_break(UBreakIteratorType type, const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  BreakHandle handle(ubrk_open(type, locale.c_str(), nullptr, 0, &status));
  if (U_FAILURE(status) || !handle)
    throw HandoutError({}, fmt::format("ICU cannot break text for locale '{}': {}", locale, u_errorName(status)));
  return handle;
}

// ICU's English list holds "Mr.", "Prof." and "Fig." but not "Dr.", which handouts use often.
constexpr const char16_t* extra_abbreviations[] = {u"Dr.", u"Drs.", u"vs."};

// The sentence iterator with ICU's abbreviations for the locale and ours. The C API's iterator
// is ICU's C++ BreakIterator (ubrk_open returns one cast to UBreakIterator).
BreakHandle open_sentence_break(std::string_view language) {
  const std::string locale = icu_locale(language, true);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> base(icu::BreakIterator::createSentenceInstance(icu::Locale(locale.c_str()), status));
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createInstance(icu::Locale(locale.c_str()), status));
  if (status == U_MISSING_RESOURCE_ERROR) {
    // ICU has abbreviation lists for a few languages only (none for Chinese, say): then none.
    status = U_ZERO_ERROR;
    builder.reset(icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
  }
  if (U_FAILURE(status) || !base || !builder)
    throw HandoutError({}, fmt::format("ICU cannot break sentences for locale '{}': {}", locale, u_errorName(status)));
  if (language.substr(0, 2) == "en")
    for (const char16_t* abbreviation : extra_abbreviations) builder->suppressBreakAfter(abbreviation, status);
  icu::BreakIterator* filtered = builder->wrapIteratorWithFilter(base.release(), status);  // owns the base
  if (U_FAILURE(status) || !filtered)
    throw HandoutError({}, fmt::format("ICU cannot break sentences for locale '{}': {}", locale, u_errorName(status)));
  return BreakHandle(reinterpret_cast<UBreakIterator*>(filtered));
}

BreakHandle clone_break(const BreakHandle& prototype, std::string_view language) {
  UErrorCode status = U_ZERO_ERROR;
  BreakHandle handle(ubrk_clone(prototype.get(), &status));
  if (U_FAILURE(status) || !handle)
    throw HandoutError({}, fmt::format("ICU cannot break text for language '{}': {}", language, u_errorName(status)));
  return handle;
}

}  // namespace

struct TextSegmenter::Iterators {
  BreakHandle sentence, word;
};

namespace {

// Building a language's iterators (its rules and abbreviation list) costs far more than cloning
// them: each language's are built once per process and every segmenter gets clones (made under
// the lock: ICU promises no more than that a clone is independent of its original).
void clone_prototypes(std::string_view language, TextSegmenter::Iterators& clones) {
  static std::mutex mutex;
  static std::map<std::string, TextSegmenter::Iterators, std::less<>> built;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = built.find(language);
  if (found == built.end())
    found = built
                .emplace(std::string(language), TextSegmenter::Iterators{open_sentence_break(language),
                                                                         open_break(UBRK_WORD, icu_locale(language, false))})
                .first;
  clones.sentence = clone_break(found->second.sentence, language);
  clones.word = clone_break(found->second.word, language);
}

}  // namespace

TextSegmenter::TextSegmenter(std::string_view language) : iterators_(std::make_unique<Iterators>()) {
  clone_prototypes(language, *iterators_);
}

TextSegmenter::~TextSegmenter() = default;

std::vector<SentenceSpan> TextSegmenter::sentences(std::string_view text) {
  std::vector<SentenceSpan> result;
  UErrorCode status = U_ZERO_ERROR;
  // UTF-8 text is read in place, so ICU's indices are byte offsets.
  TextHandle utext(utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
  if (U_FAILURE(status)) throw HandoutError({}, fmt::format("ICU cannot read the text: {}", u_errorName(status)));
  UBreakIterator* sentences = iterators_->sentence.get();
  UBreakIterator* words = iterators_->word.get();
  ubrk_setUText(sentences, utext.get(), &status);
  ubrk_setUText(words, utext.get(), &status);
  if (U_FAILURE(status)) throw HandoutError({}, fmt::format("ICU cannot break the text: {}", u_errorName(status)));

  std::vector<WordSpan> all_words;
  for (int32_t start = ubrk_first(words), end = ubrk_next(words); end != UBRK_DONE;
       start = end, end = ubrk_next(words)) {
    int32_t kind = ubrk_getRuleStatus(words);
    if (kind >= UBRK_WORD_NONE && kind < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    all_words.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(end),
                         kind >= UBRK_WORD_NUMBER && kind < UBRK_WORD_NUMBER_LIMIT});
  }
  std::size_t next_word = 0;
  for (int32_t start = ubrk_first(sentences), end = ubrk_next(sentences); end != UBRK_DONE;
       start = end, end = ubrk_next(sentences)) {
    SentenceSpan sentence{static_cast<std::size_t>(start), static_cast<std::size_t>(end), {}};
    while (next_word < all_words.size() && all_words[next_word].begin < sentence.end)
      sentence.words.push_back(all_words[next_word++]);
    if (!sentence.words.empty()) result.push_back(std::move(sentence));
  }
  // The iterators must not keep pointing at this text once it is gone.
  static const UChar empty[1] = {0};
  ubrk_setText(sentences, empty, 0, &status);
  ubrk_setText(words, empty, 0, &status);
  return result;
}

}  // namespace handout
