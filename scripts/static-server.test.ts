import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as electronPolicy } from '../main/protocol';
import { CONTENT_SECURITY_POLICY, startStaticServer } from './static-server.mjs';

let base: string;
let server: Server;
let url: string;

/** fetch() would normalise `..` away, so traversal attempts go out as raw request lines. */
function rawGet(target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path: target }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'dx-static-'));
  const root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(base, 'secret.txt'), 'secret');
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>党校教务通</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'font.woff2'), 'wOF2');
  ({ server, url } = await startStaticServer({ root, port: 0 }));
});

afterAll(async () => {
  server.close();
  await rm(base, { recursive: true, force: true });
});

describe('static server', () => {
  it('serves index.html with the same CSP as Electron', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(electronPolicy);
    expect(CONTENT_SECURITY_POLICY).toBe(electronPolicy);
    expect(await response.text()).toContain('党校教务通');
  });

  it('serves assets with the right MIME type', async () => {
    expect((await fetch(`${url}assets/app.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${url}assets/font.woff2`)).headers.get('content-type')).toBe('font/woff2');
  });

  it('falls back to index.html for client routes, 404 for missing files', async () => {
    expect(await (await fetch(`${url}courses/42`)).text()).toContain('党校教务通');
    expect((await fetch(`${url}assets/missing.js`)).status).toBe(404);
  });

  it('refuses path traversal', async () => {
    for (const target of [
      '/../secret.txt',
      '/../../../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/..%5csecret.txt',
      '/index.html%00',
      '/%E0%A4%A',
    ]) {
      const { status, body } = await rawGet(target);
      expect([403, 404], target).toContain(status);
      expect(body, target).not.toContain('secret');
    }
  });

  it('moves on to the next port when the asked one is busy', async () => {
    const port = Number(new URL(url).port);
    const next = await startStaticServer({ root: path.join(base, 'renderer'), port, attempts: 5 });
    expect(Number(new URL(next.url).port)).toBeGreaterThan(port);
    next.server.close();
  });
});
