import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/desktop-api';

/** The preload run against a fake Electron: what the page receives as window.desktop, and nothing more. */
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((channel: string, payload?: unknown) => Promise.resolve({ ok: true, value: [channel, payload] })),
}));

vi.mock('electron', () => {
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: { invoke: fake.invoke, on: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
  };
  return { ...electron, default: electron };
});

await import('./preload');

describe('the preload', () => {
  it('exposes only window.desktop, holding exactly the DesktopApi functions', () => {
    expect([...fake.exposed.keys()]).toEqual(['desktop']);
    const desktop = fake.exposed.get('desktop') as Record<string, unknown>;
    expect(Object.keys(desktop).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    for (const [name, value] of Object.entries(desktop)) expect(typeof value, name).toBe('function');
  });

  it('forwards each call to its own channel, with the payload as given', async () => {
    const desktop = fake.exposed.get('desktop') as Record<string, (payload?: unknown) => Promise<unknown>>;
    for (const [name, channel] of Object.entries(IPC_CHANNELS)) {
      fake.invoke.mockClear();
      // A method that takes no payload sends none, whatever the page passes.
      const method = desktop[name]!;
      const payload = { name };
      expect(await method(payload)).toEqual({ ok: true, value: [channel, method.length === 0 ? undefined : payload] });
      expect(fake.invoke, name).toHaveBeenCalledOnce();
    }
  });
});
