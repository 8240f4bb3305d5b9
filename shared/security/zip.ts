import { Unzip, UnzipInflate } from 'fflate';

export type ZipSizeCheck = 'ok' | 'too-large' | 'damaged';

const PIECE = 65536;

/**
 * Inflate every entry of a zip for real, keeping none of the output, to see that each is no
 * larger than its header declares and that together they stay under `maxTotal` bytes. A zip
 * bomb declares small sizes and inflates to gigabytes; readers that trust the header (or
 * inflate first and check after) would run out of memory before refusing it.
 */
export function checkZipSizes(bytes: Uint8Array, maxTotal: number): ZipSizeCheck {
  let verdict: ZipSizeCheck = 'ok';
  let total = 0;
  const unzip = new Unzip((file) => {
    let size = 0;
    file.ondata = (error, chunk) => {
      if (verdict !== 'ok') return;
      size += chunk.length;
      total += chunk.length;
      if (error || (file.originalSize !== undefined && size > file.originalSize)) verdict = 'damaged';
      else if (total > maxTotal) verdict = 'too-large';
      if (verdict !== 'ok') file.terminate();
    };
    if (verdict === 'ok') file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Pieces of 64 KB: deflate expands at most about 1000 times, so no step holds more than about 64 MB.
    for (let i = 0; i < bytes.length && verdict === 'ok'; i += PIECE) {
      unzip.push(bytes.subarray(i, i + PIECE), i + PIECE >= bytes.length);
    }
  } catch {
    return 'damaged';
  }
  return verdict;
}
