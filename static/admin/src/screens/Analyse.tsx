import type { ScreenProps } from '../App';

export function Analyse(_props: ScreenProps) {
  return <p>Analyse</p>;
}
