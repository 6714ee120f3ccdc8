/**
 * Run statuses as the store defines them (`main/store/types.ts`), repeated here as a value because
 * the renderer may only import the contract's types, never main-process modules.
 */
export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const
