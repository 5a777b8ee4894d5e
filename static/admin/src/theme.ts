import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

/**
 * Follows Jira's colour mode. In Jira the host passes it through the bridge; the sandbox (and screenshots)
 * can force it with `?theme=light|dark`. Without either, the browser's preference decides.
 */
export async function applyTheme(): Promise<void> {
  const forced = new URLSearchParams(window.location.search).get('theme');
  const colorMode = forced === 'dark' || forced === 'light' ? forced : 'auto';
  await setGlobalTheme({
    colorMode,
    light: 'light',
    dark: 'dark',
    spacing: 'spacing',
    typography: 'typography',
  });
}
