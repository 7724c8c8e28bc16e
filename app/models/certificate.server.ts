// Certificates (issue 14): once a member has passed every lesson of a topic (or
// the whole course) they can open and print one. Anyone can check its short
// code, on paper or through the QR code's address (/verify/<code>), and see
// whether it is valid, for whom and what, and nothing more. A certificate
// rests on the completions of the lessons it names: when any of them is
// removed, it is withdrawn (and says so when checked).
import crypto from "node:crypto";
import type { Course } from "~/content/course.server";
import { lessonText } from "~/content/course.server";
import type { Language } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { withdrawStatement } from "./lrs-queue.server";
import { addLessonStat, addMonthStats, memberPlace, monthOf, recomputeTrained } from "./stats.server";

/** The whole course, as a certificate's subject. */
export const WHOLE_COURSE = "course";
/** No 0/O, 1/I/L, U: a code read aloud or copied from paper is not mistaken. */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 10;

/** "K7MQ2-XH9PA": how a code is printed. */
export function formatCode(code: string) {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A code as typed or scanned: case, spaces and dashes do not matter; anything else is no code. */
export function normalizeCode(input: string) {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

function newCode() {
  const bytes = crypto.randomBytes(CODE_LENGTH);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** The lessons a certificate for this subject rests on, as the course is now. */
function lessonsOf(course: Course, topic: string) {
  return course.lessons.filter((l) => topic === WHOLE_COURSE || l.topic === topic);
}

export function subjectTitle(course: Course, topic: string, language: Language) {
  if (topic === WHOLE_COURSE) return language === "en" ? "The whole Kỹ Năng Số course" : "Toàn bộ khoá học Kỹ Năng Số";
  return course.topics.find((t) => t.id === topic)?.title[language] ?? topic;
}

/** Every subject a member can earn a certificate for, with how far they are. */
export async function certificateProgress(userId: number, course: Course, language: Language) {
  const done = new Map(
    (await prisma.completion.findMany({ where: { userId }, select: { lessonSlug: true, completedAt: true } })).map((c) => [c.lessonSlug, c.completedAt]),
  );
  const held = new Map((await prisma.certificate.findMany({ where: { userId } })).map((c) => [c.topic, c]));
  return [...course.topics.map((t) => t.id), WHOLE_COURSE].map((topic) => {
    const lessons = lessonsOf(course, topic);
    const completed = lessons.filter((l) => done.has(l.slug));
    const certificate = held.get(topic);
    return {
      topic,
      title: subjectTitle(course, topic, language),
      total: lessons.length,
      done: completed.length,
      earned: lessons.length > 0 && completed.length === lessons.length,
      missing: lessons.filter((l) => !done.has(l.slug)).map((l) => lessonText(l, language).title),
      code: certificate && !certificate.withdrawnAt ? certificate.code : null,
    };
  });
}

/**
 * The member's certificate for a subject, made the first time they open it
 * once every lesson is completed (or made valid again when they completed
 * again what was removed). Null while something is missing.
 */
export async function issueCertificate(userId: number, topic: string, course: Course) {
  const lessons = lessonsOf(course, topic);
  if (lessons.length === 0) return null;
  const completions = await prisma.completion.findMany({ where: { userId, lessonSlug: { in: lessons.map((l) => l.slug) } }, select: { completedAt: true } });
  if (completions.length !== lessons.length) return null;
  const earnedAt = new Date(Math.max(...completions.map((c) => c.completedAt.getTime())));
  const slugs = JSON.stringify(lessons.map((l) => l.slug));
  const existing = await prisma.certificate.findUnique({ where: { userId_topic: { userId, topic } } });
  if (existing && !existing.withdrawnAt) return existing;
  if (existing) return prisma.certificate.update({ where: { id: existing.id }, data: { withdrawnAt: null, earnedAt, lessons: slugs, issuedAt: new Date() } });
  for (let i = 0; ; i++) {
    try {
      return await prisma.certificate.create({ data: { code: newCode(), userId, topic, earnedAt, lessons: slugs } });
    } catch (error) {
      // A code already taken (about one in 5·10^14), or the same certificate made by a parallel request.
      const again = await prisma.certificate.findUnique({ where: { userId_topic: { userId, topic } } });
      if (again) return again;
      if (i >= 3) throw error;
    }
  }
}

/** Withdraws this member's certificates whose completions are no longer all there. */
export async function withdrawUnsupported(userId: number, now = new Date()) {
  const held = await prisma.certificate.findMany({ where: { userId, withdrawnAt: null } });
  if (held.length === 0) return 0;
  const done = new Set((await prisma.completion.findMany({ where: { userId }, select: { lessonSlug: true } })).map((c) => c.lessonSlug));
  const broken = held.filter((c) => (JSON.parse(c.lessons) as string[]).some((slug) => !done.has(slug)));
  if (broken.length) await prisma.certificate.updateMany({ where: { id: { in: broken.map((c) => c.id) } }, data: { withdrawnAt: now } });
  return broken.length;
}

/**
 * What anyone may learn from a code: valid or withdrawn, for whom (name, team
 * and its unit) and for what (subject, date). No phone number, no scores.
 */
export async function verifyCertificate(input: string, course: Course, language: Language) {
  const code = normalizeCode(input);
  if (!code) return null;
  // Checked against the completions as they are now, so a removal shows at once.
  const found = await prisma.certificate.findUnique({ where: { code }, select: { userId: true } });
  if (!found) return null;
  await withdrawUnsupported(found.userId);
  const c = await prisma.certificate.findUniqueOrThrow({
    where: { code },
    select: {
      code: true,
      topic: true,
      earnedAt: true,
      withdrawnAt: true,
      user: { select: { name: true, team: { select: { name: true, unit: { select: { name: true } } } } } },
    },
  });
  return {
    code: formatCode(c.code),
    valid: c.withdrawnAt === null,
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    name: c.user.name,
    team: c.user.team?.name ?? null,
    unit: c.user.team?.unit.name ?? null,
    subject: subjectTitle(course, c.topic, language),
    earnedAt: c.earnedAt.toISOString(),
  };
}

/**
 * An admin removes a member's completion of a lesson (recorded by mistake, or
 * earned dishonestly): the summaries are adjusted, the change is audited, and
 * the certificates that rested on it are withdrawn.
 */
export async function removeCompletion(actor: { id: number }, memberId: number, lessonSlug: string, memberUnitId: number, subject: string) {
  const removed = await prisma.$transaction(async (tx) => {
    const completion = await tx.completion.findUnique({
      where: { userId_lessonSlug: { userId: memberId, lessonSlug } },
      select: { id: true, method: true, completedAt: true },
    });
    if (!completion) return false;
    await tx.completion.delete({ where: { id: completion.id } });
    // The summaries lose what countCompletion added, where the member counts now; their first training is worked out again.
    const place = await memberPlace(tx, memberId);
    await addMonthStats(tx, place.path, monthOf(completion.completedAt), { completions: -1 });
    await addLessonStat(tx, place.path, lessonSlug, -1);
    await recomputeTrained(tx, memberId);
    // The learning record of it is taken back too (voided if it may have reached the LRS).
    await withdrawStatement(tx, `completion/${completion.id}`);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "member.completion-remove",
      unitId: memberUnitId,
      subject,
      details: { lesson: lessonSlug, method: completion.method },
    });
    return true;
  });
  if (!removed) return { removed: false, withdrawn: 0 };
  return { removed: true, withdrawn: await withdrawUnsupported(memberId) };
}
