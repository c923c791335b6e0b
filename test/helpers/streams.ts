/**
 * Byte streams for the readers under test: a whole file in one chunk, given chunks, or bytes cut
 * into chunks of a size (multi-byte characters may be split across chunks).
 */

/** A file as one chunk: text (encoded as UTF-8) or bytes as they are. */
export async function* one(input: string | Uint8Array): AsyncIterable<Uint8Array> {
  yield typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
}

export async function* fromChunks(chunks: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const c of chunks) yield c;
}

/** Splits bytes into chunks of `size` bytes. */
export function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/**
 * Splits bytes at the given cut points (any positions, clamped, deduplicated; multi-byte characters
 * may be split). Empty bytes give one empty chunk, other bytes no empty chunk.
 */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    if (p > prev) out.push(bytes.subarray(prev, p));
    prev = p;
  }
  if (prev < bytes.length || out.length === 0) out.push(bytes.subarray(prev));
  return out;
}
