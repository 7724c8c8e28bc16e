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
