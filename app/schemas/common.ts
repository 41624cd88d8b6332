import { z } from "zod";

export const requiredText = (max = 200) =>
  z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.tooLong");

export const email = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.tooLong")
  .email("errors.email")
  .transform((v) => v.toLowerCase());

export const newPassword = z
  .string({ required_error: "errors.required" })
  .min(10, "errors.passwordShort")
  .max(200, "errors.tooLong");

export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => v ?? "");
