import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Alert, Button, Card, Form, Input, Space, Switch, Table } from "antd";
import { useEffect, useState } from "react";
import type { DisputeTypeItem, DisputeTypeList } from "@shared/disputes/type-schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { publishDisputeTypes, useDisputeTypes } from "./use-dispute-types.ts";

interface Row extends DisputeTypeItem {
  /** Added on this page and not saved yet: only such a row's key can still be typed. */
  added: boolean;
}

/**
 * The deployment's list of dispute types. A county administrator adds, renames, reorders and
 * retires types; a listed type is never deleted, as cases are recorded under it. Others see
 * the list as the forms offer it.
 */
export function DisputeTypesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { list } = useDisputeTypes();
  const [form] = Form.useForm<{ items: Row[] }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (list) form.setFieldsValue({ items: list.items.map((item) => ({ ...item, added: false })) });
  }, [list, form]);
  const canManage = list?.canManage ?? false;

  const save = async ({ items }: { items: Row[] }) => {
    setSaving(true);
    try {
      const saved = await api<DisputeTypeList>("PUT", "/api/dispute-types", { items: items.map(({ added: _added, ...item }) => item) });
      publishDisputeTypes(saved);
      message.success(t("disputeTypesSaved"));
    } catch (error) {
      showApiError(error, message, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t("menuDisputeTypes")}>
      {!canManage && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("disputeTypesReadOnly")} />}
      <Form form={form} onFinish={save} disabled={!canManage}>
        <Form.List name="items">
          {(fields, { add, move }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                data-testid="dispute-types"
                columns={[
                  {
                    title: t("disputeTypeKey"),
                    width: 200,
                    render: (_, field) => (
                      <Form.Item noStyle shouldUpdate>
                        {() => (
                          <Form.Item name={[field.name, "key"]} style={{ margin: 0 }} rules={[{ required: true }]}>
                            <Input disabled={!form.getFieldValue(["items", field.name, "added"])} />
                          </Form.Item>
                        )}
                      </Form.Item>
                    ),
                  },
                  { title: t("disputeTypeZh"), render: (_, field) => <Form.Item name={[field.name, "zh"]} style={{ margin: 0 }} rules={[{ required: true }]}><Input /></Form.Item> },
                  { title: t("disputeTypeEn"), render: (_, field) => <Form.Item name={[field.name, "en"]} style={{ margin: 0 }} rules={[{ required: true }]}><Input /></Form.Item> },
                  { title: t("disputeTypeActive"), width: 90, render: (_, field) => <Form.Item name={[field.name, "active"]} valuePropName="checked" style={{ margin: 0 }}><Switch /></Form.Item> },
                  {
                    title: "",
                    width: 90,
                    render: (_, field, index) => (
                      <Space>
                        <Button size="small" icon={<ArrowUpOutlined />} disabled={!canManage || index === 0} onClick={() => move(index, index - 1)} aria-label={t("moveUp")} />
                        <Button size="small" icon={<ArrowDownOutlined />} disabled={!canManage || index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label={t("moveDown")} />
                      </Space>
                    ),
                  },
                ]}
              />
              {canManage && (
                <Space style={{ marginTop: 12 }}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ key: "", zh: "", en: "", active: true, added: true })} data-testid="dispute-type-add">
                    {t("disputeTypeAdd")}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={saving} data-testid="dispute-types-save">
                    {t("save")}
                  </Button>
                </Space>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
