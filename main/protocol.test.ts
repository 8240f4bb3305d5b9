import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, resolveAppFile } from './protocol';

let base: string;
let root: string;
let serve: (request: Request) => Promise<Response>;
const get = (url: string) => serve(new Request(url));

beforeAll(async () => {
  // A secret beside the served folder: no URL may reach it.
  base = await mkdtemp(path.join(tmpdir(), 'dx-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(base, 'secret.txt'), 'secret');
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>党校教务通</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  serve = createAppProtocolHandler(root);
});

afterAll(() => rm(base, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves index.html with the strict CSP header', async () => {
    const response = await get('app://dangxiao/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy');
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(await response.text()).toContain('党校教务通');
  });

  it('is also in index.html, so the page carries it wherever it is served (frame-ancestors works only as a header)', async () => {
    const html = await readFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const directives = (policy: string) => policy.split(';').map((d) => d.trim()).sort();
    expect(directives(meta ?? '')).toEqual(directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')));
  });

  it('serves assets with their MIME type and no CSP', async () => {
    const response = await get('app://dangxiao/assets/app.js');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-security-policy')).toBeNull();
  });

  it('answers client routes with index.html, missing files with 404', async () => {
    expect(await (await get('app://dangxiao/courses/42')).text()).toContain('党校教务通');
    expect((await get('app://dangxiao/assets/missing.js')).status).toBe(404);
  });

  it('refuses path traversal in every spelling', async () => {
    for (const url of [
      'app://dangxiao/../../etc/passwd',
      'app://dangxiao/../secret.txt',
      'app://dangxiao/%2e%2e/secret.txt',
      'app://dangxiao/..%2fsecret.txt',
      'app://dangxiao/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://dangxiao/..%5csecret.txt',
      'app://dangxiao/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://dangxiao/index.html%00.js',
      'app://dangxiao/%E0%A4%A',
    ]) {
      const response = await get(url);
      const body = await response.text();
      expect(body, url).not.toContain('secret');
      expect(body, url).not.toContain('root:');
      // URL parsing folds plain `..` into the path, which then lands back inside the root.
      expect([403, 404, 200], url).toContain(response.status);
      if (response.status === 200) expect(body).toContain('党校教务通');
    }
  });

  it('refuses encoded traversal outright', () => {
    for (const url of ['app://dangxiao/..%2fsecret.txt', 'app://dangxiao/..%5csecret.txt', 'app://dangxiao/a%00b']) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('refuses unknown hosts and schemes', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect(resolveAppFile(root, 'file:///index.html')).toBeNull();
    expect(resolveAppFile(root, 'https://dangxiao/index.html')).toBeNull();
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await serve(new Request('app://dangxiao/', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
