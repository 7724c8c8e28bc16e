// Materialised paths: a unit's path lists the ids from the root down to it,
// "/1/4/17/". A subtree is every path with that prefix, which SQLite answers
// as an index range scan: path >= "/1/4/" AND path < "/1/40" ('0' follows '/').

export function childPath(parentPath: string | null, id: number) {
  return `${parentPath ?? "/"}${id}/`;
}

export function subtreeUpperBound(path: string) {
  return path.slice(0, -1) + "0";
}

/** Prisma filter for the units in a subtree (the root included). */
export function subtreeWhere(path: string) {
  return { path: { gte: path, lt: subtreeUpperBound(path) } };
}

export function isInSubtree(rootPath: string, path: string) {
  return path.startsWith(rootPath);
}

/** Ids from the root down to the unit itself. */
export function pathIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}
