/** A numbered schema change. Statements must be idempotent (IF NOT EXISTS) so that a re-run is harmless. */
export interface Migration {
  /** Zero-padded sequence number; migrations run in this order. */
  id: string;
  name: string;
  statements: string[];
}
