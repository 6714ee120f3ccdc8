import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { RunDetail } from '../../../../../main/contract/api'
import type { RunBounds } from '../../../../../engine/results/run-bounds'
import type { RunResult } from '../../../../../engine/results/run-result'
import CompareBoundTable from '../../../../../renderer/src/components/compare/CompareBoundTable.vue'
import { fakeRun } from '../../../support/fake-lab-api'

const busBound = (senderBus: number): RunBounds => ({
  shares: {
    senderCpu: 0.12,
    senderBus,
    wire: 0.7,
    receiverCpu: 0.3,
    sendBuffer: 0,
    receiveWindow: 0,
    congestionWindow: 0,
    transmitQueue: 1,
  },
  limiter: 'senderBus',
  explanation: '',
})

function detail(id: string, config: 'xen' | 'vlro', throughputMbps: number, acks: number): RunDetail {
  const result = {
    throughputMbps,
    counters: { 'tcp.receiver.acks': acks, 'nic.framesReceived': 1000 },
    bounds: busBound(1),
  } as unknown as RunResult
  const summary = fakeRun(id)
  return { ...summary, config, spec: { ...summary.spec, config }, result }
}

describe('CompareBoundTable.vue', () => {
  const runs = [detail('x', 'xen', 533, 500), detail('v', 'vlro', 577, 217)]

  it('names the bound of every run with the share of time each resource was saturated', () => {
    const wrapper = mount(CompareBoundTable, { props: { runs, baselineRunId: 'x' } })
    const rows = wrapper.findAll('[data-testid="bound-table"] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain("the sender NIC's bus")
    expect(rows[0].text()).toContain('100 %')
    expect(rows[1].text()).toContain('0.22')
  })

  it('says why a run is faster than the baseline: fewer ACKs on the bound sender', () => {
    const wrapper = mount(CompareBoundTable, { props: { runs, baselineRunId: 'x' } })
    const text = wrapper.find('[data-testid="bound-explanations"]').text()
    expect(text).toMatch(
      /vlro MTU 1500 16384 B s1 is faster than xen MTU 1500 16384 B s1 \(\+8\.3 %\) because both are bound by the sender NIC's bus/,
    )
    expect(text).toMatch(/0\.22 ACKs per frame against 0\.50/)
  })
})
