import type { ScreenProps } from '../App';

export function GetStarted(_props: ScreenProps & { onDone(): void }) {
  return <p>Get started</p>;
}
