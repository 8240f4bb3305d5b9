// A small static file server for browser mode (no Electron): serves the built renderer, refuses
// anything outside its folder and answers unknown extensionless paths (client routes) with index.html.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The same policy main/protocol.ts sends in Electron, so browser mode surfaces CSP problems too. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Maps a request path to a file under root, or null when it would leave root. */
function resolveFile(root, requestTarget) {
  let relative;
  // The raw request target, not a parsed URL: URL parsing would quietly resolve a `..`.
  try {
    relative = decodeURIComponent(requestTarget.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\') || relative.split('/').includes('..')) return null;
  const file = path.resolve(root, `.${relative.endsWith('/') ? `${relative}index.html` : relative}`);
  return file.startsWith(root + path.sep) ? file : null;
}

async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function listen(server, host, port, attemptsLeft) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' && attemptsLeft > 1 && port !== 0) {
        resolve(listen(server, host, port + 1, attemptsLeft - 1));
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Serves `root` on host:port; when the port is taken, tries the next ones (`attempts` in all).
 * Resolves to the server and its address once it is listening. `csp` replaces the policy sent
 * with HTML (the benchmark's SQLite peer needs WebAssembly).
 */
export async function startStaticServer({ root, host = '127.0.0.1', port = 0, attempts = 20, csp = CONTENT_SECURITY_POLICY }) {
  const base = path.resolve(root);
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    let file = resolveFile(base, request.url ?? '/');
    if (file === null) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('禁止访问 / Forbidden');
      return;
    }
    if (!(await isFile(file))) {
      if (path.extname(file) !== '') {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到 / Not found');
        return;
      }
      file = path.join(base, 'index.html');
    }
    const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = csp;
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).on('error', () => response.destroy()).pipe(response);
  });
  const boundPort = await listen(server, host, port, attempts);
  return { server, url: `http://${host}:${boundPort}/` };
}
