import { FORGE_QUEUE_LIMITS } from './queueLimits';
import type { QueueReply } from './queueTypes';

const QUEUE_NAME_PATTERN = /^[a-zA-Z0-9-_]+$/;

/** A queue request the emulated platform refuses, with the reply `@forge/events` expects for it. */
export class QueueRequestError extends Error {
  constructor(readonly reply: QueueReply) {
    super(JSON.stringify(reply.body));
    this.name = 'QueueRequestError';
  }
}

export interface PushedEvent {
  body: Record<string, unknown>;
  delayInSeconds: number;
  /** The event's JSON as pushed, in bytes. */
  bytes: number;
}

export interface PushRequest {
  queueName: string;
  jobId: string;
  events: PushedEvent[];
}

export interface JobRequest {
  queueName: string;
  jobId: string;
}

/** The body `Queue.push` posts: `{ queueName, jobId, type, schema, payload: [{ body, delayInSeconds? }], time }`. */
export function pushRequest(body: unknown): PushRequest {
  const { queueName, jobId } = jobRequest(body, 'push');
  const payload = (body as Record<string, unknown>).payload;
  if (!Array.isArray(payload) || payload.length === 0) {
    throw invalid('push: payload must be a non-empty array of events');
  }
  if (payload.length > FORGE_QUEUE_LIMITS.maxEventsPerPush) {
    throw invalid(
      `push: this push contains ${payload.length} events; at most ${FORGE_QUEUE_LIMITS.maxEventsPerPush} are allowed`,
    );
  }
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  if (bytes > FORGE_QUEUE_LIMITS.maxPushPayloadBytes) {
    throw new QueueRequestError({
      status: 413,
      body: {
        errorMessage: `The push payload is ${bytes} bytes; the maximum payload size is ${FORGE_QUEUE_LIMITS.maxPushPayloadBytes / 1024}KB.`,
      },
    });
  }
  return { queueName, jobId, events: payload.map(pushedEvent) };
}

/** The body `getStats` and `cancel` post: `{ queueName, jobId, time }`. */
export function jobRequest(body: unknown, what: string): JobRequest {
  if (typeof body !== 'object' || body === null) {
    throw invalid(`${what}: request body must be a JSON object`);
  }
  const { queueName, jobId } = body as Record<string, unknown>;
  if (typeof queueName !== 'string' || !QUEUE_NAME_PATTERN.test(queueName)) {
    throw invalid(`${what}: queueName ${JSON.stringify(queueName)} is not a valid queue name`);
  }
  if (typeof jobId !== 'string' || jobId === '') {
    throw invalid(`${what}: jobId must be a non-empty string`);
  }
  return { queueName, jobId };
}

function pushedEvent(event: unknown, index: number): PushedEvent {
  const record = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
  const { body, delayInSeconds = 0 } = record;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(`push: event ${index} needs an object body`);
  }
  if (
    typeof delayInSeconds !== 'number' ||
    delayInSeconds < 0 ||
    delayInSeconds > FORGE_QUEUE_LIMITS.maxDelaySeconds
  ) {
    throw invalid(
      `push: event ${index} has delayInSeconds ${JSON.stringify(delayInSeconds)}; it must be between 0 and ${FORGE_QUEUE_LIMITS.maxDelaySeconds}`,
    );
  }
  return {
    body: body as Record<string, unknown>,
    delayInSeconds,
    bytes: Buffer.byteLength(JSON.stringify(event)),
  };
}

function invalid(message: string): QueueRequestError {
  return new QueueRequestError({ status: 400, body: { code: 'INVALID_REQUEST', message } });
}
