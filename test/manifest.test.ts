import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
import { parse } from 'yaml';

const repoRoot = path.resolve(__dirname, '..');
const manifestPath = path.join(repoRoot, 'manifest.yml');

interface Manifest {
  modules: {
    function: Array<{ key: string; handler: string; timeoutSeconds?: number }>;
    scheduledTrigger: Array<{ key: string; function: string; interval: string }>;
    consumer: Array<{ key: string; queue: string; function: string }>;
    'jira:adminPage': Array<{ key: string; resource: string; resolver: { function: string } }>;
  };
  resources: Array<{ key: string; path: string }>;
  permissions: { scopes: string[]; external: { fetch: { backend: Array<{ address: string }> } } };
  app: { runtime: { name: string } };
}

const manifest = parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;

async function validate(file: string) {
  return ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process(file);
}

/** Copies the app next to a modified manifest, so the validator resolves handlers and resources. */
function copyWithManifest(edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  fs.cpSync(path.join(repoRoot, 'src'), path.join(dir, 'src'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'static/admin/build'), path.join(dir, 'static/admin/build'), {
    recursive: true,
  });
  fs.writeFileSync(path.join(dir, 'manifest.yml'), edit(fs.readFileSync(manifestPath, 'utf8')));
  return path.join(dir, 'manifest.yml');
}

describe('manifest.yml', () => {
  it('passes Forge full validation offline', async () => {
    const result = await validate(manifestPath);
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('names handlers that are exported functions of their source files', () => {
    for (const fn of manifest.modules.function) {
      const [file, exportName] = fn.handler.split('.') as [string, string];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(repoRoot, 'src', file)) as Record<string, unknown>;
      expect({ handler: fn.handler, type: typeof mod[exportName] }).toEqual({
        handler: fn.handler,
        type: 'function',
      });
    }
  });

  it('gives the scheduled and queue functions a timeout of their own', () => {
    const byKey = new Map(manifest.modules.function.map((f) => [f.key, f]));
    const background = [
      ...manifest.modules.scheduledTrigger.map((t) => t.function),
      ...manifest.modules.consumer.map((c) => c.function),
    ];
    for (const key of background) expect(byKey.get(key)?.timeoutSeconds).toBeGreaterThan(55);
  });

  it('declares the runtime, scopes and egress the app needs', () => {
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    expect(manifest.permissions.scopes).toEqual(
      expect.arrayContaining([
        'storage:app',
        'read:jira-user',
        'manage:jira-configuration',
        'read:jira-work',
        'write:jira-work',
      ]),
    );
    expect(manifest.permissions.external.fetch.backend.map((b) => b.address)).toContain('api.atlassian.com');
  });

  it('serves the admin page from a Custom UI resource', () => {
    const page = manifest.modules['jira:adminPage'][0]!;
    expect(manifest.resources.find((r) => r.key === page.resource)?.path).toBe('static/admin/build');
  });

  it('fails validation when a handler file is missing', async () => {
    const result = await validate(
      copyWithManifest((t) => t.replace('handler: index.jobs', 'handler: missing.jobs')),
    );
    expect(result.success).toBe(false);
    expect(result.errors?.map((e) => e.message).join('\n')).toMatch(
      /missing\.jobs.*cannot find associated file/,
    );
  });

  it('fails validation when a trigger interval is not one Forge supports', async () => {
    const result = await validate(copyWithManifest((t) => t.replace('interval: hour', 'interval: minute')));
    expect(result.success).toBe(false);
    expect(result.errors?.map((e) => e.message).join('\n')).toMatch(/interval 'minute'/);
  });

  it('fails validation when the Custom UI resource folder is missing', async () => {
    const result = await validate(
      copyWithManifest((t) => t.replace('path: static/admin/build', 'path: static/nowhere')),
    );
    expect(result.success).toBe(false);
    expect(result.errors?.map((e) => e.message).join('\n')).toMatch(/missing resource 'static\/nowhere'/);
  });
});
