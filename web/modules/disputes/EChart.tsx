// One chart drawn by ECharts. Only the chart types and components the pages use are registered
// (echarts/core), so the bundle carries them and not the whole library. The SVG renderer keeps
// the charts sharp when printed and makes each bar and slice an element of the page.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { type ECElementEvent, type EChartsCoreOption, type EChartsType, init, use as register } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

register([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function EChart({ option, onClick, height = 300, testId }: { option: EChartsCoreOption; onClick?: (event: ECElementEvent) => void; height?: number; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const instance = init(container.current!, undefined, { renderer: "svg" });
    chart.current = instance;
    // The card's width changes with the window and the side menu, not only with the window.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on("click", onClick);
    return () => {
      instance.off("click", onClick);
    };
  }, [onClick]);

  return <div ref={container} style={{ width: "100%", height, cursor: onClick ? "pointer" : undefined }} data-testid={testId} />;
}
