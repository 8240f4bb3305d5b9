import { Descriptions } from 'antd';
import { CURRENT_SCHEMA_VERSION } from '../../data/db';
import { useAppInfo } from '../../hooks/useAppInfo';

export function AboutTab() {
  const info = useAppInfo();
  if (!info) return null;
  return (
    <Descriptions bordered size="small" column={1} style={{ maxWidth: 640 }}>
      <Descriptions.Item label="程序">{info.name}</Descriptions.Item>
      <Descriptions.Item label="版本">{info.version}</Descriptions.Item>
      <Descriptions.Item label="运行方式">{info.platform === 'electron' ? '桌面程序' : '浏览器模式'}</Descriptions.Item>
      <Descriptions.Item label="数据格式">第 {CURRENT_SCHEMA_VERSION} 版</Descriptions.Item>
      <Descriptions.Item label="数据位置">{info.dataLocation}</Descriptions.Item>
    </Descriptions>
  );
}
