import { describe, expect, it } from "vitest";
import { dialectOf, inJsonList, sqlDate, translate, vietnamMonth } from "~/utils/sql-dialect.server";

describe("the SQL dialect", () => {
  it("is chosen by DATABASE_URL", () => {
    expect(dialectOf("file:./prisma/dev.db")).toBe("sqlite");
    expect(dialectOf("")).toBe("sqlite");
    expect(dialectOf("postgresql://u@h:5432/kns")).toBe("postgres");
    expect(dialectOf("postgres://u@h/kns")).toBe("postgres");
  });

  it("leaves portable SQL alone on SQLite", () => {
    const text = `SELECT unitId FROM UnitMonthStat WHERE id = ?`;
    expect(translate(text, "sqlite")).toEqual({ text, names: [] });
  });

  it("numbers placeholders and quotes mixed-case identifiers on PostgreSQL", () => {
    expect(
      translate(
        `SELECT t.unitId, un.name AS unitName, COUNT(*) AS n FROM Team t JOIN Unit un ON un.id = t.unitId WHERE t.id = ? AND t.active = TRUE AND un.path >= ?`,
        "postgres",
      ).text,
    ).toBe(
      `SELECT t."unitId", un.name AS "unitName", COUNT(*) AS n FROM "Team" t JOIN "Unit" un ON un.id = t."unitId" WHERE t.id = $1 AND t.active = TRUE AND un.path >= $2`,
    );
  });

  it("never touches string literals, quoted identifiers, casts, comments or dollar-quoted bodies", () => {
    const text = `SELECT 'isn''t ?' AS "lessonSlug", ?::jsonb, x::int[] -- why? unitId\nFROM "StatementOutbox" WHERE body = $$ a ? Unit $$`;
    expect(translate(text, "postgres").text).toBe(
      `SELECT 'isn''t ?' AS "lessonSlug", $1::jsonb, x::int[] -- why? unitId\nFROM "StatementOutbox" WHERE body = $$ a ? Unit $$`,
    );
  });

  it("turns named parameters into numbered ones, each name once", () => {
    expect(translate(`v.path >= @from AND v.path < @to AND v.mergedAt > @end AND @from <> ''`, "postgres")).toEqual({
      text: `v.path >= $1 AND v.path < $2 AND v."mergedAt" > $3 AND $1 <> ''`,
      names: ["from", "to", "end"],
    });
  });

  it("writes the database-specific parts for each", () => {
    expect(vietnamMonth('c."completedAt"', "postgres")).toBe(`to_char(c."completedAt" + interval '7 hours', 'YYYY-MM')`);
    expect(vietnamMonth('c."completedAt"', "sqlite")).toContain("strftime('%Y-%m'");
    expect(inJsonList("c.id", "int", "?", "postgres")).toBe("c.id IN (SELECT jsonb_array_elements_text(?::jsonb)::int)");
    expect(inJsonList("c.id", "int", "?", "sqlite")).toBe("c.id IN (SELECT value FROM json_each(?))");
  });

  it("passes dates as the text Prisma stores on SQLite (UTC, milliseconds, +00:00)", () => {
    expect(sqlDate(new Date("2026-11-23T17:30:00.120Z"))).toBe("2026-11-23T17:30:00.120+00:00");
  });
});
