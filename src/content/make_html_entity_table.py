"""Writes the HTML5 named character references as a sorted C++ table.

The names and code points come from Python's html.entities.html5, which CPython keeps in step
with the WHATWG list (https://html.spec.whatwg.org/entities.json) that CommonMark names as its
authority. CommonMark recognises only the forms ending in ';', so the legacy names without one
are left out.

Usage: make_html_entity_table.py OUTPUT
"""
import html.entities
import sys


def main() -> None:
    rows = []
    for key, text in html.entities.html5.items():
        if not key.endswith(";"):
            continue
        codes = [ord(c) for c in text]
        if not 1 <= len(codes) <= 2:
            sys.exit(f"entity {key} has {len(codes)} code points; the table holds at most 2")
        codes += [0] * (2 - len(codes))
        rows.append((key[:-1], codes))
    # Sorted by bytes, as std::string_view compares them, for a binary search.
    rows.sort(key=lambda row: row[0].encode("ascii"))
    lines = [
        "// Generated at build time by src/content/make_html_entity_table.py from Python's",
        "// html.entities.html5; do not edit.",
        f"// {len(rows)} names, sorted for binary search.",
    ]
    lines += [f'{{"{name}", 0x{a:X}, 0x{b:X}}},' for name, (a, b) in rows]
    with open(sys.argv[1], "w", encoding="ascii") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
