import { z } from "zod";
import { optionalText, requiredText } from "./common";

/** Signatory of an edition's certificates: who signs, their position, the place printed before the date. */
export const CertificateSettingsSchema = z.object({
  signatoryName: requiredText(120),
  signatoryTitle: requiredText(200),
  place: requiredText(80),
});
export type CertificateSettingsInput = z.infer<typeof CertificateSettingsSchema>;

/** Issue (or re-issue after a correction); the reason is required by the service only when something gets revoked. */
export const IssueCertificatesSchema = z.object({
  reason: optionalText(500),
});

export const RevokeCertificateSchema = z.object({
  certificateId: requiredText(64),
  reason: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .min(10, "certificates.errors.reasonShort")
    .max(500, "errors.tooLong"),
});
