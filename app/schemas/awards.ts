/**
 * Forms of the awards page: a tier (add/edit), a preset, moving and removing
 * a tier, applying the rule, and the deviations (add, remove, move a
 * proposal) which all need a reason. Messages are i18n keys.
 */
import { z } from "zod";
import { DEVIATION_REASON_MAX, DEVIATION_REASON_MIN, TIER_KEY_PATTERN, TIER_PRESETS, TIER_SIZE_MAX } from "~/domain/awards";

const id = z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(64, "errors.invalid");
/** "" = none (every group / the last decided round). */
const optionalId = z
  .string()
  .trim()
  .max(64, "errors.invalid")
  .optional()
  .transform((v) => (v ? v : null));

export const TierSchema = z.object({
  intent: z.literal("saveTier"),
  tierId: optionalId,
  key: z
    .string({ required_error: "errors.required" })
    .trim()
    .toLowerCase()
    .min(1, "errors.required")
    .regex(TIER_KEY_PATTERN, "awards.errors.key"),
  nameId: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(200, "errors.tooLong"),
  nameEn: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(200, "errors.tooLong"),
  size: z.coerce
    .number({ invalid_type_error: "awards.errors.size" })
    .int("awards.errors.size")
    .min(1, "awards.errors.size")
    .max(TIER_SIZE_MAX, "awards.errors.size"),
  groupId: optionalId,
  roundId: optionalId,
});
export type TierInput = z.infer<typeof TierSchema>;

export const PresetSchema = z.object({
  intent: z.literal("preset"),
  preset: z.enum(TIER_PRESETS, { errorMap: () => ({ message: "awards.errors.preset" }) }),
});

export const MoveTierSchema = z.object({
  intent: z.enum(["tierUp", "tierDown"]),
  tierId: id,
});

export const RemoveTierSchema = z.object({
  intent: z.literal("removeTier"),
  tierId: id,
  confirm: z.literal("yes", { errorMap: () => ({ message: "awards.errors.confirm" }) }),
});

export const ApplyRuleSchema = z.object({
  intent: z.literal("applyRule"),
  confirm: z.literal("yes", { errorMap: () => ({ message: "awards.errors.confirm" }) }),
});

const reason = z
  .string({ required_error: "awards.errors.reason" })
  .trim()
  .min(DEVIATION_REASON_MIN, "awards.errors.reason")
  .max(DEVIATION_REASON_MAX, "errors.tooLong");

const number = z.string({ required_error: "errors.required" }).trim().toUpperCase().min(1, "errors.required").max(64, "errors.tooLong");

export const AddWinnerSchema = z.object({ intent: z.literal("addWinner"), tierId: id, number, reason });
export type AddWinnerInput = z.infer<typeof AddWinnerSchema>;

export const MoveWinnerSchema = z.object({ intent: z.literal("moveWinner"), winnerId: id, tierId: id, reason });
export type MoveWinnerInput = z.infer<typeof MoveWinnerSchema>;

export const RemoveWinnerSchema = z.object({ intent: z.literal("removeWinner"), winnerId: id, reason });
export type RemoveWinnerInput = z.infer<typeof RemoveWinnerSchema>;
