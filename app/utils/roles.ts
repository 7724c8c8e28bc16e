// Roles are ordered by how much they may see; each staff role acts over one
// unit (its scope) and everything under it.
export const roles = ["member", "trainer", "supervisor", "admin"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** Staff roles need a scope unit; members learn within their own team. */
export function isStaff(role: Role) {
  return role !== "member";
}
