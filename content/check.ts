// `npm run content:check`: compiles every lesson and lists every problem.
import { loadCourse } from "~/content/course.server";

const course = await loadCourse();
const byTopic = new Map<string, number>();
for (const lesson of course.lessons) byTopic.set(lesson.topic, (byTopic.get(lesson.topic) ?? 0) + 1);
for (const topic of course.topics) console.log(`${topic.id}: ${byTopic.get(topic.id) ?? 0} lessons`);
if (course.problems.length === 0) {
  console.log(`All ${course.lessons.length} lessons are complete and compile.`);
} else {
  for (const p of course.problems) console.log(`✗ ${p.lesson}: ${p.problem}`);
  console.log(`${course.problems.length} problems.`);
  process.exitCode = 1;
}
