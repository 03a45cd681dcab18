import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./passwords.ts";

describe("common passwords (NIST 800-63B, decision 0057)", () => {
  it("finds the common and breached passwords of the shipped list, whatever their case", () => {
    expect(isCommonPassword("password1234")).toBe(true);
    expect(isCommonPassword("Password1234")).toBe(true);
    expect(isCommonPassword("PASSWORD1234")).toBe(true);
    expect(isCommonPassword("qwertyuiop123")).toBe(true);
    // Every entry of the list at least as long as the policy's minimum is refused.
    const long = (dictionary["passwords-common"] as string[]).filter((p) => p.length >= 12);
    expect(long.length).toBeGreaterThan(100);
    for (const p of long) expect(isCommonPassword(p.toUpperCase())).toBe(true);
  });

  it("lets an uncommon passphrase through", () => {
    expect(isCommonPassword("korv med bröd och senap")).toBe(false);
    expect(isCommonPassword("en lång fras om kaffe")).toBe(false);
  });
});
