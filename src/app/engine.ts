import { analyseJob } from './analysis/analyse';
import { runJob } from './runs/run';
import { scanJob } from './scan/scan';
import { buildServices, type Platform, type Services } from './services';
import { undoJob } from './undo/undoJob';

/** The use cases over a platform, with every job kind the queue consumer can be handed. */
export function buildEngine(platform: Platform): Services {
  return buildServices(platform, (services) => [
    scanJob(services),
    analyseJob(services),
    runJob(services),
    undoJob(services),
  ]);
}
