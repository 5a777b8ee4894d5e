import type { ScreenProps } from '../App';

export function Rules(_props: ScreenProps) {
  return <p>Rules</p>;
}
