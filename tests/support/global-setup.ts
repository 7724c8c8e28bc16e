import fs from "node:fs";
import { TEMPLATE_DB, TMP_DIR, buildFromMigrations } from "./migrations";

// One template made from the migrations per run; each test file copies it.
export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  buildFromMigrations(TEMPLATE_DB);
}
