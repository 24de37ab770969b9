#!/usr/bin/env bash
# Writes N articles of realistic length, varied from the bundled one, into FOLDER, plus a
# project file that builds them with both layouts:  bench/make-corpus.sh FOLDER [N]
# Articles differ in their text, not only their names: each drops some paragraphs, repeats
# others, reorders its examinations and changes figures, so every one typesets differently.
set -euo pipefail
folder=$1
count=${2:-200}
source_article="$(dirname "$0")/../content/rcc-bone-metastasis.md"
mkdir -p "$folder/content"
for i in $(seq 1 "$count"); do
  awk -v i="$i" '
    BEGIN { RS = ""; ORS = "\n\n" }
    NR == 1 { sub(/title = "[^"]*"/, "title = \"Bone metastasis, article " i "\""); print; next }   # front matter
    /^# / { print; next }
    {
      n++
      if ((n + i) % 7 == 0) next                       # leave a paragraph out
      text = $0
      if (i % 2) gsub(/patients/, "people", text)       # vary the wording
      gsub(/33%/, (20 + i % 30) "%", text)              # and the figures
      print text
      if ((n * i) % 11 == 0) print text                 # repeat one, to vary the length
    }' "$source_article" > "$folder/content/article-$(printf '%03d' "$i").md"
done
here=$(cd "$(dirname "$0")/.." && pwd)
cat > "$folder/handout.toml" <<TOML
content = ["$folder/content"]
layouts = ["$here/layouts/patient-handout.toml", "$here/layouts/clinician-summary.toml"]
out = "$folder/out"
TOML
