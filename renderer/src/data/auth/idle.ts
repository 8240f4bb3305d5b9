import { useEffect } from 'react';
import { lockScreen } from './accounts';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Lock the screen after `minutes` without keyboard or mouse use (0 or undefined: never). */
export function useIdleLock(minutes: number | undefined, active: boolean): void {
  useEffect(() => {
    if (!active || !minutes) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const event of ACTIVITY) window.addEventListener(event, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) void lockScreen('空闲超时');
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, touch, { capture: true });
    };
  }, [minutes, active]);
}
