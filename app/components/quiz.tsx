import { useTranslation } from "react-i18next";
import { QUIZ_FIELDS } from "~/offline/protocol";
import { CSRF_FIELD } from "~/utils/csrf";

export type PublicQuestion = { id: string; prompt: string; choices: Array<{ id: string; text: string }> };
export type QuizResultView = {
  correct: number;
  total: number;
  score: number;
  passed: boolean;
  questions: Array<{ id: string; prompt: string; chosenText: string | null; correct: boolean; why: string | null; rightText: string | null }>;
};

/** A plain HTML form: works without JavaScript, graded on the server. */
type QuizFormProps = {
  /** The questions this sheet asks, in the order shown, each with its choices in the order shown. */
  questions: PublicQuestion[];
  passMark: number;
  missing?: string[];
  answers?: Record<string, string>;
  action?: string;
  /** The language the questions are shown in, so grading uses the same key. */
  language: string;
  /** The browser's double-submit token (see request-guard.server). */
  csrf?: string | null;
  /** The answer sheet's id (see QUIZ_FIELDS.sheet). */
  sheet: string;
  /** The draw's seed: which questions are asked and in what order (see quiz-draw.ts). */
  draw: string | null;
  /** Shown above the questions when the sheet was refused for now (too many in a short time). */
  notice?: string | null;
  /** Where the questions go when they are rendered separately (see quiz-html.server). */
  slot?: React.ReactNode;
};

/** One question with its choices, as radio buttons named by question id, valued by choice id (never by position). */
export function QuizQuestionFields({ q, n, missing, answers }: { q: PublicQuestion; n: number; missing?: boolean; answers?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <fieldset className={`card ${missing ? "border-2 border-red-700" : ""}`}>
      <legend className="sr-only">{t("quiz.question", { n })}</legend>
      <p className="mb-2 font-bold">
        <span className="text-brand-700">{t("quiz.question", { n })}.</span> {q.prompt}
      </p>
      <div className="space-y-2">
        {q.choices.map((c) => (
          <label
            key={c.id}
            className="flex min-h-tap cursor-pointer items-start gap-3 rounded-lg border-2 border-stone-300 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name={q.id}
              value={c.id}
              defaultChecked={answers?.[q.id] === c.id}
              required
              className="mt-1 h-6 w-6 shrink-0 accent-brand-700"
            />
            <span>{c.text}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function QuizForm({ questions, passMark, missing, answers, action, language, csrf, sheet, draw, notice, slot }: QuizFormProps) {
  const { t } = useTranslation();
  const missingNumbers = (missing ?? []).map((id) => questions.findIndex((q) => q.id === id) + 1).filter((n) => n > 0);
  return (
    <form method="post" action={action} className="space-y-4" data-quiz-form>
      {csrf ? <input type="hidden" name={CSRF_FIELD} value={csrf} /> : null}
      <input type="hidden" name={QUIZ_FIELDS.language} value={language} />
      <input type="hidden" name={QUIZ_FIELDS.sheet} value={sheet} />
      {draw ? <input type="hidden" name={QUIZ_FIELDS.draw} value={draw} /> : null}
      {/* Filled by the page script at submit time: who is answering, for the service worker. */}
      <input type="hidden" name={QUIZ_FIELDS.member} value="" />
      <p>{t("quiz.intro", { pass: passMark })}</p>
      {notice ? (
        <p role="alert" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-3 font-semibold" data-testid="quiz-notice">
          {notice}
        </p>
      ) : null}
      {missingNumbers.length ? (
        <p role="alert" className="notice-error">
          {t("quiz.missing", { list: missingNumbers.map((n) => t("quiz.question", { n })).join(", ") })}
        </p>
      ) : null}
      {slot ?? questions.map((q, i) => <QuizQuestionFields key={q.id} q={q} n={i + 1} missing={missing?.includes(q.id)} answers={answers} />)}
      <button type="submit" className="btn-primary w-full text-lg">
        {t("quiz.submit")}
      </button>
    </form>
  );
}

export function QuizResult({ result, passMark }: { result: QuizResultView; passMark: number }) {
  const { t } = useTranslation();
  return (
    <section id="result" aria-labelledby="result-title" className="space-y-3">
      <div className={`rounded-xl border-2 p-4 ${result.passed ? "border-brand-700 bg-brand-50" : "border-amber-600 bg-amber-50"}`} role="status">
        <h2 id="result-title" className="text-xl font-bold">
          {t("quiz.resultTitle")}
        </h2>
        <p className="font-semibold">{t("quiz.score", { correct: result.correct, total: result.total, score: result.score })}</p>
        <p data-testid="quiz-verdict">{result.passed ? t("quiz.passed") : t("quiz.failed", { pass: passMark })}</p>
      </div>
      <ol className="space-y-3">
        {result.questions.map((q, i) => (
          <li
            key={q.id}
            className={`card border-l-8 ${q.correct ? "border-l-brand-600" : "border-l-red-700"}`}
            data-testid={`result-${q.id}`}
            data-correct={q.correct}
          >
            <p className="mb-1 font-bold">
              {t("quiz.question", { n: i + 1 })}. {q.prompt}
            </p>
            <p>
              <span className="font-semibold">{t("quiz.yourAnswer")}:</span> {q.chosenText ?? t("quiz.noAnswer")}{" "}
              <strong className={q.correct ? "text-brand-700" : "text-red-800"}>{q.correct ? `✓ ${t("quiz.right")}` : `✗ ${t("quiz.wrong")}`}</strong>
            </p>
            {q.why ? <p className="mt-1 text-stone-700">{q.why}</p> : null}
            {!q.correct && q.rightText ? (
              <p className="mt-1">
                <span className="font-semibold">{t("quiz.rightAnswer")}:</span> {q.rightText}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
