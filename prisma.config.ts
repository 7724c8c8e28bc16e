import path from "node:path";
import { defineConfig } from "prisma/config";

// One config, two providers: DATABASE_URL picks the schema, its migrations and the adapter
// (`file:` SQLite, the default; `postgresql://` PostgreSQL, see README "Run on PostgreSQL").
const postgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "");
const dir = postgres ? path.join("prisma", "postgres") : "prisma";

// The Wasm schema engine leaves 10 s and 60 s guard timers running after a command is done,
// so each PostgreSQL migrate command would linger that long: don't let them hold Node open.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
  const timer = realSetTimeout(...args);
  if (new Error().stack?.includes("wasm://")) timer.unref();
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  async adapter() {
    if (postgres) return (await import("./prisma/pg-database")).pgMigrationAdapterFactory();
    return (await import("./prisma/database")).migrationAdapterFactory();
  },
});
