import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import { APP_ORIGIN } from '../shared/desktop-api';
import { fail, ok, type Result } from '../shared/result';

// zod's messages reach people through IPC results, so they must be Chinese.
z.config(zhCN());

/** An error whose message is written for the person using the app and is shown as is. */
export class UserError extends Error {}

export type IpcHandler<P, T> = (payload: P, sender: WebContents) => T | Promise<T>;

/**
 * Registers an invoke handler that trusts nothing from the renderer: the sender must be our own
 * page's main frame (not a subframe, not another origin), and the payload must pass `schema`.
 * Every outcome, including a thrown error, comes back as a Result, never as a rejected promise.
 */
export function validatedHandle<S extends z.ZodType, T>(
  ipc: Pick<IpcMain, 'handle'>,
  channel: string,
  schema: S,
  handler: IpcHandler<z.output<S>, T>,
): void {
  ipc.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<T>> => {
    if (!isTrustedSender(event)) return fail('拒绝了来自未知页面的请求');
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return fail(`请求参数无效：${parsed.error.issues[0]?.message ?? ''}`);
    try {
      return ok(await handler(parsed.data, event.sender));
    } catch (error) {
      if (error instanceof UserError) return fail(error.message);
      console.error(`[ipc] ${channel} failed`, error);
      return fail(`操作未完成：${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  // senderFrame is null once the frame has navigated away or been destroyed: refuse then too.
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && frame.origin === APP_ORIGIN;
}
