// Opens PDFs with MuPDF as a viewer does and says what it found, one line each:
//   file PATH / pages N / page K TEXT / warning MESSAGE / error MESSAGE
// Each page is drawn (at 72 dpi) and its text read.
// Usage: node mupdf-pages.mjs [--password PW] FILE...   Exit status 1 when a file cannot be read.
import { readFileSync } from "node:fs";

setTimeout(() => { process.stdout.write("error timed out after 120 s\n"); process.exit(2); }, 120_000).unref();

// MuPDF's warnings and errors come through console.error and console.warn.
const messages = [];
console.error = console.warn = (...parts) => messages.push(parts.join(" "));
const report = (line) => process.stdout.write(line.replace(/\s+/g, " ").trim() + "\n");
const flush = () => { for (const message of messages.splice(0)) report(`warning ${message}`); };

const mupdf = await import("mupdf");
const args = process.argv.slice(2);
const password = args[0] === "--password" ? (args.shift(), args.shift()) : undefined;
let failed = false;
for (const file of args) {
  report(`file ${file}`);
  try {
    const document = mupdf.Document.openDocument(readFileSync(file), "application/pdf");
    if (document.needsPassword() && !document.authenticatePassword(password ?? ""))
      throw new Error("the password is refused");
    const pages = document.countPages();
    report(`pages ${pages}`);
    for (let index = 0; index < pages; index++) {
      const page = document.loadPage(index);
      page.toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB, false, true).destroy();
      report(`page ${index + 1} ` + page.toStructuredText().asText());
      flush();
      page.destroy();
    }
    document.destroy();
  } catch (error) {
    failed = true;
    report(`error ${error.message}`);
  }
  flush();
}
process.exit(failed ? 1 : 0);
