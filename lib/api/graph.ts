import type { MeshGraph } from '../graph/types';
import type { Finding } from '../validate/types';

/** GET /api/graph: the graph as the screen draws it, of what the person may see. */
export interface GraphAnswer extends MeshGraph {
  sequence: number;
}

/** GET /api/findings: the rules' findings on what the person may see. */
export interface FindingsAnswer {
  sequence: number;
  findings: Finding[];
}
