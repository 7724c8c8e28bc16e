// Keys written in code are checked by the type checker (app/i18n-keys.d.ts). Keys that travel
// as data (schema messages, RuleErrors, stored statuses and kinds) pass through `messageKey`;
// this file checks them where they are written, so an unknown key fails a test, not a reader.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import vi from "~/locales/vi";
import { ATTENDANCE_STATUSES } from "~/utils/attendance";
import { FIELD_KINDS } from "~/utils/field-kinds";
import { importKinds } from "~/utils/import-kinds";
import { roles } from "~/utils/roles";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [prefix + key] : leaves(value, `${prefix}${key}.`)));
}

const keys = new Set(leaves(vi as unknown as Tree));
/** Keys of whole subtrees, read with `returnObjects` ("offline.client"). */
const subtrees = new Set(
  [...keys].flatMap((key) => {
    const parts = key.split(".");
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("."));
  }),
);
const namespaces = Object.keys(vi);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ["locales", "generated"].includes(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("translation keys", () => {
  it("every key-shaped string in app/ is a key of vi.ts", () => {
    // A string literal whose first part is a namespace of vi.ts ("sessions.errors.cancelled").
    const literal = new RegExp(`["'\`]((?:${namespaces.join("|")})(?:\\.[A-Za-z0-9_-]+)+)["'\`]`, "g");
    const unknown: string[] = [];
    let seen = 0;
    for (const file of sourceFiles(path.resolve("app"))) {
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(literal)) {
        // Audit actions ("ocop.update") are typed from vi.ts's admin.audit.actions; file names are not keys.
        if (/action: $/.test(text.slice(Math.max(0, match.index - 8), match.index)) || match[1].endsWith(".json")) continue;
        seen++;
        if (!keys.has(match[1]) && !subtrees.has(match[1])) unknown.push(`${path.relative(process.cwd(), file)}: ${match[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(300);
    expect(unknown).toEqual([]);
  });

  it("every value of a closed set that pages translate has its label", () => {
    const wanted = [
      ...roles.map((r) => `roles.${r}`),
      ...[...ATTENDANCE_STATUSES, "none"].map((s) => `sessions.status.${s}`),
      ...FIELD_KINDS.map((k) => `results.kinds.${k}`),
      ...importKinds.map((k) => `admin.import.kinds.${k}`),
      ...["previewed", "queued", "running", "committed", "failed"].map((s) => `admin.import.status.${s}`),
      ...["quiz", "in-person"].map((m) => `reports.method.${m}`),
    ];
    expect(wanted.filter((key) => !keys.has(key))).toEqual([]);
  });

  it("English has every key Vietnamese has, and no other", () => {
    expect(leaves(en as unknown as Tree).sort()).toEqual([...keys].sort());
  });

  it("a made-up key fails the check", () => {
    expect(keys.has("sessions.errors.cancelled")).toBe(true);
    expect(keys.has("sessions.errors.noSuchThing")).toBe(false);
  });
});
