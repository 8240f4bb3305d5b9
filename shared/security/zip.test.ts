import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkZipSizes } from './zip';
import { zipBomb } from './zipBomb';

const MB = 1024 * 1024;

describe('checkZipSizes', () => {
  it('passes an ordinary zip', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a>'.repeat(10_000)), 'b.json': strToU8('[]') });
    expect(checkZipSizes(zip, 10 * MB)).toBe('ok');
  });

  it('finds a bomb that declares its true size', () => {
    const bomb = zipBomb((i) => `t${i}.json`, { count: 3, megabytes: 20, honest: true });
    expect(bomb.length).toBeLessThan(100_000);
    expect(checkZipSizes(bomb, 50 * MB)).toBe('too-large');
  });

  it('finds a bomb that lies about its size, without holding what it inflates to', () => {
    const bomb = zipBomb((i) => `t${i}.json`, { count: 1, megabytes: 150, honest: false });
    const before = process.memoryUsage().arrayBuffers;
    expect(checkZipSizes(bomb, 1024 * MB)).toBe('damaged');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100 * MB);
  });

  it('calls a truncated or foreign file damaged', () => {
    const zip = zipSync({ 'a.xml': strToU8('x'.repeat(100_000)) }, { level: 0 });
    expect(checkZipSizes(zip.subarray(0, 5000), MB)).not.toBe('ok');
    expect(checkZipSizes(strToU8('not a zip at all'), MB)).not.toBe('too-large');
  });
});
