import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PeriodPicker, usePeriodLabel } from "~/components/report-parts";
import { getCourse } from "~/content/course.server";
import { reportContext } from "~/utils/report-access.server";
import { MIN_FIRST_TRIES, TOO_EASY, TOO_HARD, questionStats } from "~/models/reteach.server";
import type { RouteHandle } from "~/root";
import { PageScript } from "~/components/page-script";
import { BackLink } from "~/components/back-link";
import { formatShare } from "~/utils/numbers";

// Plain HTML: the period picker is a GET form, the rest is read.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.reteach" };

/** What to re-teach: per question, over the user's subtree (or a unit in it) and a period. */
/** On a phone, the hardest questions first; the rest one tap away. */
const SHOWN = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await reportContext(request);
  const all = await questionStats(await getCourse(), ctx.unit.path, ctx.period, ctx.language);
  const showAll = new URL(request.url).searchParams.get("all") === "1";
  const questions = showAll ? all : all.slice(0, SHOWN);
  // Questions too easy to measure anything sit at the bottom of the ranking: always listed.
  const tooEasy = showAll ? [] : all.slice(SHOWN).filter((q) => q.verdict === "too-easy");
  return {
    unit: { id: ctx.unit.id, name: ctx.unit.name },
    period: ctx.period,
    choices: ctx.choices,
    query: ctx.query,
    questions,
    tooEasyQuestions: tooEasy,
    total: all.length,
    showAll,
    minFirstTries: MIN_FIRST_TRIES,
    tooEasy: TOO_EASY,
    tooHard: TOO_HARD,
  };
}

type Stat = ReturnType<typeof useLoaderData<typeof loader>>["questions"][number];

function QuestionList({ questions, testId }: { questions: Stat[]; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="space-y-3" data-testid={testId}>
      {questions.map((q) => (
        <li key={`${q.lessonSlug}/${q.questionId}`} className="card" data-question={`${q.lessonSlug}/${q.questionId}`} data-verdict={q.verdict ?? ""}>
          <p className="text-sm font-semibold text-stone-600">
            {q.lessonTitle} · {t("quiz.question", { n: q.number })}
          </p>
          <p className="mb-2 font-bold">{q.prompt}</p>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-base">
            <dt className="text-stone-600">{t("reteach.firstRight")}</dt>
            <dd className="font-bold tabular-nums" data-testid="first-right">
              {formatShare(q.share, i18n.language)}{" "}
              <span className="font-normal text-stone-600">
                ({q.firstRight}/{q.firstTries})
              </span>
            </dd>
            <dt className="text-stone-600">{t("reteach.members")}</dt>
            <dd className="tabular-nums">{q.members}</dd>
          </dl>
          {q.commonWrong ? (
            <p className="mt-2">
              <span className="font-semibold">{t("reteach.commonWrong")}:</span> «{q.commonWrong.text}» ({t("reteach.times", { count: q.commonWrong.count })})
            </p>
          ) : null}
          {q.verdict && q.verdict !== "few" ? (
            <p className="mt-2 rounded-lg border-2 border-amber-600 bg-amber-50 p-2 font-semibold">{t(`reteach.${q.verdict}`)}</p>
          ) : null}
          {q.verdict === "few" ? <p className="mt-2 text-stone-600">{t("reteach.few")}</p> : null}
          <p className="mt-2">
            <a href={q.href} className="link-tap">
              {q.step ? t("reteach.seeStep", { step: q.step }) : t("reteach.seeLesson")} →
            </a>
          </p>
        </li>
      ))}
    </ol>
  );
}

export default function ReteachPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  return (
    <div>
      <BackLink to={`/reports?${data.query}`} className="mb-1">
        {t("reports.title")}
      </BackLink>
      <h1 className="mb-1 text-3xl font-bold">{t("reteach.title")}</h1>
      <p className="mb-2 text-lg text-stone-700">
        {data.unit.name} · {periodLabel(data.period)}
      </p>
      <p className="mb-1 text-stone-700">{t("reteach.lead")}</p>
      <details className="mb-3 text-stone-700">
        <summary className="min-h-tap cursor-pointer underline">{t("reports.howCounted")}</summary>
        {t("reteach.intro", { easy: Math.round(data.tooEasy * 100), hard: Math.round(data.tooHard * 100), few: data.minFirstTries })}
      </details>
      <PeriodPicker period={data.period} choices={data.choices} unitId={data.unit.id} />
      {data.questions.length === 0 ? (
        <p className="card">{t("reteach.none")}</p>
      ) : (
        <>
          <QuestionList questions={data.questions} testId="reteach-list" />
          {data.tooEasyQuestions.length ? (
            <>
              <h2 className="mb-2 mt-6 text-xl font-bold">{t("reteach.tooEasyTitle")}</h2>
              <QuestionList questions={data.tooEasyQuestions} testId="reteach-easy" />
            </>
          ) : null}
          {!data.showAll && data.total > data.questions.length ? (
            <p className="mt-4">
              <Link to={`?${data.query}&all=1`} className="btn-secondary w-full">
                {t("reteach.showAll", { count: data.total })}
              </Link>
            </p>
          ) : null}
        </>
      )}
      <PageScript />
    </div>
  );
}
