import type { ScreenProps } from '../App';

export function Overview(_props: ScreenProps) {
  return <p>Overview</p>;
}
