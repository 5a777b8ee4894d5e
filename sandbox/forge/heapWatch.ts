import v8 from 'node:v8';
import vm from 'node:vm';

const MB = 1024 * 1024;
let collectGarbage: (() => void) | undefined;
/** The heap right after the last full collection this module made: what was live then (none made yet: -1). */
let heapAfterLastGc = -1;

/** A full garbage collection, so a heap measure counts live objects only (gc exposed at runtime, once). */
function fullGc(): void {
  if (!collectGarbage) {
    v8.setFlagsFromString('--expose-gc');
    collectGarbage = vm.runInNewContext('gc') as () => void;
  }
  collectGarbage();
  heapAfterLastGc = heapUsed();
}

/**
 * One invocation's heap, measured as growth of the process heap above what it was when the invocation started
 * (the app runs in-process, so this is the measure available; see ADR 0015). A sample over the limit is confirmed
 * after a full garbage collection, so uncollected garbage never fails an invocation. Garbage present at the start
 * would be freed by that collection and hide as much growth, so an invocation starts with a collection when more
 * than a quarter of its limit has piled up since the last one.
 */
export class HeapWatch {
  private readonly baseline: number;
  private peakBytes = 0;
  /** A sample over the limit is confirmed by a full collection only once the heap has grown this far. */
  private nextConfirmAt: number;

  constructor(private readonly limitMb: number) {
    if (heapAfterLastGc < 0 || heapUsed() - heapAfterLastGc > (limitMb * MB) / 4) fullGc();
    this.baseline = heapUsed();
    this.nextConfirmAt = limitMb * MB;
  }

  /**
   * Samples the heap; true when the invocation's live heap is over its limit. A sample over the limit is
   * confirmed by a full collection; if that frees enough, the next confirmation waits until the heap has grown
   * another sixteenth of the limit, so a heap full of garbage costs one collection per sixteenth allocated.
   */
  overLimit(): boolean {
    const limitBytes = this.limitMb * MB;
    const growth = this.growth();
    if (growth <= limitBytes) {
      this.peakBytes = Math.max(this.peakBytes, growth);
      return false;
    }
    if (growth < this.nextConfirmAt) return false;
    fullGc();
    const live = this.growth();
    this.peakBytes = Math.max(this.peakBytes, live);
    this.nextConfirmAt = live + limitBytes / 16;
    return live > limitBytes;
  }

  peakMb(): number {
    return Math.round((this.peakBytes / MB) * 10) / 10;
  }

  private growth(): number {
    return Math.max(0, heapUsed() - this.baseline);
  }
}

function heapUsed(): number {
  return v8.getHeapStatistics().used_heap_size;
}
