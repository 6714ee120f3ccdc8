/** Reads a resolved parameter, failing loudly when the registry did not provide it. */
export function param(values: Readonly<Record<string, number>>, id: string): number {
  const value = values[id]
  if (value === undefined || !Number.isFinite(value))
    throw new Error(`parameter ${id} is missing from the resolved set`)
  return value
}
