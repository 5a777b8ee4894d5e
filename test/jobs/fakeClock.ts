import type { Clock } from '../../src/platform/ports';

export class FakeClock implements Clock {
  private ms: number;

  constructor(start = Date.parse('2025-03-01T09:00:00Z')) {
    this.ms = start;
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
