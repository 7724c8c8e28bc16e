// prisma/schema.prisma is the one source of the data model; prisma/postgres/schema.prisma
// is made from it (same models, PostgreSQL's generator and datasource blocks), because a
// Prisma schema's provider cannot come from the environment.
//   tsx prisma/postgres-schema.ts          writes prisma/postgres/schema.prisma
//   tsx prisma/postgres-schema.ts --check  fails when the committed copy has drifted
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const SOURCE = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgres", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by prisma/postgres-schema.ts: edit that file, then
// run \`npm run db:pg-schema\`. A test fails when this copy drifts from it.

generator client {
  provider     = "prisma-client"
  output       = "../../app/generated/postgres"
  engineType   = "client"
  moduleFormat = "esm"
}

datasource db {
  provider = "postgresql"
  // Never used (the adapter connects, see prisma.config.ts); a literal URL keeps the
  // CLI from trying to download a native query engine.
  url      = "postgresql://localhost/unused"
}
`;

export function postgresSchema(source = fs.readFileSync(SOURCE, "utf8")) {
  const blocks = /^(generator|datasource) \w+ \{[\s\S]*?^\}\n/gm;
  const found = source.match(blocks) ?? [];
  if (found.length !== 2) throw new Error("prisma/schema.prisma: expected one generator and one datasource block");
  // Everything after the datasource block is the data model.
  const end = source.indexOf(found[1]) + found[1].length;
  return `${HEADER}${source.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const made = postgresSchema();
  if (process.argv.includes("--check")) {
    const committed = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
    if (committed !== made) {
      console.error("prisma/postgres/schema.prisma differs from prisma/schema.prisma: run `npm run db:pg-schema`.");
      process.exit(1);
    }
  } else {
    fs.writeFileSync(POSTGRES_SCHEMA, made);
    console.log(`wrote ${path.relative(root, POSTGRES_SCHEMA)}`);
  }
}
