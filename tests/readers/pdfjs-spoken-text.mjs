// The text a screen reader gets from pdf.js: each page's structure tree (getStructTree) walked in
// order, each element's marked content replaced by its text (getTextContent). Artifacts belong to
// no element and are left out. Prints a line with the role of each element and, indented and
// quoted, each run of its own text, as `pdfinfo -struct-text` does.
// Usage: node pdfjs-spoken-text.mjs [--password PW] FILE   Exit status 1 when it cannot be read.
import { readFileSync } from "node:fs";

setTimeout(() => { process.stdout.write("error timed out after 120 s\n"); process.exit(2); }, 120_000).unref();
console.log = () => {};  // pdf.js's own messages: the viewer test reports them

const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
const args = process.argv.slice(2);
const password = args[0] === "--password" ? (args.shift(), args.shift()) : undefined;
const out = [];

// The text of each marked-content id; text in marked content without an id (an ActualText span)
// belongs to the nearest enclosing one.
function textById(items) {
  const texts = new Map(), open = [];
  for (const item of items) {
    if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") open.push(item.id ?? null);
    else if (item.type === "endMarkedContent") open.pop();
    else {
      const id = open.findLast((candidate) => candidate !== null);
      if (id !== undefined) texts.set(id, (texts.get(id) ?? "") + item.str + (item.hasEOL ? " " : ""));
    }
  }
  return texts;
}

// `indent` is the element's own; the tree's root has no role and no indent.
function walk(node, indent, texts) {
  if (node.role) out.push(indent + node.role);
  const inner = node.role ? indent + "  " : indent;
  let run = null;
  const end = () => { if (run !== null) out.push(inner + JSON.stringify(run.trim())); run = null; };
  for (const kid of node.children ?? []) {
    if (kid.type === "content") run = (run ?? "") + (texts.get(kid.id) ?? "");
    else if (kid.role) { end(); walk(kid, inner, texts); }
  }
  end();
}

try {
  const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(args[0])), password, isEvalSupported: false });
  const document = await task.promise;
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const tree = await page.getStructTree();
    if (tree) walk(tree, "", textById((await page.getTextContent({ includeMarkedContent: true })).items));
  }
  await task.destroy();
} catch (error) {
  process.stdout.write(`error ${error.name}: ${error.message}\n`);
  process.exit(1);
}
process.stdout.write(out.join("\n") + "\n");
