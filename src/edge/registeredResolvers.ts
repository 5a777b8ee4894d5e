type ResolverCall = { call?: { functionKey?: unknown } };

/**
 * Lets through only calls to the names in `names`. @forge/resolver looks names up with `in`, so a call to an
 * inherited name (`constructor`, `toString`, `__proto__`) would reach Object's own members; those get the same
 * error as any unknown name.
 */
export function onlyRegistered<A extends ResolverCall, B, R>(
  definitions: (call: A, backendRuntimePayload: B) => Promise<R>,
  names: ReadonlySet<string>,
): (call: A, backendRuntimePayload: B) => Promise<R> {
  return async (call, backendRuntimePayload) => {
    const key = call?.call?.functionKey;
    if (typeof key !== 'string' || !names.has(key)) {
      throw new Error(`Resolver has no definition for '${String(key)}'.`);
    }
    return definitions(call, backendRuntimePayload);
  };
}
