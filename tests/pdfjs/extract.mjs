// What pdf.js (Firefox's reader) makes of many PDFs, in one process.
// usage: node extract.mjs [--struct] FILE.pdf...   prints JSON {file: [page, ...]}:
// - by default each page is a list of [str, x, y, width, hasEOL] text items in
//   the order pdf.js gives them (x, y in PDF points from the page's lower left);
// - with --struct, each page is the structure tree pdf.js gives assistive
//   technology (null where it finds none): nodes {role, alt, lang, children},
//   content leaves {type: "content", id}.
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const struct = process.argv[2] === "--struct";
const out = {};
for (const file of process.argv.slice(struct ? 3 : 2)) {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    if (struct) {
      pages.push(await page.getStructTree());
    } else {
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => [item.str, item.transform[4], item.transform[5], item.width, item.hasEOL]));
    }
    page.cleanup();
  }
  await doc.destroy();
  out[file] = pages;
}
process.stdout.write(JSON.stringify(out));
