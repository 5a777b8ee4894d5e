import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { view } from '@forge/bridge';
import { pathOf, routeOf, type AppRoute } from './routes';

export interface Navigation {
  route: AppRoute;
  /** Moves to the route, as a new entry of the browser's history (back returns) unless `replace`. */
  navigate(route: AppRoute, options?: { replace?: boolean }): void;
}

type ForgeHistory = Awaited<ReturnType<typeof view.createHistory>>;

const NavigationContext = createContext<Navigation | null>(null);

/**
 * The page's place in the product URL, through Forge's Custom UI history (`view.createHistory()`): the route after
 * the admin page's address, so back and forward work and a reload or a pasted link opens the same place. Children
 * render once the history is known; where the host offers no history, moving works without the URL.
 */
export function NavigationProvider({ children }: { children: ReactNode }) {
  const [history, setHistory] = useState<ForgeHistory | null>(null);
  const [route, setRoute] = useState<AppRoute | null>(null);

  useEffect(() => {
    let current = true;
    let unlisten: (() => void) | undefined;
    view
      .createHistory()
      .then((created) => {
        if (!current) return;
        setHistory(created);
        setRoute(routeOf(created.location));
        unlisten = created.listen((location) => setRoute(routeOf(location)));
      })
      .catch(() => current && setRoute({ screen: 'overview' }));
    return () => {
      current = false;
      unlisten?.();
    };
  }, []);

  const navigate = useCallback(
    (next: AppRoute, options: { replace?: boolean } = {}) => {
      if (!history) {
        setRoute(next);
        return;
      }
      const path = pathOf(next);
      if (path === pathOf(routeOf(history.location))) return;
      if (options.replace) history.replace(path);
      else history.push(path);
    },
    [history],
  );

  if (!route) return null;
  return <NavigationContext.Provider value={{ route, navigate }}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation is used outside a NavigationProvider');
  return navigation;
}
