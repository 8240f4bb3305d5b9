import type { Server } from 'node:http';

export const CONTENT_SECURITY_POLICY: string;

export function startStaticServer(options: {
  root: string;
  host?: string;
  port?: number;
  attempts?: number;
  csp?: string;
}): Promise<{ server: Server; url: string }>;
