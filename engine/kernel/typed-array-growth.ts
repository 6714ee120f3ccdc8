/**
 * Growth of the struct-of-arrays stores (event slots, packet records): a larger typed array holding
 * the old contents, so a store doubles when full instead of allocating per record.
 */

/** A Float64Array of `capacity` entries starting with `source`'s. */
export function grownFloat64(source: Float64Array, capacity: number): Float64Array {
  const grown = new Float64Array(capacity)
  grown.set(source)
  return grown
}

/** An Int32Array of `capacity` entries starting with `source`'s. */
export function grownInt32(source: Int32Array, capacity: number): Int32Array {
  const grown = new Int32Array(capacity)
  grown.set(source)
  return grown
}

/** A Uint8Array of `capacity` entries starting with `source`'s. */
export function grownUint8(source: Uint8Array, capacity: number): Uint8Array {
  const grown = new Uint8Array(capacity)
  grown.set(source)
  return grown
}
