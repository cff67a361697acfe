import type { AttributeValue } from "../span-model";
import type { OtlpAttributes } from "../otlp-types";

// Reading attribute values the way instrumentations actually send them: numbers as strings, JSON
// as strings or as structured values, messages flattened into indexed keys.

// The first non-empty string among the keys.
export function readString(attributes: OtlpAttributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
  }
  return undefined;
}

// The first non-negative integer among the keys (token counts arrive as ints, doubles or strings).
export function readCount(attributes: OtlpAttributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = attributes[key];
    const number = typeof value === "number" ? value : typeof value === "string" && /^\d+(\.0+)?$/.test(value) ? Number(value) : NaN;
    if (Number.isFinite(number) && number >= 0) return Math.min(Math.trunc(number), 2_147_483_647); // an int column
  }
  return undefined;
}

// A payload (messages, arguments, results) as text: strings as sent, structured values as JSON.
export function readPayload(attributes: OtlpAttributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const text = payloadText(attributes[key]);
    if (text !== undefined) return text;
  }
  return undefined;
}

export function payloadText(value: AttributeValue | undefined): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

const hasIndexedKeys = (attributes: OtlpAttributes, prefix: string) => {
  const start = `${prefix}.`;
  for (const key in attributes) if (key.startsWith(start) && /^\d/.test(key.slice(start.length))) return true;
  return false;
};

type Tree = { [key: string]: Tree | AttributeValue };

// `prefix.0.message.role = "user"`, `prefix.0.message.content = "hi"` → [{ message: { role, content } }].
// Numeric path segments become array positions; gaps are dropped.
export function unflatten(attributes: OtlpAttributes, prefix: string): unknown[] | undefined {
  if (!hasIndexedKeys(attributes, prefix)) return undefined;
  const root: Tree = Object.create(null);
  const start = `${prefix}.`;
  for (const key in attributes) {
    if (!key.startsWith(start)) continue;
    const path = key.slice(start.length).split(".");
    if (!/^\d+$/.test(path[0])) continue;
    let node = root;
    for (let index = 0; index < path.length - 1; index++) {
      const next = node[path[index]];
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[path[index]] = Object.create(null);
      node = node[path[index]] as Tree;
    }
    node[path[path.length - 1]] = attributes[key];
  }
  return toArrays(root) as unknown[];
}

function toArrays(node: Tree | AttributeValue): unknown {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => toArrays(node[String(index)]));
  }
  const object: Record<string, unknown> = {};
  for (const key of keys) object[key] = toArrays(node[key]);
  return object;
}

// A tag list (`tag.tags`, `controlroom.tags`) entry `workflow:<name>` or `workflow=<name>`.
export function tagValue(attributes: OtlpAttributes, name: string, ...keys: string[]): string | undefined {
  const pattern = new RegExp(`^${name}[:=](.+)$`);
  for (const key of keys) {
    const value = attributes[key];
    const tags = Array.isArray(value) ? value : typeof value === "string" ? parseList(value) : [];
    for (const tag of tags) {
      const match = typeof tag === "string" ? pattern.exec(tag.trim()) : null;
      if (match) return match[1].trim();
    }
  }
  return undefined;
}

function parseList(text: string): unknown[] {
  if (!text.startsWith("[")) return text.split(",");
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

// A span name's remainder after an operation word: "chat gpt-4o" → "gpt-4o".
export function nameAfter(spanName: string, operation: string): string | undefined {
  if (!spanName.startsWith(`${operation} `)) return undefined;
  const rest = spanName.slice(operation.length + 1).trim();
  return rest || undefined;
}
