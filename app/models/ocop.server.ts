// The local OCOP products a supervisor or an admin keeps for a unit: the
// periodic report lists them (seed 001, indicators 7 and 8).
import { recordAudit } from "~/models/audit.server";
import { type SessionUser, forbidden } from "~/utils/auth.server";
import { requireInScope, requireUnitInScope } from "~/utils/scope.server";
import { prisma, sql } from "~/utils/db.server";
import { FIXED_ORDER_JOIN } from "~/utils/sql-dialect.server";
import type { OcopInput } from "~/utils/report-forms";
import { RuleError } from "~/utils/rule-error";
import { subtreeUpperBound } from "~/utils/unit-path";
import { ocopProducts, productKey } from "./coverage.server";
import { cachedSummary } from "./summary-cache.server";
import { byVietnameseName } from "./unit.server";

/** Who may change the list: the people who sign and send the report. Trainers read it. */
export const OCOP_EDITORS = ["supervisor", "admin"] as const;

export function canEditOcop(user: Pick<SessionUser, "role">) {
  return (OCOP_EDITORS as readonly string[]).includes(user.role);
}

function requireEditor(user: SessionUser) {
  if (!canEditOcop(user)) forbidden();
}

const productSelect = {
  id: true,
  name: true,
  stars: true,
  online: true,
  marketplaces: true,
  unitId: true,
  unit: { select: { name: true, path: true, active: true } },
} as const;

/** The products of a unit's whole subtree, by unit then name, for the page that keeps them. */
export async function ocopList(unit: { id: number; path: string }) {
  // The list is small and the country's units are many: read the list, then each product's unit.
  const rows = (
    await sql(
      `SELECT o.id, o.name, o.stars, o.online, o.marketplaces, o.unitId, u.name AS unitName, u.path AS unitPath
       FROM OcopProduct o ${FIXED_ORDER_JOIN} Unit u ON u.id = o.unitId WHERE u.path >= ? AND u.path < ? AND u.active = TRUE`,
    ).all<{ id: number; name: string; stars: number; online: number; marketplaces: string; unitId: number; unitName: string; unitPath: string }>(
      unit.path,
      subtreeUpperBound(unit.path),
    )
  ).map((r) => ({ ...r, online: Boolean(r.online), unit: { name: r.unitName, path: r.unitPath } }));
  return rows
    .sort((a, b) =>
      a.unitId === b.unitId ? byVietnameseName(a, b) : a.unitId === unit.id ? -1 : b.unitId === unit.id ? 1 : a.unit.path.localeCompare(b.unit.path),
    )
    .map((p) => ({ id: p.id, name: p.name, stars: p.stars, online: p.online, marketplaces: p.marketplaces, unitId: p.unitId, unitName: p.unit.name }));
}

/**
 * Products members marked as OCOP when they recorded putting them online, that
 * are not on the list: the list decides what the report counts as OCOP, so
 * the page asks whoever keeps it to add them if they are.
 */
export async function ocopSuggestions(unit: { path: string }) {
  // Every product put online in the subtree (the whole country's for a national page): kept until one is recorded.
  const rows = await cachedSummary(["tree", "products"], `ocopSuggestions:${unit.path}`, () =>
    sql(
      `SELECT DISTINCT f.productName AS name FROM FieldResult f ${FIXED_ORDER_JOIN} Unit u ON u.id = f.unitId
       WHERE u.path >= ? AND u.path < ? AND f.kind = 'product-online' AND f.ocop = TRUE AND f.productName IS NOT NULL`,
    ).all<{ name: string }>(unit.path, subtreeUpperBound(unit.path)),
  );
  const listed = new Set((await ocopProducts(unit)).all.map(productKey));
  const seen = new Set<string>();
  return rows
    .map((r) => r.name.trim())
    .filter((name) => name && !listed.has(productKey(name)) && !seen.has(productKey(name)) && seen.add(productKey(name)))
    .map((name) => ({ name }))
    .sort(byVietnameseName)
    .map((r) => r.name);
}

/** A product whose unit lies in the user's subtree; 404 otherwise, exactly like one that does not exist. */
async function productInScope(user: SessionUser, id: number) {
  const product = await prisma.ocopProduct.findUnique({ where: { id }, select: productSelect });
  return requireInScope(user, product, (p) => p.unit.path);
}

/** One product name per unit: the same product typed twice would be counted once anyway, so say so. */
async function checkNameFree(unitId: number, name: string, exceptId?: number) {
  const others = await prisma.ocopProduct.findMany({ where: { unitId, id: exceptId ? { not: exceptId } : undefined }, select: { name: true } });
  if (others.some((o) => productKey(o.name) === productKey(name))) throw new RuleError("ocop.errors.nameTaken", { name });
}

export async function addOcopProduct(user: SessionUser, unitId: number, input: OcopInput) {
  requireEditor(user);
  const unit = await requireUnitInScope(user, unitId);
  const { active } = await prisma.unit.findUniqueOrThrow({ where: { id: unit.id }, select: { active: true } });
  if (!active) throw new RuleError("admin.errors.unitInactive");
  await checkNameFree(unit.id, input.name);
  return prisma.$transaction(async (tx) => {
    const product = await tx.ocopProduct.create({ data: { ...input, unitId: unit.id, updatedById: user.id }, select: { id: true, name: true } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "ocop.add",
      unitId: unit.id,
      subject: input.name,
      details: { stars: input.stars, marketplaces: input.marketplaces },
    });
    return product;
  });
}

export async function updateOcopProduct(user: SessionUser, id: number, input: OcopInput) {
  requireEditor(user);
  const product = await productInScope(user, id);
  await checkNameFree(product.unitId, input.name, id);
  await prisma.$transaction(async (tx) => {
    await tx.ocopProduct.update({ where: { id }, data: { ...input, updatedById: user.id }, select: { id: true } });
    const details = {
      ...(product.name !== input.name ? { name: { from: product.name, to: input.name } } : {}),
      ...(product.stars !== input.stars ? { stars: { from: product.stars, to: input.stars } } : {}),
      ...(product.marketplaces !== input.marketplaces ? { marketplaces: { from: product.marketplaces, to: input.marketplaces } } : {}),
    };
    await recordAudit(tx, { actorId: user.id, action: "ocop.update", unitId: product.unitId, subject: input.name, details });
  });
}

export async function removeOcopProduct(user: SessionUser, id: number) {
  requireEditor(user);
  const product = await productInScope(user, id);
  await prisma.$transaction(async (tx) => {
    await tx.ocopProduct.delete({ where: { id }, select: { id: true } });
    await recordAudit(tx, { actorId: user.id, action: "ocop.remove", unitId: product.unitId, subject: product.name });
  });
  return { name: product.name };
}
