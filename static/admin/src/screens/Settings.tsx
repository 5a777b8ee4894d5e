import type { ScreenProps } from '../App';

export function Settings(_props: ScreenProps) {
  return <p>Settings</p>;
}
