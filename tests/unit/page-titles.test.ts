/// <reference types="vite/client" />
// Page titles come from the locale files in the reader's language (app/utils/page-title.ts):
// a route names its title in its handle, never as a literal in `meta`.
import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import vi from "~/locales/vi";
import { documentTitle, type PageTitle } from "~/utils/page-title";

const routesDir = path.resolve("app/routes");
const files = fs.readdirSync(routesDir).filter((f) => f.endsWith(".tsx"));

type RouteModule = { default?: unknown; handle?: { title?: PageTitle }; meta?: unknown };
const modules = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const byId = new Map(Object.entries(modules).map(([file, m]) => [path.basename(file, ".tsx"), m]));

/** The layout routes a flat route file sits in ("admin.units.$unitId" is inside "admin"). */
function parents(id: string) {
  const parts = id.split(".");
  return parts
    .slice(1)
    .map((_, i) => parts.slice(0, i + 1).join("."))
    .filter((p) => byId.has(p));
}

describe("page titles", () => {
  it("no route writes a title as a literal (meta, handle or <title>)", () => {
    const literal = /\btitle:\s*["'`]|<title>[^{<]/;
    const offenders = [...files, "../root.tsx"].flatMap((file) =>
      fs
        .readFileSync(path.join(routesDir, file), "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => literal.test(line) && !/title:\s*"pageTitles\.|title:\s*"[a-zA-Z]+\.[a-zA-Z.]+"/.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it("no route's meta gives a title: the root renders it from the handle, translated", () => {
    const withMetaTitle = files.filter((file) => {
      const text = fs.readFileSync(path.join(routesDir, file), "utf8");
      const meta = text.match(/export const meta[\s\S]*?;\n/)?.[0] ?? "";
      return /title/.test(meta);
    });
    expect(withMetaTitle).toEqual([]);
  });

  it("every page names its title, itself or through the layout it sits in", () => {
    const pages = [...byId].filter(([, m]) => typeof m.default === "function").map(([id]) => id);
    const untitled = pages.filter((id) => ![id, ...parents(id)].some((p) => byId.get(p)?.handle?.title !== undefined));
    expect(pages.length).toBeGreaterThan(20);
    expect(untitled).toEqual([]);
  });

  it("a title follows the reader's language", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: "en", fallbackLng: "vi", interpolation: { escapeValue: false } });
    const results = byId.get("results")!;
    const session = byId.get("sessions.$id")!;
    const t = i18n.getFixedT("en");
    expect(documentTitle([{}, { handle: results.handle }], t, i18n)).toBe("Residents helped · Kỹ Năng Số");
    expect(documentTitle([{}, { handle: session.handle, data: { title: "Buổi VNeID" } }], t, i18n)).toBe("Buổi VNeID · Kỹ Năng Số");
    expect(documentTitle([{}, { handle: results.handle }], i18n.getFixedT("vi"), i18n)).toBe("Kết quả hỗ trợ người dân · Kỹ Năng Số");
    // An admin page without its own title is the admin area's.
    expect(documentTitle([{}, { handle: byId.get("admin")!.handle }, { handle: byId.get("admin._index")!.handle }], t, i18n)).toBe(
      "Administration · Kỹ Năng Số",
    );
  });
});
