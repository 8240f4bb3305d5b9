import { PACKAGE_EXTENSION, RECEIPT_EXTENSION } from '../../../../shared/package/format';
import { desktop } from '../../bridge';

export const PACKAGE_FILTERS = [{ name: '党校教务通数据包', extensions: [PACKAGE_EXTENSION] }];
export const RECEIPT_FILTERS = [{ name: '党校教务通回执', extensions: [RECEIPT_EXTENSION] }];

/** A file the user picks, or null when they cancel; a bridge error throws with its message. */
export async function pickFile(filters: typeof PACKAGE_FILTERS): Promise<{ name: string; data: Uint8Array } | null> {
  const opened = await desktop.openFile({ filters });
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

/** Save through the bridge; the location, or null when the user cancelled the dialog. */
export async function saveAs(suggestedName: string, filters: typeof PACKAGE_FILTERS, data: Uint8Array): Promise<string | null> {
  const saved = await desktop.saveFile({ suggestedName, filters, data });
  if (!saved.ok) throw new Error(saved.error);
  return saved.value.saved ? (saved.value.location ?? suggestedName) : null;
}

export const formatBytes = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
