import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const versions = new Map<string, string>();

/** A public file's address with a content hash, so it can be cached for a long time. */
export function versionedPublicPath(file: string) {
  let version = versions.get(file);
  if (!version) {
    const full = path.resolve("public", file.replace(/^\//, ""));
    // Built files (public/lesson.js) are missing until `npm run build`, e.g. in unit tests.
    if (!fs.existsSync(full)) return file;
    version = crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex").slice(0, 10);
    versions.set(file, version);
  }
  return `${file}?v=${version}`;
}

export const lessonScriptSrc = () => versionedPublicPath("/lesson.js");

const fileBytes = new Map<string, number>();

/** The size of a public file by its address ("/lesson.js?v=…", "/build/_assets/x.css"), 0 when it is not built. */
export function publicFileBytes(url: string) {
  const file = url.split("?")[0];
  let bytes = fileBytes.get(file);
  if (bytes === undefined) {
    const full = path.resolve("public", file.replace(/^\/+/, ""));
    if (!full.startsWith(path.resolve("public") + path.sep) || !fs.existsSync(full)) return 0;
    bytes = fs.statSync(full).size;
    fileBytes.set(file, bytes);
  }
  return bytes;
}
