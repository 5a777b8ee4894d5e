import type { Route, SandboxRequest, SandboxResponse } from '../http/types';
import type { JiraCaller } from './auth';

/** A Jira operation: like a sandbox route, but its handler is told who is calling. */
export interface JiraRoute {
  method: Route['method'];
  path: string;
  /** Operations Jira documents as accessible anonymously. */
  allowsAnonymous?: boolean;
  handler: (req: SandboxRequest, caller: JiraCaller) => SandboxResponse;
}
