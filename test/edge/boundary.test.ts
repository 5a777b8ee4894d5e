import { guardPayload, MAX_PAYLOAD_STRING } from '../../src/edge/payloadGuard';
import { onlyRegistered } from '../../src/edge/registeredResolvers';
import { siteCloudIdOf } from '../../src/edge/siteContext';
import { looksLikeApiKey, withoutApiKeys } from '../../src/domain/authorityApiKey';

const deep = (levels: number): unknown => (levels === 0 ? 1 : { a: deep(levels - 1) });

describe('guardPayload', () => {
  it('lets an ordinary payload through', () => {
    expect(() => guardPayload({ rule: { name: 'x', actions: [{ kind: 'suspend' }] } })).not.toThrow();
  });

  it('refuses nesting deeper than storage keeps, naming the field', () => {
    expect(() => guardPayload(deep(40))).toThrow(/nested more than 32 levels/);
  });

  it('refuses text longer than any field, naming it', () => {
    expect(() => guardPayload({ rule: { name: 'x'.repeat(MAX_PAYLOAD_STRING + 1) } })).toThrow(
      /^rule\.name:/,
    );
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at any depth', (key) => {
    expect(() => guardPayload(JSON.parse(`{"rule": {"${key}": {"x": 1}}}`))).toThrow(`rule.${key}`);
  });
});

describe('onlyRegistered', () => {
  const definitions = async (call: { call?: { functionKey?: unknown } }) => call.call?.functionKey;
  const resolver = onlyRegistered(definitions, new Set(['getAppStatus']));

  it('passes a registered name through', async () => {
    await expect(resolver({ call: { functionKey: 'getAppStatus' } }, {})).resolves.toBe('getAppStatus');
  });

  it.each(['constructor', 'toString', '__proto__', 'valueOf', 'nope'])(
    'answers %s with the unknown-resolver error',
    async (name) => {
      await expect(resolver({ call: { functionKey: name } }, {})).rejects.toThrow(
        `Resolver has no definition for '${name}'.`,
      );
    },
  );
});

describe('siteCloudIdOf', () => {
  it("reads the installed site's cloud id from Forge's installContext", () => {
    expect(siteCloudIdOf({ installContext: 'ari:cloud:jira::site/abc-123' })).toBe('abc-123');
  });

  it('refuses to run without one', () => {
    expect(() => siteCloudIdOf({})).toThrow(/installContext/);
  });
});

describe('API keys', () => {
  it.each([
    'ATCTT3xFfGN0abcdefghijklmnop',
    'ATATT3xFfGF0aBcDeFgHiJkLmNoP',
    'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3',
  ])('recognises %s as a key', (value) => {
    expect(looksLikeApiKey(value)).toBe(true);
  });

  it.each(['0b1a2c3d-4e5f-6789-abcd-ef0123456789', '-', 'my-directory-01'])(
    'does not take the id %s for a key',
    (id) => {
      expect(looksLikeApiKey(id)).toBe(false);
    },
  );

  it('removes a key from a message', () => {
    expect(withoutApiKeys('bad key ATCTT3xFfGN0abcdefghijklmnop here')).toBe('bad key [redacted key] here');
  });
});
