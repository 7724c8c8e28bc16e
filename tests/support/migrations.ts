import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const TMP_DIR = path.resolve("tests/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

/** Builds an empty database from the committed migrations, in order. */
export function buildFromMigrations(file: string) {
  const dir = path.resolve("prisma/migrations");
  fs.rmSync(file, { force: true });
  const db = new Database(file);
  for (const name of fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()).sort()) {
    db.exec(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  }
  db.close();
}
