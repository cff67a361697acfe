import { BlockList, isIP } from "node:net";

// Who is signing in, for the per-client login throttle. The production server (scripts/serve.mjs) writes
// the TCP peer's address into a header of its own on every request, replacing whatever a client sent,
// and names that header in globalThis.controlRoomClientAddressHeader. Under `next start` or `next dev`
// nothing does, and the client is unknown (null): only the account lock applies then.
//
// Behind reverse proxies listed in CONTROLROOM_TRUSTED_PROXIES (addresses or CIDR ranges), the client is
// the nearest X-Forwarded-For address that is not one of them; X-Forwarded-For from anyone else is
// ignored, since any client can write one. An IPv6 client counts as its /64, the block one subscriber gets.

type HeaderBag = Record<string, string | string[] | undefined>;

export function clientAddress(headers: HeaderBag | undefined, trusted: BlockList | null = trustedProxies()): string | null {
  const header = (globalThis as { controlRoomClientAddressHeader?: string }).controlRoomClientAddressHeader;
  if (!header || !headers) return null;
  let address = normalizeAddress(firstValue(headers[header]));
  if (!address) return null;
  if (trusted && isTrusted(trusted, address)) {
    const hops = (firstValue(headers["x-forwarded-for"]) ?? "").split(",").reverse();
    for (const hop of hops) {
      const hopAddress = normalizeAddress(hop);
      if (!hopAddress) break;
      address = hopAddress;
      if (!isTrusted(trusted, hopAddress)) break;
    }
  }
  return throttleKey(address);
}

let parsed: { from: string; list: BlockList | null } | undefined;

// CONTROLROOM_TRUSTED_PROXIES, e.g. "127.0.0.1, 10.0.0.0/8, fd00::/8"; null when unset.
export function trustedProxies(value = process.env.CONTROLROOM_TRUSTED_PROXIES ?? ""): BlockList | null {
  if (parsed?.from === value) return parsed.list;
  const list = new BlockList();
  let entries = 0;
  for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [rawAddress, prefix] = entry.split("/");
    const address = normalizeAddress(rawAddress);
    const family = address ? familyOf(address) : null;
    if (!address || !family || (prefix !== undefined && !/^\d+$/.test(prefix))) {
      console.warn(`[control-room] CONTROLROOM_TRUSTED_PROXIES: ignoring "${entry}" (not an address or CIDR range)`);
      continue;
    }
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
    entries += 1;
  }
  parsed = { from: value, list: entries ? list : null };
  return parsed.list;
}

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : value);
const familyOf = (address: string) => (isIP(address) === 4 ? "ipv4" : isIP(address) === 6 ? "ipv6" : null);
const isTrusted = (list: BlockList, address: string) => list.check(address, familyOf(address) ?? "ipv4");

// A bare IP address (IPv4-mapped IPv6 as IPv4), or null. Accepts "[v6]:port" and "v4:port" as some
// proxies write them.
export function normalizeAddress(raw: string | undefined): string | null {
  let text = (raw ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.split("%")[0].toLowerCase();
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  const groups = ipv6Groups(text);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  return mapped ? [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join(".") : text;
}

// The throttle's name for a client: an IPv4 address, or an IPv6 address's /64.
function throttleKey(address: string): string {
  if (isIP(address) === 4) return address;
  return `${ipv6Groups(address).slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
}

// The eight 16-bit groups of a valid IPv6 address (an IPv4 tail becomes the last two).
function ipv6Groups(address: string): number[] {
  let text = address;
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number);
    text = `${text.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}
