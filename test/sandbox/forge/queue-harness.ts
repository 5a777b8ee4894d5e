import type {
  QueueDelivery,
  QueueDeliveryOutcome,
  QueueEngine,
  QueueEngineOptions,
} from '../../../sandbox/forge/queueEngine';

interface ForgeFetchTarget {
  type: string;
  remote?: string;
}

/** Routes `@forge/events` traffic (stargate `/webhook/queue/...` through `__forge_fetch__`) to `engine`. */
export function routeForgeEventsTo(engine: QueueEngine): void {
  (globalThis as { __forge_fetch__?: unknown }).__forge_fetch__ = async (
    target: ForgeFetchTarget,
    path: string,
    init: { body: string },
  ): Promise<Response> => {
    if (target.remote !== 'stargate') {
      throw new Error(`This test routes only stargate traffic, got ${target.type} ${path}`);
    }
    const reply = await engine.handle(path, JSON.parse(init.body));
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
    });
  };
}

/** A consumer that records every delivery and answers with `outcome` (success unless told otherwise). */
export function recordingConsumer(
  outcome: (delivery: QueueDelivery) => QueueDeliveryOutcome = () => ({ kind: 'success' }),
): { deliveries: QueueDelivery[]; deliver: QueueEngineOptions['deliver'] } {
  const deliveries: QueueDelivery[] = [];
  return {
    deliveries,
    deliver: async (delivery) => {
      deliveries.push(delivery);
      return outcome(delivery);
    },
  };
}

export function numberedEvents(count: number): { body: { n: number } }[] {
  return Array.from({ length: count }, (_, n) => ({ body: { n } }));
}
