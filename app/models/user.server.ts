import { prisma } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";

// Checked when the phone is unknown too, so the answer takes as long either way.
let dummyHash: Promise<string> | undefined;

export async function verifyLogin(phone: string, password: string) {
  const user = await prisma.user.findUnique({
    where: { phone },
    select: { id: true, passwordHash: true, active: true, language: true },
  });
  if (!user || !user.active) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  return ok ? { id: user.id, language: user.language } : null;
}

export async function setUserLanguage(userId: number, language: string) {
  await prisma.user.update({ where: { id: userId }, data: { language }, select: { id: true } });
}

/** Team-mates of a member, for their home page. */
export function teamMembers(teamId: number) {
  return prisma.user.findMany({
    where: { teamId, active: true },
    select: { id: true, name: true, position: true },
    orderBy: [{ name: "asc" }],
  });
}
