#!/usr/bin/env python3
"""The two halves of scripts/commonmark-check.sh that are not process running.

  commonmark_check.py split SPEC WORK [NUMBER...]  writes WORK/content/ex-NNN.md (front matter +
      the example's Markdown) and WORK/examples.json (number, section, expected HTML)
  commonmark_check.py compare WORK                 classifies every built example and prints one
      line per failure, then 'N passed, M failed'; exit status 1 when any failed

The comparison is of words: whitespace-separated tokens of the expected HTML's visible text
(image alt text included) against those of `pdftotext` on the handout PDF, both in Unicode NFC.
"""

import collections
import difflib
import html
import html.parser
import json
import os
import re
import sys
import unicodedata

FENCE = "`" * 32
FRONT_MATTER = (
    '+++\ntitle = "CommonMark example {number}"\nlanguage = "en"\n'
    'reviewed = 2024-01-28\norganisation = "CommonMark"\n+++\n'
)

# Elements whose start or end separates words in a browser (block boxes, line breaks, cells).
BREAKING = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}
# Elements whose content a browser does not show as text.
HIDDEN = {"script", "style"}

# Words handout adds that the HTML does not have: list labels ("•", "◦", "▪" by nesting depth,
# "1.", also for "1)" lists).
LIST_LABEL = re.compile(r"^(?:[•◦▪]|\d{1,9}\.)$")


class VisibleText(html.parser.HTMLParser):
    """The text a reader of the expected HTML sees, with the alt text of images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0
        self.images = []  # the src of every <img>
        self.links = []  # the href of every <a>

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        if tag in BREAKING:
            self.parts.append(" ")
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")
            self.images.append(dict(attrs).get("src") or "")
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in BREAKING:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def words(text):
    # str.split() also splits at U+00A0 and U+2028, which pdftotext may or may not keep.
    return unicodedata.normalize("NFC", text).split()


def visible_text(expected_html):
    parser = VisibleText()
    # HTML5 closes "<!-->" and "<!--->" at once (empty comments); Python's parser reads on to "-->".
    parser.feed(re.sub(r"<!---?>", "<!---->", expected_html))
    parser.close()
    return parser


def read_spec(path):
    """Yields (number, section, markdown, html) like the spec's own spec_tests.py."""
    with open(path, encoding="utf-8") as spec:
        lines = spec.read().split("\n")
    section, number, state, markdown, expected = "", 0, 0, [], []
    for line in lines:
        if state == 0:
            if line.startswith(FENCE + " example"):
                state, markdown, expected = 1, [], []
            elif line.startswith("#"):
                section = line.lstrip("#").strip()
        elif state == 1:
            if line == ".":
                state = 2
            else:
                markdown.append(line)
        elif line == FENCE:
            number += 1
            state = 0
            tab = lambda text: "".join(text).replace("→", "\t")
            yield number, section, tab(l + "\n" for l in markdown), tab(l + "\n" for l in expected)
        else:
            expected.append(line)


def split(spec, work, wanted):
    os.makedirs(os.path.join(work, "content"), exist_ok=True)
    examples = []
    for number, section, markdown, expected in read_spec(spec):
        if wanted and number not in wanted:
            continue
        with open(os.path.join(work, "content", f"ex-{number:03}.md"), "w", encoding="utf-8") as out:
            out.write(FRONT_MATTER.format(number=number) + markdown)
        examples.append({"number": number, "section": section, "html": expected,
                         "markdown_lines": markdown.count("\n")})
    if not examples:
        sys.exit(f"{spec}: no examples found")
    with open(os.path.join(work, "examples.json"), "w", encoding="utf-8") as out:
        json.dump(examples, out)
    for example in examples:
        print(f"{example['number']:03}")


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return file.read()
    except FileNotFoundError:
        return None


def short(items, limit=70):
    text = " ".join(repr(item) for item in items)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def differences(expected, actual):
    """The places where the words differ, as (lost, added) pairs of word lists, after alignment.
    A word that pdftotext splits (a long code line wrapped by the typesetter) or joins is the
    same text; list labels are handout's own."""
    found = []
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        lost, added = expected[i1:i2], [w for w in actual[j1:j2] if not LIST_LABEL.match(w)]
        if "".join(lost) != "".join(added):
            found.append((lost, added))
    # A word that moved shows up lost in one place and added in another: it is not lost.
    lost_moved = collections.Counter(w for lost, _ in found for w in lost) & collections.Counter(
        w for _, added in found for w in added)
    added_moved = collections.Counter(lost_moved)

    def without_moved(words_, moved):
        kept = []
        for word in words_:
            if moved[word]:
                moved[word] -= 1
            else:
                kept.append(word)
        return kept

    result = [(without_moved(lost, lost_moved), without_moved(added, added_moved)) for lost, added in found]
    return [(lost, added) for lost, added in result if lost or added]


def lost_characters(lost, added):
    """The runs of characters of `lost` that `added` does not have, by a character alignment."""
    a, b = "".join(lost), "".join(added)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [a[i1:i2] for op, i1, i2, _, _ in matcher.get_opcodes() if op in ("delete", "replace")]


# Emphasis delimiters. md4c 0.4.8 follows CommonMark 0.30, which reads some of them otherwise:
# 0.31 counts symbols such as "£" as punctuation beside a delimiter, and makes <textarea> a
# raw-text HTML block. Taking "*£*" as emphasis loses no word.
DELIMITERS = re.compile(r"[*_]")


# A located diagnostic about the article: path:line:column: kind: message.
PLACE = re.compile(r"^(?P<path>[^\s:]+\.md):(?P<line>\d+):(?P<column>\d+): (?P<kind>error|warning): (?P<message>.*)$")
# An error that says a file is not there: the input cannot be used, since the spec's images name
# files that no example has.
NOTHING_TO_SET = re.compile(r"^the article has no text to set")
# An error that refuses a link's scheme (handout links only to http, https, mailto and tel by
# default): the example's HTML must hold a link of that scheme.
REFUSED_SCHEME = re.compile(r"^link target '.*' has the scheme '(?P<scheme>[^']+)', which a handout may not link to")
ABSENT = re.compile(r"not found|no such file|does not exist|missing|cannot be (?:read|opened)", re.IGNORECASE)


def quoted_text(warnings):
    """What the warnings quote ('...'), also with HTML entities decoded: a warning about an entity
    set as written names the character it stands for."""
    quoted = []
    for warning in warnings:
        first, last = warning.find("'"), warning.rfind("'")
        if first < last:
            quoted += [warning[first + 1 : last], html.unescape(warning[first + 1 : last])]
    return quoted


def compare_words(expected, actual, warnings):
    """Classifies the differences between the expected and the printed words."""
    found = differences(expected, actual)
    if not found:
        return "match", ""
    quoted = quoted_text(warnings)

    def named(text):
        return any(text in q for q in quoted)

    kind, shown = "more", []
    for lost, added in found:
        if not lost:
            shown += ["+" + word for word in added]  # printed, but the HTML hides it (a comment)
            continue
        if all(named(word) for word in lost):
            kind, shown = "warned", shown + lost
            continue
        # Within words: a character with no glyph, or a delimiter md4c reads as emphasis.
        runs = [DELIMITERS.sub("", run) for run in lost_characters(lost, added)]
        # A run of several characters is named when each of them is (one warning lists them all).
        if all(not run or named(run) or all(named(ch) for ch in run) for run in runs):
            kind = "warned" if any(runs) else kind
            shown += lost
            continue
        silent = [word for word in lost if not named(word)]
        return "failed", "lost without a warning: " + short(silent) + (
            f" (printed: {short(added, 40)})" if added else "")
    return kind, short(shown)


def classify(work, example):
    """(kind, reason): kind is a key of CATEGORIES or "failed"."""
    name = f"ex-{example['number']:03}"
    rc_text = (read(os.path.join(work, "result", name + ".rc")) or "").strip()
    log = read(os.path.join(work, "result", name + ".log")) or ""
    text = read(os.path.join(work, "result", name + ".txt"))
    expected = visible_text(example["html"])
    file_lines = FRONT_MATTER.count("\n") + example["markdown_lines"]

    diagnostics = [m for m in (PLACE.match(line) for line in log.splitlines()) if m]
    for found in diagnostics:
        line, column = int(found["line"]), int(found["column"])
        if not 1 <= line <= file_lines or column < 1:
            return "failed", f"{found['kind']} placed outside the file ({file_lines} lines): {line}:{column}"
    errors = [d["message"] for d in diagnostics if d["kind"] == "error"]

    if not rc_text.isdigit():
        return "failed", "the build did not finish"
    rc = int(rc_text)
    if rc == 124:
        return "failed", "timed out"
    if rc == 1 and errors:
        if all(ABSENT.search(e) and any(src and src in e for src in expected.images) for e in errors):
            return "error", errors[0]
        refused = [REFUSED_SCHEME.search(e) for e in errors]
        if all(refused) and all(
            any(href.lower().startswith(r["scheme"] + ":") for href in expected.links) for r in refused
        ):
            return "scheme", errors[0]
        if len(errors) == 1 and NOTHING_TO_SET.search(errors[0]):
            # A body of raw HTML or link definitions only: no PDF, but every word it holds must be
            # named by a warning, as for a body that builds.
            warnings = [d["message"] for d in diagnostics if d["kind"] == "warning"]
            kind, reason = compare_words(words("".join(expected.parts)), [], warnings)
            if kind in ("match", "warned"):
                return "empty", reason
            return "failed", "nothing set, and " + reason
        return "failed", "error: " + errors[0][:100]
    if rc != 0:
        lines = log.strip().splitlines()
        message = next((l for l in lines if "error:" in l), lines[0] if lines else "no message")
        return "failed", f"exit {rc}: {message[:100]}"
    if text is None:
        return "failed", "exit 0 but no PDF"
    warnings = [d["message"] for d in diagnostics if d["kind"] == "warning"]
    return compare_words(words("".join(expected.parts)), words(text), warnings)


CATEGORIES = {
    "match": "match",
    "warned": "differ only where a warning names the text",
    "more": "lose no word but differ (markup md4c 0.4.8 reads by CommonMark 0.30)",
    "error": "stop at an error placed in the article (an image file that is not there)",
    "empty": "stop at an error placed in the article (nothing to set; warnings name all its text)",
    "scheme": "stop at an error placed in the article (a link of a scheme a handout may not carry)",
}


def compare(work, verbose):
    with open(os.path.join(work, "examples.json"), encoding="utf-8") as file:
        examples = json.load(file)
    counts = collections.Counter()
    for example in examples:
        kind, reason = classify(work, example)
        counts[kind] += 1
        if kind == "failed":
            print(f"example {example['number']} ({example['section']}): {reason}")
        elif verbose and kind != "match":
            print(f"example {example['number']} ({example['section']}): passes, {CATEGORIES[kind]}: {reason}")
    print(", ".join(f"{counts[kind]} {text}" for kind, text in CATEGORIES.items()))
    print(f"{len(examples) - counts['failed']} passed, {counts['failed']} failed")
    return 1 if counts["failed"] else 0


def main(argv):
    if len(argv) >= 4 and argv[1] == "split":
        return split(argv[2], argv[3], {int(n) for n in argv[4:]}) or 0
    if len(argv) >= 3 and argv[1] == "compare":
        return compare(argv[2], "--verbose" in argv[3:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
