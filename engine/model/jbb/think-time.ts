/**
 * Exact Mean Value Analysis (Reiser & Lavenberg 1980) of a closed network: `customers` warehouse
 * threads cycling between one processor-sharing CPU (service demand `demandNs` per transaction) and
 * a delay station (think time `thinkNs`). Returns the CPU utilisation, 0..1.
 */
export function cpuUtilization(customers: number, demandNs: number, thinkNs: number): number {
  let queueLength = 0
  let throughput = 0
  for (let n = 1; n <= customers; n++) {
    const residenceNs = demandNs * (1 + queueLength)
    throughput = n / (residenceNs + thinkNs)
    queueLength = throughput * residenceNs
  }
  return throughput * demandNs
}

/**
 * The mean think time that makes SPECjbb alone use share `load` of one CPU: solves
 * cpuUtilization(warehouses, transactionNs, Z) = load by bisection (utilisation falls as Z grows).
 * This is how the paper throttles SPECjbb: short sleeps in the clients (notes section 8).
 */
export function thinkTimeForLoad(load: number, warehouses: number, transactionNs: number): number {
  if (!(load > 0 && load < 1)) throw new RangeError(`SPECjbb load ${load} must lie strictly between 0 and 1`)
  if (!(warehouses >= 1 && transactionNs > 0)) throw new RangeError('warehouses >= 1 and transactionNs > 0 needed')
  let low = 0
  // U(Z) <= W * D / Z, so at Z = 2 W D / load the utilisation is below load / 2.
  let high = (2 * warehouses * transactionNs) / load
  for (let i = 0; i < 200 && high - low > 1e-9 * high; i++) {
    const middle = (low + high) / 2
    if (cpuUtilization(warehouses, transactionNs, middle) > load) low = middle
    else high = middle
  }
  return (low + high) / 2
}
