// `npm run content:check`: compiles every lesson and lists every problem (the
// compiler's, the quiz rules and the review dates), then says how many lessons
// a guesser who always picks the longest choice would pass. Fails on any problem.
// `--today=YYYY-MM-DD` checks the dates as of another day.
import { loadCourse } from "~/content/course.server";
import { longestChoicePasses } from "~/content/quiz-rules";
import { todayFromArgs } from "~/content/review";

const today = todayFromArgs(process.argv);
const course = await loadCourse(undefined, { today });
const byTopic = new Map<string, number>();
for (const lesson of course.lessons) byTopic.set(lesson.topic, (byTopic.get(lesson.topic) ?? 0) + 1);
for (const topic of course.topics) console.log(`${topic.id}: ${byTopic.get(topic.id) ?? 0} lessons`);

// Graded on every question of the pool, per language: the issue-14 measure of the length cue.
for (const language of ["vi", "en"] as const) {
  const quizzes = course.lessons.flatMap((l) => (l.text[language] ? [{ slug: l.slug, quiz: l.text[language]!.quiz }] : []));
  const passed = quizzes.filter((q) => q.quiz.length > 0 && longestChoicePasses(q.quiz));
  const names = passed.length ? ` (${passed.map((q) => q.slug).join(", ")})` : "";
  console.log(`Always picking the longest choice passes ${passed.length} of ${quizzes.length} lessons in ${language}${names}.`);
}

if (course.problems.length === 0) {
  console.log(`All ${course.lessons.length} lessons are complete and compile.`);
} else {
  for (const p of course.problems) console.log(`✗ ${p.lesson}: ${p.problem}`);
  console.log(`${course.problems.length} problems.`);
  process.exitCode = 1;
}
