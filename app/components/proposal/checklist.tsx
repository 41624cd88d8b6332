import type { Group } from "~/domain/edition";
import type { Problem } from "~/domain/proposal-rules";
import { useLocale, useT } from "~/i18n/react";
import { problemAnchor, problemText } from "./text";

/** "Yang masih kurang": what completenessProblems says is missing, each item linking to its field. */
export function Checklist({ problems, group }: { problems: Problem[]; group: Group }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card checklist" id="checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">{t("proposal.checklist.title")}</h2>
      {problems.length === 0 ? (
        <p className="checklist-done">{t("proposal.checklist.done")}</p>
      ) : (
        <>
          <p className="muted small">{t("proposal.checklist.lead", { count: problems.length })}</p>
          <ul>
            {problems.map((p, i) => {
              const anchor = problemAnchor(p);
              const text = problemText(t, locale, p, group);
              return <li key={`${p.code}-${p.field ?? ""}-${i}`}>{anchor ? <a href={`#${anchor}`}>{text}</a> : text}</li>;
            })}
          </ul>
        </>
      )}
    </section>
  );
}

/** Rules that refused a submission (or would refuse it now), named one by one. */
export function ProblemList({ problems, group, title }: { problems: Problem[]; group: Group | null; title: string }) {
  const t = useT();
  const locale = useLocale();
  if (problems.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {problems.map((p, i) => {
          const anchor = problemAnchor(p);
          const text = problemText(t, locale, p, group);
          return <li key={`${p.code}-${p.field ?? ""}-${i}`}>{anchor ? <a href={`#${anchor}`}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}
