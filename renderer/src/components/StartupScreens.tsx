import { Result, Spin } from 'antd';

/** Shown while the caches are rebuilt after an upgrade of the database, before the app opens. */
export function RebuildingScreen() {
  return (
    <div style={{ paddingTop: 80 }}>
      <Result icon={<Spin size="large" />} title="正在整理数据" subTitle="程序更新后首次打开需要整理一次数据，学员较多时约需一分钟，请勿关闭窗口。" />
    </div>
  );
}

/** Shown instead of the app when the data cannot be opened safely. Nothing is touched. */
export function FatalScreen({ message }: { message: string }) {
  return (
    <div style={{ paddingTop: 80 }}>
      <Result status="warning" title="无法打开数据" subTitle={message} />
    </div>
  );
}
