// Shared by the import model and the upload page (which runs in the browser too).
export const importKinds = ["units", "teams", "members"] as const;
export type ImportKind = (typeof importKinds)[number];
export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === "string" && (importKinds as readonly string[]).includes(value);
}

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
