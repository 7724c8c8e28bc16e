import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrationAdapterFactory } from "./prisma/database";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return migrationAdapterFactory();
  },
});
