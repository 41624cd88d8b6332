/**
 * A round's state and its transition forms (open, close, reopen). The forms
 * post to the round's settings route (intent "transition"), which sends the
 * organizer back to `returnTo` with ?state=<transition>; a refusal is shown
 * there at the reason field. Works without JavaScript.
 */
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import type { RefusalCode, RoundState, Transition } from "~/domain/round-state";
import { formatWib } from "~/domain/time";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/forms";
import { Alert, FormErrors, TextAreaField } from "~/components/ui/form";

export interface StatePanelData {
  status: RoundState;
  openedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  decidedAt: string | null;
  transitions: Transition[];
  openRefusals: RefusalCode[];
  missingSheets: number;
}

const BADGE: Record<RoundState, string> = {
  draft: "badge badge-muted",
  open: "badge badge-success",
  closed: "badge",
  decided: "badge badge-danger",
};

export function RoundStatusBadge({ status }: { status: RoundState }) {
  const t = useT();
  return <span className={BADGE[status]}>{t(`scoring.state.status.${status}` as MessageKey)}</span>;
}

const NOTICES = ["opened", "closed", "reopened"] as const;

export function RoundStatePanel({
  state,
  base,
  returnTo,
  errors,
  values,
}: {
  state: StatePanelData;
  /** /competitions/:slug/rounds/:roundId */
  base: string;
  /** Where to come back after a transition (this page). */
  returnTo: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const notice = params.get("state");
  const transition = values?.transition;
  const reasonFor = (tr: string) => (transition === tr ? values?.reason : undefined);
  const errorsFor = (tr: string) => (transition === tr ? errors : undefined);

  return (
    <section className="card" aria-labelledby="round-state" id="state">
      <h2 id="round-state">{t("scoring.state.title")}</h2>
      {notice && (NOTICES as readonly string[]).includes(notice) && !errors ? (
        <Alert kind="success">{t(`scoring.state.notice.${notice}` as MessageKey)}</Alert>
      ) : null}
      <dl className="meta">
        <dt>{t("common.status")}</dt>
        <dd>
          <RoundStatusBadge status={state.status} />
        </dd>
        {state.openedAt ? (
          <>
            <dt>{t("scoring.state.openedAt")}</dt>
            <dd>{formatWib(state.openedAt, locale)}</dd>
          </>
        ) : null}
        {state.closedAt ? (
          <>
            <dt>{t("scoring.state.closedAt")}</dt>
            <dd>{formatWib(state.closedAt, locale)}</dd>
          </>
        ) : null}
        {state.closeReason ? (
          <>
            <dt>{t("scoring.state.closeReason")}</dt>
            <dd>{state.closeReason}</dd>
          </>
        ) : null}
        {state.decidedAt ? (
          <>
            <dt>{t("scoring.state.decidedAt")}</dt>
            <dd>{formatWib(state.decidedAt, locale)}</dd>
          </>
        ) : null}
        {state.status === "open" || state.status === "closed" ? (
          <>
            <dt>{t("scoring.state.missing")}</dt>
            <dd>{state.missingSheets}</dd>
          </>
        ) : null}
      </dl>
      <p className="muted">{t(`scoring.state.explain.${state.status}` as MessageKey)}</p>

      {state.transitions.includes("open") ? (
        <Form method="post" action={`${base}/settings`}>
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="transition" value="open" />
          <input type="hidden" name="returnTo" value={returnTo} />
          <FormErrors errors={errorsFor("open")} />
          {state.openRefusals.length > 0 ? (
            <Alert kind="warn">
              {t("scoring.state.cannotOpen")}
              <ul>
                {state.openRefusals.map((r) => (
                  <li key={r}>{t(`scoring.state.refusal.${r}` as MessageKey)}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy || state.openRefusals.length > 0}>
              {t("scoring.state.open")}
            </button>
          </div>
        </Form>
      ) : null}

      {state.transitions.includes("close") ? (
        <Form method="post" action={`${base}/settings`} noValidate>
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="transition" value="close" />
          <input type="hidden" name="returnTo" value={returnTo} />
          <FormErrors errors={errorsFor("close")} />
          {state.missingSheets > 0 ? <Alert kind="warn">{t("scoring.state.missingWarn", { count: state.missingSheets })}</Alert> : null}
          <TextAreaField
            name="reason"
            label={state.missingSheets > 0 ? t("scoring.state.closeReasonLabel") : t("scoring.state.closeReasonOptional")}
            errors={errorsFor("close")}
            defaultValue={reasonFor("close")}
            rows={2}
            maxLength={1000}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("scoring.state.close")}
            </button>
          </div>
        </Form>
      ) : null}

      {state.transitions.includes("reopen") ? (
        <Form method="post" action={`${base}/settings`} noValidate>
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="transition" value="reopen" />
          <input type="hidden" name="returnTo" value={returnTo} />
          <FormErrors errors={errorsFor("reopen")} />
          <TextAreaField
            name="reason"
            label={t("scoring.state.reopenReason")}
            errors={errorsFor("reopen")}
            defaultValue={reasonFor("reopen")}
            rows={2}
            maxLength={1000}
            required
          />
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("scoring.state.reopen")}
            </button>
          </div>
        </Form>
      ) : null}
      {state.transitions.includes("decide") ? <p className="muted">{t("scoring.state.decideHint")}</p> : null}
    </section>
  );
}

/** Links to a round's set-up pages (the field and slots pages only for their kinds). */
export function RoundSetupNav({ base, kind }: { base: string; kind: string }) {
  const t = useT();
  return (
    <nav className="card" aria-labelledby="round-setup">
      <h2 id="round-setup">{t("scoring.round.setup")}</h2>
      <div className="actions">
        <Link to={`${base}/settings`} className="button button-secondary">
          {t("scoring.round.settingsLink")}
        </Link>
        <Link to={`${base}/rubric`} className="button button-secondary">
          {t("scoring.rubric.link")}
        </Link>
        {kind === "presentation" ? (
          <Link to={`${base}/slots`} className="button button-secondary">
            {t("scoring.slots.link")}
          </Link>
        ) : null}
        {kind === "field" ? (
          <Link to={`${base}/field`} className="button button-secondary">
            {t("scoring.field.link")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** Breadcrumb back to the competition, its rounds and the round. */
export function RoundBreadcrumb({ competition, round }: { competition: { slug: string; name: string }; round: { id: string; name: string } }) {
  const t = useT();
  return (
    <>
      <Link to={`/competitions/${competition.slug}`}>{competition.name}</Link> ›{" "}
      <Link to={`/competitions/${competition.slug}/rounds`}>{t("assignment.rounds")}</Link> ›{" "}
      <Link to={`/competitions/${competition.slug}/rounds/${round.id}`}>{round.name}</Link>
    </>
  );
}
