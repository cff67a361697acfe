import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clientAddress, normalizeAddress, trustedProxies } from "./client-address";

const HEADER = "x-controlroom-client-address";
const global = globalThis as { controlRoomClientAddressHeader?: string };

beforeEach(() => {
  global.controlRoomClientAddressHeader = HEADER;
});
afterEach(() => {
  delete global.controlRoomClientAddressHeader;
});

describe("clientAddress", () => {
  it("is the socket's address the production server wrote, IPv4-mapped addresses as IPv4", () => {
    expect(clientAddress({ [HEADER]: "203.0.113.7" }, null)).toBe("203.0.113.7");
    expect(clientAddress({ [HEADER]: "::ffff:203.0.113.7" }, null)).toBe("203.0.113.7");
  });

  it("counts an IPv6 client as its /64", () => {
    expect(clientAddress({ [HEADER]: "2001:db8:1:2:aaaa::1" }, null)).toBe("2001:db8:1:2::/64");
    expect(clientAddress({ [HEADER]: "2001:DB8:1:2:bbbb:cccc:dddd:eeee" }, null)).toBe("2001:db8:1:2::/64");
    expect(clientAddress({ [HEADER]: "::1" }, null)).toBe("0:0:0:0::/64");
  });

  it("is unknown when no server names the header (next start, next dev) or the value is not an address", () => {
    delete global.controlRoomClientAddressHeader;
    expect(clientAddress({ [HEADER]: "203.0.113.7" }, null)).toBeNull();
    global.controlRoomClientAddressHeader = HEADER;
    expect(clientAddress({}, null)).toBeNull();
    expect(clientAddress({ [HEADER]: "not-an-ip" }, null)).toBeNull();
  });

  it("ignores X-Forwarded-For unless the socket is a trusted proxy", () => {
    const headers = { [HEADER]: "198.51.100.9", "x-forwarded-for": "203.0.113.7" };
    expect(clientAddress(headers, null)).toBe("198.51.100.9");
    expect(clientAddress(headers, trustedProxies("10.0.0.0/8"))).toBe("198.51.100.9");
  });

  it("behind trusted proxies, takes the nearest forwarded address that is not a proxy", () => {
    const trusted = trustedProxies("10.0.0.0/8, 192.0.2.1");
    // A client may prepend anything; only what the trusted proxies appended counts.
    const headers = { [HEADER]: "::ffff:10.1.2.3", "x-forwarded-for": "1.1.1.1, 203.0.113.7, 192.0.2.1" };
    expect(clientAddress(headers, trusted)).toBe("203.0.113.7");
    expect(clientAddress({ [HEADER]: "10.1.2.3", "x-forwarded-for": "[2001:db8:5:6::9]:4431" }, trusted)).toBe("2001:db8:5:6::/64");
    // Everything trusted, or nothing forwarded: the furthest address known.
    expect(clientAddress({ [HEADER]: "10.1.2.3", "x-forwarded-for": "10.9.9.9" }, trusted)).toBe("10.9.9.9");
    expect(clientAddress({ [HEADER]: "10.1.2.3" }, trusted)).toBe("10.1.2.3");
    // A malformed hop stops the walk at the last good address.
    expect(clientAddress({ [HEADER]: "10.1.2.3", "x-forwarded-for": "203.0.113.7, garbage" }, trusted)).toBe("10.1.2.3");
  });
});

describe("trustedProxies", () => {
  it("is null when unset and skips malformed entries with a warning", () => {
    expect(trustedProxies("")).toBeNull();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const list = trustedProxies("nonsense, 10.0.0.0/x, ::1");
    expect(warn).toHaveBeenCalledTimes(2);
    expect(list?.check("::1", "ipv6")).toBe(true);
    warn.mockRestore();
  });
});

describe("normalizeAddress", () => {
  it("accepts ports as proxies write them, and refuses what is not an address", () => {
    expect(normalizeAddress("203.0.113.7:8080")).toBe("203.0.113.7");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("")).toBeNull();
    expect(normalizeAddress("unknown")).toBeNull();
  });
});
