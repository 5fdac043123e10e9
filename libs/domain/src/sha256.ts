/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, so that draws can be hashed and re-run anywhere:
 * in the API, in activities and inside Temporal's workflow sandbox (no node:crypto there).
 *
 * The input is hashed as UTF-8, exactly like node's `createHash('sha256').update(text, 'utf8')`:
 * a lone surrogate becomes U+FFFD (EF BF BD), as node and TextEncoder do.
 * Buffers are reused between calls (the draw hashes about a million short strings); the
 * function is synchronous, so the shared state is safe.
 */

// Int32Array throughout: Uint32Array reads above 2^31 turn into doubles and slow the rounds down.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = new Int32Array(64);
const H = new Int32Array(8);
let bytes = new Uint8Array(256);

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));

/** Makes sure `bytes` holds at least `need` bytes, keeping its first `keep` bytes. */
function ensure(need: number, keep: number): void {
  if (bytes.length >= need) return;
  const grown = new Uint8Array(Math.max(need, bytes.length * 2));
  grown.set(bytes.subarray(0, keep));
  bytes = grown;
}

/**
 * Writes the UTF-8 encoding of `text` into `bytes` from offset `p` (growing it if needed, with 72
 * bytes of room for padding); returns the new end.
 */
function encodeUtf8(text: string, p: number): number {
  ensure(p + text.length * 3 + 72, p); // at most 3 bytes per UTF-16 unit
  const out = bytes;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[p++] = 0xf0 | (c >> 18);
          out[p++] = 0x80 | ((c >> 12) & 0x3f);
          out[p++] = 0x80 | ((c >> 6) & 0x3f);
          out[p++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd; // lone surrogate
      }
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}

function compress(m: Uint8Array, off: number): void {
  for (let t = 0; t < 16; t++) {
    const j = off + t * 4;
    W[t] = (m[j] << 24) | (m[j + 1] << 16) | (m[j + 2] << 8) | m[j + 3];
  }
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15];
    const w2 = W[t - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
  }
  let a = H[0];
  let b = H[1];
  let c = H[2];
  let d = H[3];
  let e = H[4];
  let f = H[5];
  let g = H[6];
  let h = H[7];
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[t] + W[t]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0] + a) | 0;
  H[1] = (H[1] + b) | 0;
  H[2] = (H[2] + c) | 0;
  H[3] = (H[3] + d) | 0;
  H[4] = (H[4] + e) | 0;
  H[5] = (H[5] + f) | 0;
  H[6] = (H[6] + g) | 0;
  H[7] = (H[7] + h) | 0;
}

const INITIAL = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/**
 * Pads and compresses bytes[0, end) into H (already holding the state after `skipped` bytes of
 * earlier blocks).
 */
function finishState(end: number, skipped: number): void {
  const m = bytes;
  const total = (((end + 8) >> 6) + 1) << 6; // room for 0x80 and the 64-bit length
  m[end] = 0x80;
  m.fill(0, end + 1, total - 8);
  const bitLen = (end + skipped) * 8;
  const hi = Math.floor(bitLen / 0x100000000);
  const lo = bitLen >>> 0;
  m[total - 8] = hi >>> 24;
  m[total - 7] = (hi >>> 16) & 0xff;
  m[total - 6] = (hi >>> 8) & 0xff;
  m[total - 5] = hi & 0xff;
  m[total - 4] = lo >>> 24;
  m[total - 3] = (lo >>> 16) & 0xff;
  m[total - 2] = (lo >>> 8) & 0xff;
  m[total - 1] = lo & 0xff;
  for (let off = 0; off < total; off += 64) compress(m, off);
}

function finish(end: number, skipped: number): string {
  finishState(end, skipped);
  let hex = '';
  for (let i = 0; i < 8; i++) {
    const v = H[i] >>> 0;
    hex += HEX[v >>> 24] + HEX[(v >>> 16) & 0xff] + HEX[(v >>> 8) & 0xff] + HEX[v & 0xff];
  }
  return hex;
}

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  const end = encodeUtf8(text, 0);
  H.set(INITIAL);
  return finish(end, 0);
}

/**
 * `sha256Prefixed(prefix)(suffix) === sha256Hex(prefix + suffix)`, computed faster when many
 * suffixes share one prefix: the full 64-byte blocks of the prefix are compressed once.
 */
export function sha256Prefixed(prefix: string): (suffix: string) => string {
  const last = prefix.length > 0 ? prefix.charCodeAt(prefix.length - 1) : 0;
  if (last >= 0xd800 && last <= 0xdbff) return (suffix) => sha256Hex(prefix + suffix); // a pair may straddle the cut
  const len = encodeUtf8(prefix, 0);
  const full = len - (len % 64);
  H.set(INITIAL);
  for (let off = 0; off < full; off += 64) compress(bytes, off);
  const mid = new Int32Array(H);
  const tail = bytes.slice(full, len);
  return (suffix) => {
    ensure(tail.length + 72, 0);
    bytes.set(tail, 0);
    const end = encodeUtf8(suffix, tail.length);
    H.set(mid);
    return finish(end, full);
  };
}

/** The UTF-8 bytes of `text` (lone surrogates as U+FFFD). */
export function utf8Bytes(text: string): Uint8Array {
  return bytes.slice(0, encodeUtf8(text, 0));
}

/**
 * The fastest form, for ranking many suffixes after one prefix: `digest(suffix, out, at)` writes
 * the SHA-256 of UTF-8(prefix) followed by the bytes `suffix` into out[at..at+8) as eight 32-bit
 * words (signed storage). Comparing two digests word by word as unsigned numbers (`x >>> 0`) gives
 * the same order as comparing their hex strings. Note: `suffix` is raw bytes, so a surrogate pair
 * split between prefix and suffix is not joined (use utf8Bytes and a prefix not ending in a high
 * surrogate).
 */
export function sha256PrefixedWords(prefix: string): (suffix: Uint8Array, out: Int32Array, at: number) => void {
  const len = encodeUtf8(prefix, 0);
  const full = len - (len % 64);
  H.set(INITIAL);
  for (let off = 0; off < full; off += 64) compress(bytes, off);
  const mid = new Int32Array(H);
  const tail = bytes.slice(full, len);
  return (suffix, out, at) => {
    const end = tail.length + suffix.length;
    ensure(end + 72, 0);
    bytes.set(tail, 0);
    bytes.set(suffix, tail.length);
    H.set(mid);
    finishState(end, full);
    out.set(H, at);
  };
}
