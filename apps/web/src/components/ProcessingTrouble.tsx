import { Alert } from 'antd';
import type { CSSProperties } from 'react';

/** Shown on an item whose workflow is in trouble (a background step failed and waits for its retry or the operators). */
export function ProcessingTrouble({ show, style }: { show: boolean; style?: CSSProperties }) {
  if (!show) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      data-testid="processing-trouble"
      title="系统后台处理暂时出现故障"
      description="此故障已列入运维人员的“运行监控”，后台步骤会自动重试。在此期间提交可能失败；失败的提交不会被记录，请稍后重新提交。"
    />
  );
}
