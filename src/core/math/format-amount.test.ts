import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount, formatNumber } from "./format-amount.ts";

describe("formatAmount and formatNumber", () => {
  it("write every number exactly as toLocaleString does with the same locale and options", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ noNaN: true }), fc.integer(), fc.constantFrom(0, -0, 1234.565, 2.5e6)),
        (x) => {
          expect(formatAmount(x)).toBe(x.toLocaleString("en-US", { maximumFractionDigits: 2 }));
          expect(formatNumber(x)).toBe(x.toLocaleString("en-US"));
        },
      ),
    );
  });

  it("group thousands and keep at most two decimals", () => {
    expect(formatAmount(2345.678)).toBe("2,345.68");
    expect(formatNumber(2345.6789)).toBe("2,345.679");
  });
});
