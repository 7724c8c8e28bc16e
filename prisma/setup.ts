// First-start setup for `npm start`: create and migrate the SQLite database,
// then load the demo data if (and only if) the database has no users yet.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "../app/generated/prisma/client";
import { adapterFactory, databaseFile } from "./database";
import { seed } from "./seed";

const file = databaseFile();
fs.mkdirSync(path.dirname(file), { recursive: true });
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: `file:${file}` } });

const prisma = new PrismaClient({ adapter: adapterFactory(file) });
try {
  // WAL lets readers go on while a write commits; it is stored in the file.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  if ((await prisma.user.count()) === 0) {
    await seed(prisma, { log: true });
  } else {
    console.log(`Database ${file} already has data; demo data not loaded again.`);
  }
} finally {
  await prisma.$disconnect();
}
