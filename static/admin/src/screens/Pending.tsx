import type { ScreenProps } from '../App';

export function Pending(_props: ScreenProps) {
  return <p>Pending</p>;
}
