#!/usr/bin/env python3
"""Rewrites the README's key tables, each between its <!-- schema:NAME begin --> and
<!-- schema:NAME end --> lines, with what `handout schema --markdown` prints from the schemas
the loaders walk. Usage: scripts/update-readme-schemas.py [BINARY] [README]"""
import re
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else "build/handout"
readme = sys.argv[2] if len(sys.argv) > 2 else "README.md"
generated = subprocess.run([binary, "schema", "--markdown"], check=True, capture_output=True, text=True,
                           timeout=60).stdout
with open(readme, encoding="utf-8") as file:
    text = file.read()
for block in re.finditer(r"<!-- schema:(\w+) begin -->\n.*?<!-- schema:\1 end -->\n", generated, re.S):
    name = block.group(1)
    pattern = re.compile(r"<!-- schema:%s begin -->\n.*?<!-- schema:%s end -->\n" % (name, name), re.S)
    text, count = pattern.subn(lambda _: block.group(0), text)
    if count != 1:
        sys.exit(f"{readme} has {count} blocks for schema '{name}' (expected 1)")
with open(readme, "w", encoding="utf-8") as file:
    file.write(text)
