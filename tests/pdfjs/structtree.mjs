// The structure tree of each page of many PDFs as pdf.js (Firefox's reader)
// gives it to assistive technology, in one process.
// usage: node structtree.mjs FILE.pdf...   prints JSON {file: [tree, ...]},
// one tree per page (null where pdf.js finds none): nodes {role, alt, lang,
// children}, content leaves {type: "content", id}.
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const out = {};
for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    pages.push(await page.getStructTree());
    page.cleanup();
  }
  await doc.destroy();
  out[file] = pages;
}
process.stdout.write(JSON.stringify(out));
