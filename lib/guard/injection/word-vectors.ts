// Word vectors for the injection screen: a text's words summed into one direction of meaning, so that
// wordings the training sources never used ("disclose the passcode", "reveal the secret key") land
// near those they did. Data (word-vectors.json), written by scripts/build-word-vectors.ts from GloVe;
// each word's vector already carries its frequency weight, so a sum is a weighted mean up to length.

import { processState } from "@/lib/cache/process-state";
import file from "./word-vectors.json";

type VectorsFile = { words: number; dimensions: number; scale: number; hashes: string; vectors: string };

export type WordVectors = {
  dimensions: number;
  words: number;
  /** Row r is values[r * dimensions … (r + 1) * dimensions), in units of the file's scale. */
  values: Int8Array;
  /** Row of a word by its hash (tokenize.ts's word hash), -1 for a word without a vector. */
  rowOf: (hash: number) => number;
};

let loaded: WordVectors | undefined;

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The committed word vectors, unpacked once per process (processState: Next.js bundles the detector into
 * several server chunks, and each would otherwise unpack its own ~4 MB copy).
 */
export function wordVectors(): WordVectors {
  // The module keeps the process's copy too: the tokeniser asks for it on every call.
  return (loaded ??= processState("injection.wordVectors", () => {
    const data = file as VectorsFile;
    const hashes = new Int32Array(bytesOf(data.hashes).buffer);
    return {
      dimensions: data.dimensions,
      words: hashes.length,
      values: new Int8Array(bytesOf(data.vectors).buffer),
      rowOf: lookup(hashes),
    };
  }));
}

/**
 * Row by hash in an open-addressing table (linear probing, at most half full): the tokeniser asks once
 * per token, and a Map of numbers cost a quarter of the detector's time on long texts.
 */
function lookup(hashes: Int32Array): (hash: number) => number {
  let size = 1;
  while (size < hashes.length * 2) size <<= 1;
  const mask = size - 1;
  const keys = new Int32Array(size);
  const rows = new Int32Array(size).fill(-1);
  const slotOf = (hash: number) => (Math.imul(hash, 0x9e3779b1) >>> 7) & mask;
  hashes.forEach((hash, row) => {
    let slot = slotOf(hash);
    while (rows[slot] !== -1) slot = (slot + 1) & mask;
    keys[slot] = hash;
    rows[slot] = row;
  });
  return (hash) => {
    for (let slot = slotOf(hash); ; slot = (slot + 1) & mask) {
      const row = rows[slot];
      if (row === -1 || keys[slot] === hash) return row;
    }
  };
}
