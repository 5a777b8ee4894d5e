import { useState } from 'react';

/**
 * State kept in the tab's session storage, so it survives the screen being left (Atlaskit tabs unmount hidden
 * panels) and the page being reloaded. Without storage (a locked-down browser) it is plain state.
 */
export function useSessionState(key: string): [string | null, (value: string | null) => void] {
  const [value, setValue] = useState<string | null>(() => {
    try {
      return window.sessionStorage.getItem(key);
    } catch {
      return null;
    }
  });
  const update = (next: string | null) => {
    setValue(next);
    try {
      if (next === null) window.sessionStorage.removeItem(key);
      else window.sessionStorage.setItem(key, next);
    } catch {
      // Storage refused: the value lives as long as the screen does.
    }
  };
  return [value, update];
}
