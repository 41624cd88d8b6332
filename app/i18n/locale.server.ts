import { createCookie } from "@remix-run/node";
import type { Actor } from "~/domain/roles";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./index";

/** Remembers the language of people who are not signed in (a year). */
export const localeCookie = createCookie("sayembara_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The signed-in user's saved choice, else the cookie, else Indonesian. */
export async function getLocale(request: Request, actor?: Actor | null): Promise<Locale> {
  if (actor) return actor.locale;
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}
