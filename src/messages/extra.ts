/** Texts of the adapters and publishers; each area adds its own file and spreads it here. */
export const extra: Record<string, string> = {};
