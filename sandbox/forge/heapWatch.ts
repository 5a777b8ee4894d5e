import v8 from 'node:v8';
import vm from 'node:vm';

const MB = 1024 * 1024;
let collectGarbage: (() => void) | undefined;

/** A full garbage collection, so a heap measure counts live objects only (gc exposed at runtime, once). */
function fullGc(): void {
  if (!collectGarbage) {
    v8.setFlagsFromString('--expose-gc');
    collectGarbage = vm.runInNewContext('gc') as () => void;
  }
  collectGarbage();
}

/**
 * One invocation's heap, measured as growth of the process heap above what it was when the invocation started
 * (the app runs in-process, so this is the measure available; see ADR 0015). A sample over the limit is confirmed
 * after a full garbage collection, so uncollected garbage never fails an invocation.
 */
export class HeapWatch {
  private readonly baseline = process.memoryUsage().heapUsed;
  private peakBytes = 0;

  constructor(private readonly limitMb: number) {}

  /** Samples the heap; true when the invocation's live heap is over its limit. */
  overLimit(): boolean {
    let growth = this.growth();
    if (growth > this.limitMb * MB) {
      fullGc();
      growth = this.growth();
    }
    this.peakBytes = Math.max(this.peakBytes, growth);
    return growth > this.limitMb * MB;
  }

  peakMb(): number {
    return Math.round((this.peakBytes / MB) * 10) / 10;
  }

  private growth(): number {
    return Math.max(0, process.memoryUsage().heapUsed - this.baseline);
  }
}
