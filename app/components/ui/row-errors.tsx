/**
 * The per-line error table of a CSV import report (assignments, paper score
 * sheets): each line with its reasons, each reason an i18n key under
 * `<prefix>.<code>` (the code itself when no message exists).
 */
import { isMessageKey, type MessageKey, type Params } from "~/i18n";
import { useT } from "~/i18n/react";


export function useIssueText(prefix: string) {
  const t = useT();
  return (code: string, params?: Params) => {
    const key = `${prefix}.${code}`;
    return isMessageKey(key) ? t(key as MessageKey, params) : code;
  };
}

export function RowErrorsTable({
  heading,
  lineLabel,
  reasonsLabel,
  issuePrefix,
  rows,
}: {
  heading: string;
  lineLabel: string;
  reasonsLabel: string;
  issuePrefix: string;
  rows: { line: number; issues: { code: string; params?: Params }[] }[];
}) {
  const issue = useIssueText(issuePrefix);
  if (rows.length === 0) return null;
  return (
    <>
      <h3 id="row-errors-heading">{heading}</h3>
      <div className="table-wrap">
        <table aria-labelledby="row-errors-heading">
          <thead>
            <tr>
              <th scope="col">{lineLabel}</th>
              <th scope="col">{reasonsLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line}>
                <th scope="row">{r.line}</th>
                <td>
                  <ul>
                    {r.issues.map((x, i) => (
                      <li key={i}>{issue(x.code, x.params)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
