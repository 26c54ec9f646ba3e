/**
 * A small seeded PRNG (sfc32) with the helpers the generator needs.
 *
 * sfc32 rather than mulberry32: mulberry32 has 32 bits of state, so two of the many derived
 * streams would soon share a state and emit identical UUIDs; sfc32's 128 bits make that negligible.
 */
export interface Rng {
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform unsigned 32-bit integer. */
  u32(): number;
  /** A uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight; `weights` is parallel to `items`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** `k` distinct items in random order (all of them when k >= length). */
  sample<T>(items: readonly T[], k: number): T[];
  /** A random, well-formed version 4 UUID (RFC 9562 layout). */
  uuid(): string;
}

/** murmur3's finaliser: spreads every input bit over the output. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function hashString(s: string, h = 0x811c9dc5): number {
  let x = h >>> 0;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return fmix32(x);
}

/**
 * A stream of its own for every (seed, label, index): provider 7's draws do not shift when
 * provider 6 draws one more number.
 */
export function rngFor(seed: number, label: string, index = 0): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  const l = hashString(label);
  const a = fmix32(lo ^ 0x9e3779b9);
  const b = fmix32(hi ^ l ^ 0x7f4a7c15);
  const c = fmix32(l + Math.imul(index >>> 0, 0x27d4eb2f));
  const d = fmix32(Math.floor(index / 2 ** 32) ^ 0x165667b1 ^ a);
  return sfc32(a, b, c, d);
}

export function sfc32(a: number, b: number, c: number, d: number): Rng {
  return new Sfc32(a, b, c, d);
}

// Char codes of the hex digits. A UUID is built as one flat string from char codes: concatenating
// pieces would leave a rope of ~25 string nodes per UUID, ~800 bytes, which at benchmark sizes
// (a million UUIDs) is most of the heap.
const HEX_CODES = Array.from("0123456789abcdef", (ch) => ch.charCodeAt(0));
const DASH = 45;
const uuidCodes: number[] = new Array(36).fill(DASH);
// Positions of the 32 hex digits in the 36-character form.
const DIGIT_AT = Array.from({ length: 36 }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));

function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const words = [w0, w1, w2, w3];
  for (let i = 0; i < 32; i++) {
    const word = words[i >> 3] as number;
    const nibble = (word >>> (28 - 4 * (i & 7))) & 15;
    uuidCodes[DIGIT_AT[i] as number] = HEX_CODES[nibble] as number;
  }
  return String.fromCharCode.apply(null, uuidCodes);
}

// A class rather than a closure-per-method object: the generator makes one per provider, and
// prototype methods keep that cheap (about 10x fewer allocations).
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0 || 1;
    // The first outputs of a fresh sfc32 still echo the seed words.
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    const c = (this.c << 21) | (this.c >>> 11);
    this.c = (c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.u32() / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const t = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = t;
    }
    return copy.slice(0, n);
  }

  uuid(): string {
    const w0 = this.u32();
    // Version 4 in the high nibble of the third group, variant 10xx in the fourth.
    const w1 = ((this.u32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w2 = ((this.u32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.u32();
    return formatUuid(w0, w1, w2, w3);
  }
}
