import { FORGE_LIMITS } from '../../src/platform/forgeLimits';

/** Forge's bridge `invoke` limits: the request payload and the resolver's response, as serialised JSON. */
export const INVOKE_REQUEST_LIMIT_BYTES = FORGE_LIMITS.bridge.maxInvokeRequestBytes;
export const INVOKE_RESPONSE_LIMIT_BYTES = FORGE_LIMITS.bridge.maxInvokeResponseBytes;

/** Why an invoke payload is over Forge's limit, or undefined when it fits. */
export function invokeRequestTooLarge(payload: unknown): string | undefined {
  const bytes = jsonBytes(payload);
  return bytes > INVOKE_REQUEST_LIMIT_BYTES
    ? `The invoke payload is ${bytes} bytes; Forge accepts at most 500 KB (${INVOKE_REQUEST_LIMIT_BYTES} bytes) per invoke request.`
    : undefined;
}

/** Why a resolver's response is over Forge's limit, or undefined when it fits. */
export function invokeResponseTooLarge(functionKey: string, body: unknown): string | undefined {
  const bytes = jsonBytes(body);
  return bytes > INVOKE_RESPONSE_LIMIT_BYTES
    ? `The response of '${functionKey}' is ${bytes} bytes; Forge returns at most 5 MB (${INVOKE_RESPONSE_LIMIT_BYTES} bytes) to an invoke.`
    : undefined;
}

export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text);
}
