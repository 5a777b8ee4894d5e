/** The page's routes: what the URL after the admin page's address names (the screen, and the rule or run open). */

export const SCREEN_IDS = [
  'overview',
  'rules',
  'analyse',
  'pending',
  'notifications',
  'runs',
  'settings',
] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

export type AppRoute =
  | { screen: 'overview' | 'pending' | 'notifications' | 'settings' }
  /** `ruleId`: that rule open in the editor. */
  | { screen: 'rules'; ruleId?: string }
  /** `ruleId`: only that rule's results. */
  | { screen: 'analyse'; ruleId?: string }
  /** `runId`: that run's details. */
  | { screen: 'runs'; runId?: string }
  | { screen: 'notFound'; path: string };

/** The route a location names; an address the page does not know is `notFound`, never silently the Overview. */
export function routeOf(location: { pathname: string; search: string }): AppRoute {
  const notFound: AppRoute = { screen: 'notFound', path: location.pathname + location.search };
  let parts: string[];
  try {
    parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return notFound;
  }
  const [screen, id, ...rest] = parts;
  if (screen === undefined) return { screen: 'overview' };
  if (rest.length > 0 || !isScreenId(screen)) return notFound;
  switch (screen) {
    case 'rules':
      return id === undefined ? { screen } : { screen, ruleId: id };
    case 'runs':
      return id === undefined ? { screen } : { screen, runId: id };
    case 'analyse': {
      if (id !== undefined) return notFound;
      const ruleId = new URLSearchParams(location.search).get('rule');
      return ruleId ? { screen, ruleId } : { screen };
    }
    default:
      return id === undefined ? { screen } : notFound;
  }
}

/** The path (with its query) that names a route. */
export function pathOf(route: AppRoute): string {
  switch (route.screen) {
    case 'overview':
      return '/';
    case 'notFound':
      return route.path;
    case 'rules':
      return route.ruleId === undefined ? '/rules' : `/rules/${encodeURIComponent(route.ruleId)}`;
    case 'runs':
      return route.runId === undefined ? '/runs' : `/runs/${encodeURIComponent(route.runId)}`;
    case 'analyse':
      return route.ruleId === undefined
        ? '/analyse'
        : `/analyse?${new URLSearchParams({ rule: route.ruleId }).toString()}`;
    default:
      return `/${route.screen}`;
  }
}

function isScreenId(text: string): text is ScreenId {
  return (SCREEN_IDS as readonly string[]).includes(text);
}
