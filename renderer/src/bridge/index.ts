import type { DesktopApi } from '../../../shared/desktop-api';
import { webBridge } from './web';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    desktop?: DesktopApi;
  }
}

/** The platform, whichever it is: the renderer only ever talks to this. */
export const desktop: DesktopApi = window.desktop ?? webBridge;
