import fs from 'node:fs';
import path from 'node:path';
import type { Route, SandboxRequest, SandboxResponse } from '../http/types';
import type { ContentPermissions } from './manifest';

export const BRIDGE_SCRIPT_PATH = '/__sandbox/bridge.js';

export type PageIdentity = 'admin' | 'nonAdmin';

export interface BridgePageOptions {
  /** The Custom UI resource folder (absolute), when the app has one. */
  resourceDir?: string;
  content: ContentPermissions;
  /**
   * The module's page URL in the product, e.g. `/jira/settings/apps/{appId}/{envId}` for a Jira admin page: the page
   * is served there and at every route after it (`view.createHistory()` keeps the app's route after it).
   */
  pagePath: string;
  /** What `view.getContext()` answers on a page opened as this identity (the browser adds its timezone). */
  contextFor: (identity: PageIdentity) => Record<string, unknown>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * The admin page as Jira frames it: the Custom UI build with Forge's default Content-Security-Policy, and the
 * bridge script loaded before the page's own bundle.
 */
export function bridgePageRoutes(options: BridgePageOptions): Route[] {
  const csp = contentSecurityPolicy(options.content);
  const index = (req: SandboxRequest) => withIdentity(req, (identity) => servePage(options, csp, identity));
  const bridge = (req: SandboxRequest) =>
    withIdentity(req, (identity) =>
      bridgeScript({ identity, context: options.contextFor(identity), pagePath: options.pagePath }),
    );
  const asset = (req: SandboxRequest) => serveAsset(options.resourceDir, csp, req.path);
  const assetRoutes: Route[] = assetRoutePaths(options.resourceDir).map((p) => ({
    method: 'GET',
    path: p,
    handler: asset,
  }));
  return [
    { method: 'GET', path: '/', handler: index },
    { method: 'GET', path: '/index.html', handler: index },
    { method: 'GET', path: options.pagePath, handler: index },
    { method: 'GET', path: `${options.pagePath}/*`, handler: index },
    { method: 'GET', path: BRIDGE_SCRIPT_PATH, handler: bridge },
    // In Jira the page sits in an iframe and the browser asks Jira, not the app, for the tab icon.
    { method: 'GET', path: '/favicon.ico', handler: () => ({ status: 204 }) },
    ...assetRoutes.filter((r) => r.path !== '/favicon.ico'),
  ];
}

/** Forge's default for Custom UI: scripts and styles only from the app itself, unless the manifest allows more. */
export function contentSecurityPolicy(content: ContentPermissions): string {
  const directive = (name: string, base: string[], extra: string[]) =>
    `${name} ${[...base, ...extra].join(' ')}`;
  return [
    "default-src 'self'",
    directive('script-src', ["'self'"], content.scripts),
    directive('style-src', ["'self'"], content.styles),
    directive('img-src', ["'self'", 'data:', 'blob:'], content.images),
    directive('font-src', ["'self'", 'data:'], content.fonts),
    directive('connect-src', ["'self'"], content.fetchClient),
    directive('frame-src', ["'self'"], content.frames),
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * The page's index.html with the bridge script first in the document, before any of the page's scripts. In Jira the
 * page's files come from its own frame's address whatever route the product URL shows; served at a route here, a
 * base URL makes the build's relative asset paths resolve from the resource root all the same.
 */
export function indexWithBridge(html: string, identity: PageIdentity): string {
  const tag = `<base href="/"><script src="${BRIDGE_SCRIPT_PATH}?as=${identity}"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html) ?? /<html(\s[^>]*)?>/i.exec(html);
  if (!head) return tag + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + tag + html.slice(at);
}

function servePage(options: BridgePageOptions, csp: string, identity: PageIdentity): SandboxResponse {
  const indexFile = options.resourceDir && path.join(options.resourceDir, 'index.html');
  const html = indexFile && fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : undefined;
  if (!html || !/<script\b/i.test(html)) return notBuilt(options.resourceDir, csp);
  return {
    status: 200,
    raw: indexWithBridge(html, identity),
    contentType: CONTENT_TYPES['.html'],
    headers: { 'content-security-policy': csp, 'cache-control': 'no-store' },
  };
}

function notBuilt(resourceDir: string | undefined, csp: string): SandboxResponse {
  const where = resourceDir
    ? path.relative(process.cwd(), resourceDir) || resourceDir
    : '(no resource folder)';
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Admin page not built</title></head><body>' +
    '<h1>The admin page is not built yet</h1>' +
    `<p>The Custom UI folder <code>${escapeHtml(where)}</code> has no built <code>index.html</code> that loads a script.</p>` +
    `<p>Build it (<code>npm --prefix ${escapeHtml(path.dirname(where))} run build</code>) and reload this page.</p>` +
    '</body></html>';
  return {
    status: 404,
    raw: html,
    contentType: CONTENT_TYPES['.html'],
    headers: { 'content-security-policy': csp, 'cache-control': 'no-store' },
  };
}

function serveAsset(resourceDir: string | undefined, csp: string, urlPath: string): SandboxResponse {
  const missing: SandboxResponse = {
    status: 404,
    raw: `No file ${urlPath} in the Custom UI build.`,
    contentType: CONTENT_TYPES['.txt'],
  };
  if (!resourceDir) return missing;
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return missing;
  }
  const file = path.resolve(resourceDir, `.${relative}`);
  if (!file.startsWith(resourceDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile())
    return missing;
  return {
    status: 200,
    raw: fs.readFileSync(file),
    contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    headers: { 'content-security-policy': csp },
  };
}

function bridgeScript(bridgeConfig: {
  identity: PageIdentity;
  context: Record<string, unknown>;
  pagePath: string;
}): SandboxResponse {
  const client = fs.readFileSync(path.join(__dirname, 'bridge-client.js'), 'utf8');
  const config = JSON.stringify(bridgeConfig).replace(/</g, '\\u003c');
  return {
    status: 200,
    raw: `window.__SANDBOX_FORGE_BRIDGE__ = ${config};\n${client}`,
    contentType: CONTENT_TYPES['.js'],
    headers: { 'cache-control': 'no-store' },
  };
}

/**
 * Routes for the build's files: Vite's `assets/` folder and whatever else sits at the top of the build. Listing
 * them (rather than a catch-all) leaves unknown paths to the other services' own 404 answers.
 */
function assetRoutePaths(resourceDir: string | undefined): string[] {
  const paths = new Set(['/assets/*']);
  if (resourceDir && fs.existsSync(resourceDir)) {
    for (const entry of fs.readdirSync(resourceDir, { withFileTypes: true })) {
      if (entry.name === 'index.html' || /[:*?#%\s]/.test(entry.name)) continue;
      paths.add(entry.isDirectory() ? `/${entry.name}/*` : `/${entry.name}`);
    }
  }
  return [...paths];
}

function withIdentity(
  req: SandboxRequest,
  serve: (identity: PageIdentity) => SandboxResponse,
): SandboxResponse {
  const as = req.query.get('as') ?? 'admin';
  if (as !== 'admin' && as !== 'nonAdmin') {
    return {
      status: 400,
      raw: `Unknown identity ?as=${as}: use admin or nonAdmin.`,
      contentType: CONTENT_TYPES['.txt'],
    };
  }
  return serve(as);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
