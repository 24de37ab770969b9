// Opens PDFs with pdf.js as a viewer does and says what it found, one line each:
//   file PATH / pages N / page K TEXT / warning MESSAGE / error MESSAGE
// Each page's drawing operators are built (fonts, images and content parsed) and its text read.
// Usage: node pdfjs-pages.mjs [--password PW] FILE...   Exit status 1 when a file cannot be read.
import { readFileSync } from "node:fs";

setTimeout(() => { process.stdout.write("error timed out after 120 s\n"); process.exit(2); }, 120_000).unref();

// pdf.js reports through console.log ("Warning: ..."); stdout is kept for the report alone.
const messages = [];
console.log = (...parts) => messages.push(parts.join(" "));
// Without the optional canvas package pdf.js says it cannot draw; only drawing needs it.
const environment = /^Warning: Cannot polyfill `(DOMMatrix|Path2D)`/;
const report = (line) => process.stdout.write(line.replace(/\s+/g, " ").trim() + "\n");
const flush = () => {
  for (const message of messages.splice(0)) report((environment.test(message) ? "note " : "warning ") + message);
};

const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
const args = process.argv.slice(2);
const password = args[0] === "--password" ? (args.shift(), args.shift()) : undefined;
let failed = false;
for (const file of args) {
  report(`file ${file}`);
  try {
    const data = new Uint8Array(readFileSync(file));
    const task = pdfjs.getDocument({ data, password, verbosity: pdfjs.VerbosityLevel.WARNINGS, isEvalSupported: false });
    const document = await task.promise;
    report(`pages ${document.numPages}`);
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      await page.getOperatorList();
      const content = await page.getTextContent();
      report(`page ${number} ` + content.items.map((item) => item.str + (item.hasEOL ? " " : "")).join(""));
      flush();
    }
    await task.destroy();
  } catch (error) {
    failed = true;
    report(`error ${error.name}: ${error.message}`);
  }
  flush();
}
process.exit(failed ? 1 : 0);
