import { findNodeAtLocation, parseTree, type Node, type ParseError } from "jsonc-parser";

// Where a problem sits in the JSON text an author typed: the line of the value at a document path (or,
// when that value is missing, of the nearest enclosing one), and the line of the first syntax error.

export type LineOf = (path: readonly PropertyKey[]) => number | undefined;

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line += 1;
  return line;
}

export function jsonLines(text: string): LineOf {
  const root = parseTree(text);
  return (path) => {
    if (!root) return undefined;
    const segments = path.filter((key): key is string | number => typeof key === "string" || typeof key === "number");
    for (let length = segments.length; length >= 0; length--) {
      const node: Node | undefined = findNodeAtLocation(root, segments.slice(0, length));
      // A property's value: point at its key, where the author reads the field's name.
      if (node) return lineAt(text, node.parent?.type === "property" ? node.parent.offset : node.offset);
    }
    return undefined;
  };
}

export function syntaxErrorLine(text: string): number | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors);
  return errors.length ? lineAt(text, errors[0].offset) : undefined;
}
