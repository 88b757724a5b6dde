import { App } from "antd";
import { useCallback, useEffect, useState } from "react";
import { api, query } from "./api.ts";
import { showApiError } from "./form-errors.ts";
import { useI18n } from "./i18n/i18n.tsx";

/**
 * One page of a list route (`{ items, total }`), reloaded when the filter or the page changes,
 * with the `pagination` a Table of it takes.
 */
export function usePagedList<Item>(url: string, filter: Record<string, string | undefined>, pageSize: number) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: Item[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const filterKey = JSON.stringify(filter);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api("GET", `${url}${query({ ...(JSON.parse(filterKey) as Record<string, string>), offset: (page - 1) * pageSize, limit: pageSize })}`));
    } catch (error) {
      showApiError(error, message);
    } finally {
      setLoading(false);
    }
  }, [url, filterKey, page, pageSize, message]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // A new filter starts again from the first page.
  useEffect(() => setPage(1), [filterKey]);

  const pagination = { current: page, pageSize, total: data.total, onChange: setPage, showTotal: (total: number) => t("total", { total }) };
  return { ...data, page, setPage, loading, reload, pagination };
}
