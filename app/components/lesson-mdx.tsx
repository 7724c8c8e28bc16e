// The components lesson authors use in MDX (see content/AUTHORING.md). They are
// rendered once, on the server, into static HTML; none of this ships to the browser.
import type { ReactNode } from "react";

export type LessonLabels = { tip: string; warning: string; checklist: string; step: string };

export function lessonComponents(labels: LessonLabels) {
  return {
    Steps: ({ children }: { children: ReactNode }) => <ol className="lesson-steps">{children}</ol>,
    Step: ({ title, id, children }: { title: string; id?: string; children: ReactNode }) => (
      <li className="lesson-step" id={id}>
        {/* h2: the lesson's title is the h1 and steps come straight under it (headings go down one level at a time). */}
        <h2 className="lesson-step-title">{title}</h2>
        <div className="lesson-step-body">{children}</div>
      </li>
    ),
    Figure: ({ src, alt, caption, width, height }: { src: string; alt: string; caption?: string; width?: string; height?: string }) => (
      <figure className="lesson-figure">
        <img src={src} alt={alt} width={width} height={height} loading="lazy" decoding="async" />
        {caption ? <figcaption>{caption}</figcaption> : null}
      </figure>
    ),
    Tip: ({ children }: { children: ReactNode }) => (
      <aside className="lesson-tip" role="note">
        <p className="lesson-callout-label">{labels.tip}</p>
        {children}
      </aside>
    ),
    Warning: ({ children }: { children: ReactNode }) => (
      <aside className="lesson-warning" role="note">
        <p className="lesson-callout-label">{labels.warning}</p>
        {children}
      </aside>
    ),
    Checklist: ({ children }: { children: ReactNode }) => (
      <section className="lesson-checklist">
        <h2>{labels.checklist}</h2>
        {children}
      </section>
    ),
  };
}
