import type { ScreenProps } from '../App';

export function RunsAndAudit(_props: ScreenProps) {
  return <p>RunsAndAudit</p>;
}
