import { pathOf, routeOf, type AppRoute } from '../../static/admin/src/navigation/routes';

const at = (path: string) => {
  const url = new URL(path, 'http://page.local');
  return routeOf({ pathname: url.pathname, search: url.search });
};

it.each<[string, AppRoute]>([
  ['/', { screen: 'overview' }],
  ['/settings', { screen: 'settings' }],
  ['/rules', { screen: 'rules' }],
  ['/rules/rule%2F1', { screen: 'rules', ruleId: 'rule/1' }],
  ['/runs/run-9', { screen: 'runs', runId: 'run-9' }],
  ['/analyse?rule=r%201', { screen: 'analyse', ruleId: 'r 1' }],
])('reads %s as its route, and writes the route back as the same path', (path, route) => {
  expect(at(path)).toEqual(route);
  expect(at(pathOf(route))).toEqual(route);
});

it.each(['/reports', '/settings/extra', '/runs/a/b', '/analyse/r-1', '/rules/%E0%A4%A'])(
  'reads %s as a page that does not exist, keeping the address',
  (path) => {
    expect(at(path)).toEqual({ screen: 'notFound', path });
  },
);
