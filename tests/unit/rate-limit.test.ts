import { describe, expect, it } from "vitest";
import { loginLockMinutes, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, windowStart } from "~/domain/rate-limit";

const now = new Date("2025-06-30T10:00:00.000Z");

describe("loginLockMinutes", () => {
  it("allows below both limits", () => {
    expect(
      loginLockMinutes(
        { accountFailures: MAX_FAILURES_PER_ACCOUNT - 1, accountOldest: "2025-06-30T09:50:00.000Z", addressFailures: MAX_FAILURES_PER_ADDRESS - 1, addressOldest: "2025-06-30T09:50:00.000Z" },
        now,
      ),
    ).toBe(0);
  });

  it("locks an account until its oldest failure leaves the 15-minute window", () => {
    expect(
      loginLockMinutes({ accountFailures: 5, accountOldest: "2025-06-30T09:50:00.000Z", addressFailures: 5, addressOldest: "2025-06-30T09:50:00.000Z" }, now),
    ).toBe(5);
  });

  it("locks an address independently of the account", () => {
    expect(
      loginLockMinutes({ accountFailures: 0, accountOldest: null, addressFailures: 20, addressOldest: "2025-06-30T09:46:30.000Z" }, now),
    ).toBe(2);
  });

  it("waits at least one minute and takes the longer of two locks", () => {
    expect(
      loginLockMinutes({ accountFailures: 5, accountOldest: "2025-06-30T09:45:00.100Z", addressFailures: 20, addressOldest: "2025-06-30T09:55:00.000Z" }, now),
    ).toBe(10);
    expect(
      loginLockMinutes({ accountFailures: 5, accountOldest: "2025-06-30T09:45:00.001Z", addressFailures: 0, addressOldest: null }, now),
    ).toBe(1);
  });

  it("starts the window 15 minutes back", () => {
    expect(windowStart(now)).toBe("2025-06-30T09:45:00.000Z");
  });
});
