// One data model, two databases: prisma/postgres/schema.prisma is generated from
// prisma/schema.prisma, and each provider's committed migrations build exactly that model.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, postgresSchema } from "../../prisma/postgres-schema";
import { onPostgres } from "../support/migrations";

describe("the PostgreSQL schema", () => {
  it("is prisma/schema.prisma's data model, regenerated (npm run db:pg-schema)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema());
  });

  it("keeps everything but the generator and datasource blocks", () => {
    const made = postgresSchema();
    expect(made).toContain('provider = "postgresql"');
    expect(made).not.toContain('provider = "sqlite"');
    const models = (text: string) => text.match(/^model \w+/gm) ?? [];
    expect(models(made)).toEqual(models(fs.readFileSync("prisma/schema.prisma", "utf8")));
    expect(models(made).length).toBeGreaterThan(20);
  });
});

describe("the committed migrations of the database in use", () => {
  // The Prisma CLI replays them on a shadow database and compares with the schema.
  it("build exactly the schema's data model", { timeout: 120_000 }, () => {
    const [migrations, schema] = onPostgres() ? ["prisma/postgres/migrations", POSTGRES_SCHEMA] : ["prisma/migrations", "prisma/schema.prisma"];
    const diff = execFileSync("npx", ["prisma", "migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--script"], {
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(diff.trim()).toBe("-- This is an empty migration.");
  });
});
