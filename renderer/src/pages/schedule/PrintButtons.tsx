import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { desktop } from '../../bridge';

/**
 * 打印 / 保存为 PDF of the current view; the page's print CSS decides what is on paper.
 * The @page rule gives the paper's orientation in browsers, where the bridge cannot.
 */
export function PrintButtons({ name, landscape }: { name: string; landscape: boolean }) {
  const { message } = App.useApp();
  const run = async (mode: 'print' | 'pdf') => {
    const result = await desktop.print({ mode, suggestedName: name.replace(/[\\/:*?"<>|]/g, ' '), landscape });
    if (!result.ok) void message.error(result.error);
    else if (result.value.saved && result.value.location) void message.success(`已保存：${result.value.location}`);
  };
  return (
    <Space>
      <style>{`@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 12mm; }`}</style>
      <Button icon={<PrinterOutlined />} onClick={() => void run('print')}>打印</Button>
      <Button onClick={() => void run('pdf')}>保存为 PDF</Button>
    </Space>
  );
}
