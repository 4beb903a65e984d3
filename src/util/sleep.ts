/**
 * Wait `ms` on the wall clock. Only the default of an injectable `sleep` option: tests pass
 * their own, which moves the fake clock instead of waiting.
 */
export const sleep = (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms));
