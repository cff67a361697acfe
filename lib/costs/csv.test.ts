import { describe, expect, it } from "vitest";
import { escapeCsvField, toCsv } from "./csv";
import { chargebackToCsv } from "./chargeback";

describe("escapeCsvField", () => {
  it("leaves plain text and numbers alone", () => {
    expect(escapeCsvField("Claims")).toBe("Claims");
    expect(escapeCsvField(12.5)).toBe("12.5");
    expect(escapeCsvField(-3)).toBe("-3");
    expect(escapeCsvField(null)).toBe("");
    expect(escapeCsvField(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(escapeCsvField("Claims, EMEA")).toBe('"Claims, EMEA"');
    expect(escapeCsvField('The "A" team')).toBe('"The ""A"" team"');
    expect(escapeCsvField("two\nlines")).toBe('"two\nlines"');
    expect(escapeCsvField("cr\rlf")).toBe('"cr\rlf"');
  });

  it("keeps text that a spreadsheet would run as a formula as text", () => {
    expect(escapeCsvField("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(escapeCsvField("+1")).toBe("'+1");
    expect(escapeCsvField("-Ops")).toBe("'-Ops");
    expect(escapeCsvField("@team")).toBe("'@team");
  });
});

describe("toCsv", () => {
  it("writes a header and rows with CRLF line ends", () => {
    expect(toCsv(["a", "b"], [["x", 1], ["y, z", null]])).toBe('a,b\r\nx,1\r\n"y, z",\r\n');
  });

  it("writes the chargeback with six-decimal costs", () => {
    const csv = chargebackToCsv([
      { month: "2026-03", teamId: "t1", team: "Claims, EMEA", tasks: 3, inputTokens: 1200, outputTokens: 300, costUsd: 0.0042, unpricedSpans: 2 },
    ]);
    expect(csv).toBe(
      'month,team,tasks,input_tokens,output_tokens,cost_usd,unpriced_spans\r\n2026-03,"Claims, EMEA",3,1200,300,0.004200,2\r\n',
    );
  });
});
