// A few months of plausible activity for the demo, so the reports have
// something to show: sessions with attendance and in-person completions,
// self-study quizzes, residents helped. Deterministic (a fixed pseudo-random
// sequence), dated back from the day the demo is created.
//
// Left untouched on purpose, for the end-to-end tests and the demo tour:
// the commune team of Đại Thạnh and the villages Phú Phong and Tích Phú
// (nobody has learnt anything there yet), and Thôn Ấp Nhì and Thôn Rơ Ngoi
// (teams idle for more than 90 days).
import type { PrismaClient } from "../app/generated/prisma/client";
import { loadCourse, syncLessons } from "../app/content/course.server";
import { rebuildStats } from "../app/models/stats.server";
import { drawQuiz, seedFrom } from "../app/content/quiz-draw";

/** The demo's known hard question (see the self-study block). */
export const HARD_QUESTION = { slug: "vneid-install", question: "q4" };

const QUIET = new Set(["QNA-DTH", "QNA-DTH-01", "QNA-DTH-02", "QNA-DTH-05", "QNA-ATI-04"]);

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const DAY = 24 * 60 * 60_000;

export async function seedActivity(prisma: PrismaClient, now = new Date()) {
  const course = await loadCourse();
  await syncLessons(course);
  const rand = random(20261123);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const at = (daysAgo: number, hour = 9) => new Date(now.getTime() - daysAgo * DAY + (hour - 7 - now.getUTCHours()) * 60 * 60_000);

  const teams = await prisma.team.findMany({
    select: { id: true, unit: { select: { id: true, code: true, parentId: true, levelKey: true } }, members: { select: { id: true } } },
  });
  const active = teams.filter((t) => !QUIET.has(t.unit.code));
  const trainer = await prisma.user.findUniqueOrThrow({ where: { phone: "0900000004" }, select: { id: true } });
  const vneid = course.lessons.filter((l) => l.topic === "vneid");

  // Sessions at each commune for its active village teams.
  const communes = teams.filter((t) => t.unit.levelKey === "commune");
  let sessionNo = 0;
  for (const commune of communes) {
    const villages = active.filter((t) => t.unit.parentId === commune.unit.id);
    if (villages.length === 0) continue;
    for (const [daysAgo, lessons, title] of [
      [100, vneid.slice(0, 2), "Tập huấn cài đặt và đăng ký VNeID"],
      [40, vneid.slice(2, 4), "Tập huấn kích hoạt VNeID và giấy tờ tích hợp"],
    ] as const) {
      sessionNo++;
      const startsAt = at(daysAgo, 8);
      const invited = villages.flatMap((t) => t.members.map((m) => m.id));
      const session = await prisma.trainingSession.create({
        data: {
          unitId: commune.unit.id,
          title,
          startsAt,
          durationMinutes: 150,
          place: "Hội trường UBND xã",
          createdById: trainer.id,
          lessons: { create: lessons.map((l) => ({ lessonSlug: l.slug })) },
          teams: { create: villages.map((t) => ({ teamId: t.id })) },
          invitees: { create: invited.map((userId) => ({ userId })) },
        },
        select: { id: true },
      });
      const marks = invited.map((userId) => ({ userId, status: rand() < 0.8 ? "present" : pick(["late", "absent", "excused"]) }));
      await prisma.attendance.createMany({
        data: marks.map((m) => ({
          sessionId: session.id,
          userId: m.userId,
          status: m.status,
          markedAt: startsAt,
          markedById: trainer.id,
          attendedSince: m.status === "present" || m.status === "late" ? startsAt : null,
        })),
      });
      const attended = marks.filter((m) => m.status === "present" || m.status === "late").map((m) => m.userId);
      const existing = new Set(
        (await prisma.completion.findMany({ where: { userId: { in: attended } }, select: { userId: true, lessonSlug: true } })).map(
          (c) => `${c.userId}:${c.lessonSlug}`,
        ),
      );
      await prisma.completion.createMany({
        data: attended.flatMap((userId) =>
          lessons
            .filter((l) => !existing.has(`${userId}:${l.slug}`))
            .map((l) => ({
              userId,
              lessonSlug: l.slug,
              completedAt: startsAt,
              contentVersion: l.version,
              method: "in-person",
              sessionId: session.id,
              recordedById: trainer.id,
            })),
        ),
      });
    }
  }

  // Self-study: some members take quizzes on their phones, passing most. Each
  // attempt draws its questions like the real engine (quiz-draw.ts) and records
  // every answer, so "what to re-teach" has something to show. One question is
  // known to be hard: in vneid-install, a developer named after a person
  // (question 4); most members first trust the Vietnamese-sounding name.
  const answered = new Set<string>();
  for (const team of active) {
    for (const member of team.members) {
      if (rand() < 0.35) continue;
      const count = 1 + Math.floor(rand() * 6);
      for (const lesson of course.lessons.slice(0, 12).filter(() => rand() < count / 12)) {
        const day = 5 + Math.floor(rand() * 80);
        const quiz = lesson.text.vi.quiz;
        const done = await prisma.completion.findUnique({ where: { userId_lessonSlug: { userId: member.id, lessonSlug: lesson.slug } }, select: { id: true } });
        let completed = Boolean(done);
        for (let tryNo = 0; tryNo < 3; tryNo++) {
          const when = at(day - tryNo, 20 + tryNo);
          const seed = seedFrom(Uint8Array.from({ length: 8 }, () => Math.floor(rand() * 256)));
          const asked = drawQuiz(quiz, seed, course.questionsPerAttempt);
          const answers: Record<string, string> = {};
          for (const { question } of asked) {
            const hard = lesson.slug === HARD_QUESTION.slug && question.id === HARD_QUESTION.question;
            const first = !answered.has(`${member.id}/${lesson.slug}/${question.id}`);
            const pRight = hard ? (first ? 0.2 : 0.7) : first ? 0.85 : 0.95;
            const wrongs = question.choices.filter((c) => !c.correct);
            // The hard question's favourite wrong answer is its first one.
            const wrong = hard && rand() < 0.8 ? wrongs[0] : wrongs[Math.floor(rand() * wrongs.length)];
            answers[question.id] = rand() < pRight ? question.choices.find((c) => c.correct)!.id : wrong.id;
          }
          const correct = asked.filter(({ question }) => question.choices.find((c) => c.correct)!.id === answers[question.id]).length;
          const score = Math.floor((correct * 100) / asked.length);
          const passed = score >= 80;
          const attempt = await prisma.quizAttempt.create({
            data: {
              userId: member.id,
              lessonSlug: lesson.slug,
              language: "vi",
              answers: JSON.stringify(answers),
              correct,
              total: asked.length,
              score,
              passed,
              contentVersion: lesson.version,
              seed,
              questions: JSON.stringify(asked.map((d) => d.question.id)),
              createdAt: when,
            },
          });
          await prisma.quizAnswer.createMany({
            data: asked.map(({ question }) => {
              const key = `${member.id}/${lesson.slug}/${question.id}`;
              const firstTry = !answered.has(key);
              answered.add(key);
              const choiceId = answers[question.id];
              return {
                attemptId: attempt.id,
                userId: member.id,
                lessonSlug: lesson.slug,
                questionId: question.id,
                choiceId,
                correct: choiceId === question.choices.find((c) => c.correct)!.id,
                firstTry,
                answeredAt: when,
              };
            }),
          });
          if (passed && !completed) {
            await prisma.completion.create({
              data: { userId: member.id, lessonSlug: lesson.slug, completedAt: when, contentVersion: lesson.version, method: "quiz", attemptId: attempt.id },
            });
            completed = true;
          }
          if (passed) break;
        }
      }
    }
  }

  // Residents helped, recorded by village members over the last two months.
  const products = [
    { name: "Ba kích tím Tây Giang", ocop: true },
    { name: "Gạo sạch Đại Thạnh", ocop: false },
    { name: "Chả rươi Tứ Kỳ", ocop: true },
    { name: "Mật ong rừng A Tiêng", ocop: false },
  ];
  for (const team of active.filter((t) => t.unit.levelKey === "village")) {
    for (const member of team.members.slice(0, 3)) {
      for (let i = 0; i < 4; i++) {
        const daysAgo = 3 + Math.floor(rand() * 60);
        const date = new Date(now.getTime() + 7 * 60 * 60_000 - daysAgo * DAY).toISOString().slice(0, 10);
        const createdAt = at(daysAgo, 18);
        const rows: Array<{ kind: string; count: number; productName?: string; ocop?: boolean }> = [
          { kind: "residents-guided", count: 2 + Math.floor(rand() * 8) },
          { kind: "vneid-level2", count: Math.floor(rand() * 4) },
          { kind: "vneid-level1", count: Math.floor(rand() * 2) },
          { kind: "public-account", count: Math.floor(rand() * 3) },
          { kind: "payment-account", count: Math.floor(rand() * 2) },
        ];
        if (rand() < 0.15) {
          const product = pick(products);
          rows.push({ kind: "product-online", count: 1, productName: product.name, ocop: product.ocop });
        }
        await prisma.fieldResult.createMany({
          data: rows
            .filter((r) => r.count > 0)
            .map((r) => ({
              userId: member.id,
              unitId: team.unit.id,
              teamId: team.id,
              date,
              kind: r.kind,
              count: r.count,
              productName: r.productName ?? null,
              ocop: r.ocop ?? false,
              createdAt,
            })),
        });
      }
    }
  }

  // The summaries are made from these facts in one pass.
  await rebuildStats(prisma);
  return { sessions: sessionNo };
}
