import { Alert, Button, Card, Progress, Radio, Result, Space, Steps, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { SchoolProfileForm } from '../components/SchoolProfileForm';
import { db } from '../data/instance';
import { AdminAccountForm } from './accounts/AdminAccountForm';

type SampleChoice = 'none' | 'village' | 'town';

/** First start: the school profile, the administrator's account, then whether to load sample data (示例数据). */
export default function FirstRun() {
  const [step, setStep] = useState(0);
  const hasAdmin = useLiveQuery(async () => (await db().accounts.count()) > 0);
  const [choice, setChoice] = useState<SampleChoice>('village');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const finish = async () => {
    setError(null);
    try {
      if (choice !== 'none') {
        setProgress(0);
        // The generator (with its pinyin dictionary) loads only when asked for.
        const { loadSampleData } = await import('../data/sample');
        await loadSampleData(choice, (f) => setProgress(Math.round(f * 100)));
      }
      await db().meta.put({ key: 'setupDone', value: true });
    } catch (e) {
      setProgress(null);
      setError(`示例数据加载失败，数据库未被改动：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '48px 16px' }}>
      <Card style={{ width: 640 }} title={<span style={{ fontSize: 20 }}>欢迎使用党校教务通</span>}>
        <Steps current={step} items={[{ title: '本校信息' }, { title: '管理员账户' }, { title: '示例数据' }]} style={{ marginBottom: 32 }} />
        {step === 0 && (
          <>
            <Typography.Paragraph type="secondary">
              请先填写本校的基本信息。数据只保存在这台电脑上，不需要联网。
            </Typography.Paragraph>
            <SchoolProfileForm submitText="下一步" onSaved={() => setStep(1)} />
          </>
        )}
        {step === 1 &&
          (hasAdmin ? (
            <Result
              status="success"
              title="管理员账户已创建"
              extra={<Button type="primary" onClick={() => setStep(2)} autoFocus>下一步</Button>}
            />
          ) : (
            <AdminAccountForm submitText="下一步" onCreated={() => setStep(2)} />
          ))}
        {step === 2 && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              可以加载一套曲阜各镇街、村居党校的示例数据，先熟悉各项功能；正式使用时可在“设置 → 备份与恢复”中恢复或从空白开始。
            </Typography.Paragraph>
            <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value)} disabled={progress !== null}>
              <Space direction="vertical">
                <Radio value="village">加载示例数据：一所村级党校（约 300 名学员、60 个课次）</Radio>
                <Radio value="town">加载示例数据：一所镇街党校及 15 所村级党校（约 5,000 名学员、600 个课次）</Radio>
                <Radio value="none">不加载，从空白开始</Radio>
              </Space>
            </Radio.Group>
            {progress !== null && <Progress percent={progress} status="active" />}
            {error && <Alert type="error" showIcon message={error} />}
            <Space>
              <Button onClick={() => setStep(1)} disabled={progress !== null}>上一步</Button>
              <Button type="primary" onClick={finish} loading={progress !== null}>开始使用</Button>
            </Space>
          </Space>
        )}
      </Card>
    </div>
  );
}
