import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Flex, Result, Skeleton, Space } from 'antd';
import type { ReactNode } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { useCan } from '../data/auth/permissions';
import { errorText } from './RegistryFormModal';

interface RegistryDetailProps {
  /** The list to go back to, e.g. /trainees. */
  backTo: string;
  backLabel: string;
  /** The record the page is about: undefined while reading, null when there is no such record. */
  record: { name: string } | null | undefined;
  tags?: ReactNode;
  /** Opens the edit form; with `actions`, shown only to accounts that may edit registries. */
  onEdit: () => void;
  /** Other changes to the record (status …). */
  actions?: ReactNode;
  children?: ReactNode;
}

/** The frame of a registry record's page: back to the list, title with tags, actions, content. */
export function RegistryDetail({ backTo, backLabel, record, tags, onEdit, actions, children }: RegistryDetailProps) {
  const navigate = useNavigate();
  const canEdit = useCan('registry.edit');
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)}>
      返回{backLabel}列表
    </Button>
  );
  if (record === undefined) return <div className="dx-page"><Skeleton active /></div>;
  if (record === null) return <Result status="404" title="未找到该记录" subTitle="它可能已被删除，或链接有误。" extra={back} />;
  return (
    <div className="dx-page">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space size="middle" wrap>
          {back}
          <h1 className="dx-page-title" style={{ margin: 0 }}>{record.name}</h1>
          {tags}
        </Space>
        {canEdit && (
          <Space wrap>
            <Button type="primary" onClick={onEdit}>编辑</Button>
            {actions}
          </Space>
        )}
      </Flex>
      <Flex vertical gap={16}>{children}</Flex>
    </div>
  );
}

/** Run a change from a record's page: a toast saying what was done, or the Chinese reason it was refused. */
export function useRecordAction() {
  const { message } = App.useApp();
  return async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
    } catch (e) {
      void message.error(errorText(e));
    }
  };
}

/** A registry area's routes: the list at its path, a record's page at path/:id. */
export function RegistryRoutes({ list, detail }: { list: ReactNode; detail: ReactNode }) {
  return (
    <Routes>
      <Route index element={list} />
      <Route path=":id" element={detail} />
    </Routes>
  );
}
