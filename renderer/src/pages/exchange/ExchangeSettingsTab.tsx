import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import {
  enterExchangeCode, saveExchangeSettings, setMode, useExchangeSettings, useMode, useOwnState, type ExchangeMode,
} from '../../data/exchange/state';

/** 交换设置: what this installation is (a school or the county office), the exchange code, and the privacy and reminder settings. */
export function ExchangeSettingsTab() {
  const { message, modal } = App.useApp();
  const mode = useMode();
  const settings = useExchangeSettings();
  const own = useOwnState();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!mode || !settings || !own) return null;

  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const changeMode = (next: ExchangeMode) =>
    modal.confirm({
      title: next === 'county' ? '将本机设为市（县）委党校的汇总机？' : '将本机改回学校模式？',
      content:
        next === 'county'
          ? '汇总模式下，首页按党校汇总各校数据，并提示哪些学校未按时上报。本机将生成本市的交换码，请发给各学校填写。'
          : '首页将只显示本机数据的概况。已导入的各校数据不会删除。',
      okText: '确定',
      cancelText: '取消',
      onOk: () => attempt(async () => {
        await setMode(next);
        void message.success(next === 'county' ? '已切换为市（县）汇总模式' : '已切换为学校模式');
      }),
    });

  const saveCode = () =>
    attempt(async () => {
      const saved = await enterExchangeCode(code);
      setCode('');
      void message.success(`交换码已保存：${saved}`);
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} />}
      <Card title="本机用途" size="small">
        <Radio.Group value={mode} onChange={(e) => changeMode(e.target.value)}>
          <Space orientation="vertical">
            <Radio value="school">学校：向市委党校上报数据包</Radio>
            <Radio value="county">市（县）委党校：导入各校数据包，汇总查看</Radio>
          </Space>
        </Radio.Group>
      </Card>
      <Card title="交换码" size="small">
        {mode === 'county' && settings.code ? (
          <>
            <Typography.Paragraph>
              本市交换码：
              <Typography.Text code copyable strong style={{ fontSize: 18 }} data-testid="exchange-code">
                {settings.code}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              请通过内部渠道（电话、公文或当面）发给各学校，由学校在本页填写。交换码用于签名数据包、核对来源，并把学员身份证号变成只有本市能比对的摘要；请勿公开。交换码生成后不再改变。
            </Typography.Paragraph>
          </>
        ) : (
          <Form layout="vertical" onFinish={saveCode} style={{ maxWidth: 520 }}>
            <Typography.Paragraph>
              {settings.code ? <>已填写：<Typography.Text code>{settings.code}</Typography.Text></> : '尚未填写。'}
            </Typography.Paragraph>
            {settings.code && own.sequence > 0 && (
              <Alert style={{ marginBottom: 12 }} type="info" showIcon title="已导出过数据包。只有市委党校更换了交换码时才需要重新填写。" />
            )}
            <Form.Item label="市委党校下发的交换码" required>
              <Input
                value={code}
                onChange={(e) => setCode(e.target.value)}
                placeholder="例如 ABCD-EFGH-JKMN-PQRS-TVWX-YZ12"
                aria-label="交换码"
                style={{ fontFamily: 'monospace' }}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={!code.trim()}>保存交换码</Button>
          </Form>
        )}
      </Card>
      <Card title="个人信息" size="small">
        <Space align="start">
          <Switch
            checked={settings.allowIdNumbers}
            onChange={(allowIdNumbers) => void attempt(() => saveExchangeSettings({ allowIdNumbers }))}
            aria-label="上报完整身份证号"
          />
          <div>
            <Typography.Text>上报完整身份证号</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              默认关闭：数据包只含身份证号的加密摘要和后四位，市委党校据此识别同一人员，但看不到完整号码。只有市里明确要求、且有相应授权时才打开。
            </Typography.Paragraph>
          </div>
        </Space>
      </Card>
      {mode === 'county' && (
        <Card title="上报提醒" size="small">
          <Space>
            超过
            <InputNumber
              min={1}
              max={365}
              value={settings.staleDays}
              aria-label="未上报提醒天数"
              onChange={(staleDays) => staleDays && void attempt(() => saveExchangeSettings({ staleDays }))}
            />
            天没有收到数据包的学校，在首页列为“未按时上报”。
          </Space>
        </Card>
      )}
    </Space>
  );
}
