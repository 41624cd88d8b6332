/**
 * GET /bench/page — a trivial page rendered the way every page is: the root
 * loader (anonymous: no database), the root layout and a one-line route
 * component. The HTTP benchmark (bench/http.mjs) compares real pages with
 * this one (what Remix + React + our layout cost for the simplest document)
 * and with /bench/bare (a resource route: the framework's absolute ceiling).
 * It reveals nothing and changes nothing.
 */
import type { MetaFunction } from "@remix-run/node";
import { useT } from "~/i18n/react";

export const meta: MetaFunction = () => [{ title: "Sayembara" }];

export default function BenchPage() {
  const t = useT();
  return <h1>{t("app.name")}</h1>;
}
