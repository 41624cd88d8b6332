/**
 * The autosave machinery shared by the proposal form and the score sheet: a
 * change schedules a save after `delayMs`; one request at a time (a change
 * during a save schedules another); a button press takes over (no autosave
 * may race it); leaving with unsaved changes asks first; a network error
 * keeps the change pending. What a save sends and what its answer means is
 * the caller's (`send`). Without JavaScript none of this runs.
 */
import { useEffect, useRef, useState, type RefObject } from "react";

export type AutosaveBase = { kind: "idle" } | { kind: "saving" } | { kind: "error" };

export interface AutosaveOptions<S> {
  enabled: boolean;
  delayMs: number;
  /** Posts the form and says what the answer means: the state to show, and whether to stop autosaving. */
  send: (form: HTMLFormElement) => Promise<{ state: S; stop?: boolean }>;
  /** Changes inside elements matching this are not part of what is saved. */
  ignore?: string;
  /** Restart the effect when these change (e.g. the save URL). */
  deps?: unknown[];
}

export function useFormAutosave<S>(formRef: RefObject<HTMLFormElement>, o: AutosaveOptions<S>): S | AutosaveBase {
  const [state, setState] = useState<S | AutosaveBase>({ kind: "idle" });
  const sendRef = useRef(o.send);
  sendRef.current = o.send;
  const { enabled, delayMs, ignore } = o;

  useEffect(() => {
    const form = formRef.current;
    if (!form || !enabled) return;
    let timer: number | undefined;
    let inflight = false;
    let again = false;
    let stopped = false;
    let dirty = false;

    async function run() {
      if (!form || stopped) return;
      if (inflight) {
        again = true;
        return;
      }
      inflight = true;
      dirty = false;
      setState({ kind: "saving" });
      try {
        const answer = await sendRef.current(form);
        if (answer.stop) stopped = true;
        setState(answer.state);
      } catch {
        dirty = true;
        setState({ kind: "error" });
      } finally {
        inflight = false;
        if (again && !stopped) {
          again = false;
          timer = window.setTimeout(run, delayMs);
        }
      }
    }
    function onChange(e: Event) {
      if (stopped) return;
      if (ignore && (e.target as Element | null)?.closest(ignore)) return;
      dirty = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(run, delayMs);
    }
    function onSubmit() {
      // A button takes over; no autosave may race it.
      window.clearTimeout(timer);
      stopped = true;
      dirty = false;
    }
    function onBeforeUnload(e: BeforeUnloadEvent) {
      if (dirty || inflight) {
        e.preventDefault();
        e.returnValue = "";
      }
    }
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", onSubmit);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.clearTimeout(timer);
      form.removeEventListener("input", onChange);
      form.removeEventListener("change", onChange);
      form.removeEventListener("submit", onSubmit);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [formRef, enabled, delayMs, ignore, ...(o.deps ?? [])]);

  return state;
}

/** The form's string fields as a URL-encoded body, without the names in `skip`. */
export function formBody(form: HTMLFormElement, skip: string[] = []): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of new FormData(form).entries()) if (typeof v === "string" && !skip.includes(k)) body.append(k, v);
  return body;
}

export async function postForm<T>(url: string, body: URLSearchParams): Promise<T> {
  const res = await fetch(url, { method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin" });
  return (await res.json()) as T;
}
