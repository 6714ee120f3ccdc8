/**
 * Tables of the ziggurat method for the standard exponential distribution (Marsaglia & Tsang, "The
 * Ziggurat Method for Generating Random Variables", J. Statistical Software 5(8), 2000; the method
 * numpy's `Generator.standard_exponential` uses). The density is covered by 256 layers of equal
 * area; a draw picks a layer with 8 random bits and a point in it with 24 more, and about 98.9 % of
 * draws lie inside the layer's rectangle under the curve and need one multiplication. Only the
 * others (wedges and the tail beyond R) call `Math.log` / `Math.exp`.
 *
 * Layer index and position come from disjoint bits of one 32-bit draw (low 8 bits, high 24 bits),
 * avoiding the index/value correlation of the original (Doornik, "An Improved Ziggurat Method",
 * 2005).
 */

/** Layers. */
export const ZIGGURAT_LAYERS = 256
/** Right edge of the base layer, R, for 256 layers (Marsaglia & Tsang, table for REXP). */
export const ZIGGURAT_TAIL_START = 7.697117470131487
/** Area of each layer, v. */
const LAYER_AREA = 3.949659822581572e-3
/** The 24-bit position scale. */
const POSITION_SCALE = 16_777_216

/**
 * ke[i]: the 24-bit position below which a point of layer i lies inside the rectangle under the
 * curve (accept at once); we[i]: position to x; fe[i]: the density at the layer's right edge.
 */
export interface ZigguratTables {
  readonly ke: Uint32Array
  readonly we: Float64Array
  readonly fe: Float64Array
}

function buildTables(): ZigguratTables {
  const ke = new Uint32Array(ZIGGURAT_LAYERS)
  const we = new Float64Array(ZIGGURAT_LAYERS)
  const fe = new Float64Array(ZIGGURAT_LAYERS)
  let de = ZIGGURAT_TAIL_START
  let te = de
  const q = LAYER_AREA / Math.exp(-de)
  ke[0] = Math.floor((de / q) * POSITION_SCALE)
  ke[1] = 0
  we[0] = q / POSITION_SCALE
  we[ZIGGURAT_LAYERS - 1] = de / POSITION_SCALE
  fe[0] = 1
  fe[ZIGGURAT_LAYERS - 1] = Math.exp(-de)
  for (let i = ZIGGURAT_LAYERS - 2; i >= 1; i--) {
    de = -Math.log(LAYER_AREA / de + Math.exp(-de))
    ke[i + 1] = Math.floor((de / te) * POSITION_SCALE)
    te = de
    fe[i] = Math.exp(-de)
    we[i] = de / POSITION_SCALE
  }
  return { ke, we, fe }
}

/** The tables, built once per process (pure arithmetic: the same on every machine). */
export const zigguratTables: ZigguratTables = buildTables()
