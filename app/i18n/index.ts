/**
 * The i18n layer: Indonesian (default) and English. Every UI string is a key
 * here. Messages live per area in ./messages; each file exports `id` and an
 * `en` that must have exactly the same keys (checked by the type below and by
 * tests/unit/i18n.test.ts).
 */
import * as common from "./messages/common";
import * as auth from "./messages/auth";
import * as dashboard from "./messages/dashboard";
import * as admin from "./messages/admin";
import * as competitions from "./messages/competitions";
import * as agencies from "./messages/agencies";
import * as settings from "./messages/settings";
import * as proposals from "./messages/proposals";
import * as files from "./messages/files";
import * as screening from "./messages/screening";
import * as imports from "./messages/imports";
import * as jury from "./messages/jury";
import * as conflicts from "./messages/conflicts";
import * as assignment from "./messages/assignment";
import * as juror from "./messages/juror";
import * as scoring from "./messages/scoring";
import * as plenary from "./messages/plenary";
import * as announcements from "./messages/announcements";
import * as objections from "./messages/objections";
import * as awards from "./messages/awards";
import * as certificates from "./messages/certificates";
import * as publicSite from "./messages/public";
import * as replications from "./messages/replications";
import * as monitoring from "./messages/monitoring";
import * as forwarding from "./messages/forwarding";
import * as replicationsPublic from "./messages/replications-public";

export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "id";

const id = {
  ...common.id,
  ...auth.id,
  ...dashboard.id,
  ...admin.id,
  ...competitions.id,
  ...agencies.id,
  ...settings.id,
  ...proposals.id,
  ...files.id,
  ...screening.id,
  ...imports.id,
  ...jury.id,
  ...conflicts.id,
  ...assignment.id,
  ...juror.id,
  ...scoring.id,
  ...plenary.id,
  ...announcements.id,
  ...objections.id,
  ...awards.id,
  ...certificates.id,
  ...publicSite.id,
  ...replications.id,
  ...monitoring.id,
  ...forwarding.id,
  ...replicationsPublic.id,
};
export type MessageKey = keyof typeof id;

const en: Record<MessageKey, string> = {
  ...common.en,
  ...auth.en,
  ...dashboard.en,
  ...admin.en,
  ...competitions.en,
  ...agencies.en,
  ...settings.en,
  ...proposals.en,
  ...files.en,
  ...screening.en,
  ...imports.en,
  ...jury.en,
  ...conflicts.en,
  ...assignment.en,
  ...juror.en,
  ...scoring.en,
  ...plenary.en,
  ...announcements.en,
  ...objections.en,
  ...awards.en,
  ...certificates.en,
  ...publicSite.en,
  ...replications.en,
  ...monitoring.en,
  ...forwarding.en,
  ...replicationsPublic.en,
};

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { id, en };

export function isLocale(v: unknown): v is Locale {
  return v === "id" || v === "en";
}

export function isMessageKey(v: unknown): v is MessageKey {
  return typeof v === "string" && Object.prototype.hasOwnProperty.call(id, v);
}

export type Params = Record<string, string | number>;

/** Translate a key, filling {placeholders}. Unknown keys show as themselves (and fail a test). */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  let text: string = MESSAGES[locale][key] ?? MESSAGES.id[key] ?? key;
  if (params) {
    for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  }
  return text;
}

export type Translator = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}
