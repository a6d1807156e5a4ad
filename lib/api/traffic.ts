import type { TrafficWindow } from '../traffic/types';

/** GET /api/traffic/history: the measured share of each destination of one route, over the window. */
export interface ShareHistory {
  window: TrafficWindow;
  /** Seconds between points. */
  step: number;
  /** Oldest first: Unix seconds, and each weight edge's share then (absent: the route had no request). */
  points: Array<{ time: number; shares: Record<string, number> }>;
  /** Set when Prometheus is not configured or did not answer: why (points are then empty). */
  unavailable?: string;
}
