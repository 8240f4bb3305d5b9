import { Button, Progress, Space, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { CancelledError, type WorkOptions } from '../../data/exchange/progress';

interface Running {
  label: string;
  percent: number;
  phase: string;
  cancellable: boolean;
}

/**
 * Long exchange work with a progress bar and, where it can stop without leaving anything half
 * written, a cancel button. The error of the last run is kept for the page to show.
 */
export function useWork() {
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async <T,>(label: string, work: (opts: WorkOptions) => Promise<T>, cancellable = false): Promise<T | undefined> => {
    controller.current = new AbortController();
    setError(null);
    setRunning({ label, percent: 0, phase: '', cancellable });
    let shown = -1;
    try {
      return await work({
        signal: controller.current.signal,
        onProgress: (fraction, phase) => {
          const percent = Math.floor(fraction * 100);
          if (percent === shown) return;
          shown = percent;
          setRunning((r) => r && { ...r, percent, phase });
        },
      });
    } catch (e) {
      setError(e instanceof CancelledError ? e.message : e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      setRunning(null);
      controller.current = null;
    }
  }, []);

  const progress = running && (
    <div role="status" aria-label={running.label} style={{ margin: '12px 0' }}>
      <Space orientation="vertical" style={{ width: '100%' }} size={4}>
        <Typography.Text>
          {running.label}
          {running.phase && <Typography.Text type="secondary">（{running.phase}）</Typography.Text>}
        </Typography.Text>
        <Space style={{ width: '100%' }} align="center">
          <Progress percent={running.percent} status="active" style={{ width: 420, marginBottom: 0 }} />
          {running.cancellable && (
            <Button onClick={() => controller.current?.abort()} danger>
              取消
            </Button>
          )}
        </Space>
      </Space>
    </div>
  );

  return { run, running: running !== null, progress, error, setError };
}
