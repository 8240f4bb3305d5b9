import { Result } from 'antd';

/** Shown instead of the app when the data cannot be opened safely. Nothing is touched. */
export function FatalScreen({ message }: { message: string }) {
  return (
    <div style={{ paddingTop: 80 }}>
      <Result status="warning" title="无法打开数据" subTitle={message} />
    </div>
  );
}
