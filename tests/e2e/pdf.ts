// What a printed page says, read back from the PDF the browser made: its page count and its
// words. PDF text comes out in glyph runs ("Đ", "ại Th", "ạnh"), so comparisons squash
// whitespace on both sides.
import { extractText, getDocumentProxy } from "unpdf";

export async function readPdf(pdf: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(doc, { mergePages: true });
  return { pages: totalPages, text };
}

/** Text with every run of whitespace removed, in one Unicode form, for comparing a page with its PDF. */
export function squash(text: string) {
  return text.normalize("NFC").replace(/\s+/g, "");
}

/** The phrases of `expected` that the PDF's text does not contain (empty when all are there). */
export function missingFromPdf(pdfText: string, expected: string[]) {
  const haystack = squash(pdfText);
  return expected.filter((phrase) => !haystack.includes(squash(phrase)));
}
