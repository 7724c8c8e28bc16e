// `npm run content:stale`: the lessons due for review (checked more than 11
// months ago, sources read after the last check, no sources, or flagged with
// `review:`), most overdue first. A report, not a check: it always exits 0.
// `--today=YYYY-MM-DD` reports as of another day.
import { loadCourse } from "~/content/course.server";
import { addMonths, daysBetween, dueForReview, REVIEW_LIMIT_MONTHS, todayFromArgs } from "~/content/review";

const today = todayFromArgs(process.argv);
const course = await loadCourse(undefined, { today });
const due = dueForReview(course.lessons, today);

console.log(`Lessons due for review on ${today}: ${due.length} of ${course.lessons.length}.`);
for (const { lesson, reasons } of due) {
  const age = daysBetween(lesson.lastChecked, today);
  const limit = addMonths(lesson.lastChecked, REVIEW_LIMIT_MONTHS);
  const when = today > limit ? `OVERDUE since ${limit}` : `check by ${limit}`;
  console.log(`\n${lesson.slug} (${lesson.text.vi.title})`);
  console.log(`  last checked ${lesson.lastChecked}, ${age} days ago; ${when}`);
  for (const reason of reasons) console.log(`  - ${reason}`);
  for (const source of lesson.sources) console.log(`  · ${source.title} (${source.publisher}${source.url ? `, ${source.url}` : ""}), read ${source.read}`);
}
