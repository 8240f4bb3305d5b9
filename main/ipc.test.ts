import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { APP_ORIGIN } from '../shared/desktop-api';
import { UserError, validatedHandle } from './ipc';

type Listener = (event: IpcMainInvokeEvent, payload?: unknown) => Promise<unknown>;

const mainFrame = { origin: APP_ORIGIN, parent: null };

function setup<T>(handler: (payload: { n: number }) => T) {
  const listeners = new Map<string, Listener>();
  const ipc = { handle: (channel: string, listener: Listener) => listeners.set(channel, listener) };
  const spy = vi.fn(handler);
  validatedHandle(ipc as unknown as Pick<IpcMain, 'handle'>, 'test:channel', z.object({ n: z.number() }), spy);
  const invoke = (payload: unknown, senderFrame: object | null = mainFrame) =>
    listeners.get('test:channel')!({ senderFrame, sender: {} } as unknown as IpcMainInvokeEvent, payload);
  return { spy, invoke };
}

describe('validatedHandle', () => {
  it('passes a valid payload from the main frame to the handler', async () => {
    const { spy, invoke } = setup(({ n }) => n * 2);
    expect(await invoke({ n: 21 })).toEqual({ ok: true, value: 42 });
    expect(spy).toHaveBeenCalledOnce();
  });

  it('refuses a sender from a foreign origin', async () => {
    const { spy, invoke } = setup(() => 'secret');
    for (const origin of ['https://example.com', 'null', 'file://', 'app://other']) {
      const result = await invoke({ n: 1 }, { origin, parent: null });
      expect(result).toMatchObject({ ok: false, error: expect.stringContaining('拒绝') });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a subframe, even one of our own origin', async () => {
    const { spy, invoke } = setup(() => 'secret');
    expect(await invoke({ n: 1 }, { origin: APP_ORIGIN, parent: mainFrame })).toMatchObject({ ok: false });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone', async () => {
    const { spy, invoke } = setup(() => 'secret');
    expect(await invoke({ n: 1 }, null)).toMatchObject({ ok: false });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a malformed payload with a Chinese message and calls nothing', async () => {
    const { spy, invoke } = setup(() => 'never');
    for (const payload of [undefined, { n: '1' }, 'x', { m: 1 }]) {
      const result = await invoke(payload);
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^请求参数无效：.*[\u4e00-\u9fff]/) });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('turns thrown errors into results: UserError as is, others with a prefix', async () => {
    expect(await setup(() => { throw new UserError('文件太大'); }).invoke({ n: 1 })).toEqual({ ok: false, error: '文件太大' });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await setup(() => Promise.reject(new Error('EACCES'))).invoke({ n: 1 })).toEqual({
      ok: false,
      error: '操作未完成：EACCES',
    });
  });
});
