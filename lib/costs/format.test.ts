import { describe, expect, it } from "vitest";
import { formatChangePct, formatCount, formatPricePerMTok, formatUsd, formatUsdAxis } from "./format";

describe("formatUsd", () => {
  it("keeps small costs readable instead of rounding them to $0.00", () => {
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(0.000012345)).toBe("$0.000012");
    expect(formatUsd(0.1234)).toBe("$0.1234");
    expect(formatUsd(0.5)).toBe("$0.50");
  });

  it("uses cents from a dollar up, with thousands separators", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(1.005)).toMatch(/^\$1\.0[01]$/);
    expect(formatUsd(12345.678)).toBe("$12,345.68");
  });

  it("shortens large axis ticks", () => {
    expect(formatUsdAxis(1500)).toBe("$1.5K");
    expect(formatUsdAxis(0.25)).toBe("$0.25");
  });
});

describe("other formats", () => {
  it("formats counts, prices per million tokens and changes", () => {
    expect(formatCount(1234.4)).toBe("1,234");
    expect(formatPricePerMTok(0.075)).toBe("$0.075");
    expect(formatPricePerMTok(15)).toBe("$15.00");
    expect(formatChangePct(12.5)).toBe("+12.5%");
    expect(formatChangePct(-8)).toBe("−8%");
    expect(formatChangePct(0)).toBe("0%");
  });
});
