import type { PeriodicDocument } from "~/models/periodic-document.server";
import { formatCount } from "~/utils/numbers";

const number = (doc: PeriodicDocument, value: number) => formatCount(value, doc.language);

/**
 * The periodic report laid out as Decree 30/2020/NĐ-CP lays out an
 * administrative document. The same object is written to DOCX, XLSX and CSV.
 * On a phone the heading's two blocks stack; on paper they sit side by side.
 */
export function OfficialDocument({ doc }: { doc: PeriodicDocument }) {
  const h = doc.heading;
  return (
    <article className="official-doc" data-testid="official-document" lang={doc.language}>
      <header className="doc-head">
        <div className="doc-issuer" data-testid="doc-issuer">
          {h.parentBody ? <p>{h.parentBody}</p> : null}
          <p className="font-bold">{h.issuer}</p>
          <hr className="doc-rule" />
          <p className="doc-number">{h.number}</p>
        </div>
        <div className="doc-nation">
          <p className="font-bold">{h.nationalTitle}</p>
          <p className="doc-motto font-bold">{h.motto}</p>
          <p className="doc-date italic">{h.placeDate}</p>
        </div>
      </header>

      <h1 className="doc-type">{h.docType}</h1>
      <p className="doc-subject">{h.subject}</p>
      <hr className="doc-rule" />

      {doc.intro ? <p className="doc-para">{doc.intro}</p> : null}
      <h2 className="doc-h1">{doc.results}</h2>
      <h3 className="doc-h2">{doc.general.title}</h3>
      {doc.general.lines.map((line) => (
        <p key={line.ref} className="doc-para">
          - {line.text}
          {"\u00a0"}
          <sup>({line.ref})</sup>
        </p>
      ))}
      <div className="doc-table-wrap">
        <table className="doc-table" data-testid="periodic-levels">
          <colgroup>
            <col className="w-[34%]" />
            <col className="w-[22%]" />
            <col className="w-[22%]" />
            <col className="w-[22%]" />
          </colgroup>
          <thead>
            <tr>
              {doc.general.levels.columns.map((c, i) => (
                <th key={c} scope="col">
                  {c}
                  {i === 0 ? <sup> ({doc.general.levels.ref})</sup> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {doc.general.levels.rows.map(([level, ...figures]) => (
              <tr key={level}>
                <td>{level}</td>
                {figures.map((f, i) => (
                  <td key={i} className="text-center tabular-nums">
                    {number(doc, f)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 className="doc-h2">{doc.indicators.title}</h3>
      <div className="doc-table-wrap">
        <table className="doc-table doc-table-stack" data-testid="periodic-indicators">
          <colgroup>
            <col className="w-[8%]" />
            <col className="w-[50%]" />
            <col className="w-[14%]" />
            <col className="w-[28%]" />
          </colgroup>
          <thead>
            <tr>
              {doc.indicators.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {doc.indicators.rows.map((r) => (
              <tr key={r.key} data-indicator={r.key}>
                <td className="text-center">{r.no}</td>
                <td>
                  {r.label}
                  {"\u00a0"}
                  <sup>
                    <a href={`#note-${r.no}`} className="doc-ref">
                      ({r.no})
                    </a>
                  </sup>
                </td>
                <td className="text-center">{r.measure}</td>
                <td>
                  <span className="font-bold tabular-nums" data-value>
                    {number(doc, r.value)}
                  </span>
                  {/* The unit beside the figure where the table stacks into a list (phones). */}
                  <span className="doc-measure-inline"> {r.measure}</span>
                  {r.detail ? <span className="doc-detail">{r.detail}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="doc-notes" aria-label={doc.notes.title} data-testid="doc-notes">
        <p className="font-bold italic">{doc.notes.title}</p>{" "}
        <ol>
          {doc.notes.items.map((n) => (
            <li key={n.ref} id={`note-${n.ref}`}>
              <b>({n.ref})</b> {n.text}
            </li>
          ))}
        </ol>
      </section>

      {doc.targets ? (
        <section aria-labelledby="doc-targets" data-testid="periodic-targets">
          <h3 id="doc-targets" className="doc-h2">
            {doc.targets.title}
          </h3>
          {doc.targets.warnings.map((w) => (
            <p key={w} className="font-semibold" role="status">
              ⚠ {w}
            </p>
          ))}
          {/* A list, not a table: six columns do not fit a phone, and the files carry the table. */}
          <ul className="doc-targets">
            {doc.targets.rows.map((r, i) => (
              <li key={i} className={r.own ? "font-bold" : undefined} data-target-row={r.own ? "own" : "child"}>
                {r.unit} · {r.metric}:{" "}
                <span className="tabular-nums">
                  {number(doc, r.done)} / {number(doc, r.target)} ({r.share})
                </span>
                <span className="doc-target-projection block font-normal italic">{r.projection}</span>
              </li>
            ))}
          </ul>
          <p className="mt-1 italic">{doc.targets.note}</p>
        </section>
      ) : null}

      {doc.sections.map((section) => (
        <section key={section.key} data-section={section.key}>
          <h2 className="doc-h1">{section.title}</h2>
          {section.parts.map((part, i) => (
            <div key={i}>
              {part.title ? <h3 className="doc-h2">{part.title}</h3> : null}
              {part.paragraphs.map((p, j) => (
                <p key={j} className="doc-para">
                  {p}
                </p>
              ))}
            </div>
          ))}
        </section>
      ))}
      <p className="doc-para">{doc.closing}</p>

      <footer className="doc-foot">
        <div className="doc-recipients" data-testid="doc-recipients">
          <p className="font-bold italic">{doc.recipients.title}</p>
          {doc.recipients.lines.map((l, i) => (
            <p key={i}>{l}</p>
          ))}
        </div>
        <div className="doc-signature" data-testid="doc-signature">
          {doc.signature.position.map((l, i) => (
            <p key={i} className="font-bold">
              {l}
            </p>
          ))}
          <div className="doc-sign-space" aria-hidden="true" />
          <p className="font-bold">{doc.signature.name}</p>
        </div>
      </footer>
    </article>
  );
}
