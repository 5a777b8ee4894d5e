import type { TrafficControl } from '../http/server';
import { FaultInjector } from './faults';
import type { LatencyProfile } from './latency';
import { TrafficStats } from './stats';

export interface MutableTrafficControl extends TrafficControl {
  setLatency(profile: LatencyProfile): void;
}

export function createTrafficControl(latency: LatencyProfile = {}): MutableTrafficControl {
  let profile = latency;
  return {
    stats: new TrafficStats(),
    faults: new FaultInjector(),
    latency: () => profile,
    setLatency: (p) => {
      profile = p;
    },
  };
}
