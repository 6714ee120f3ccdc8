import { describe, expect, it } from 'vitest'
import { SackScoreboard, SegmentTag } from '../../../../engine/model/net/sack-scoreboard'

const MSS = 100

/** A queue of `count` full segments starting at 0. */
function queueOf(count: number): SackScoreboard {
  const queue = new SackScoreboard(4)
  for (let i = 1; i <= count; i++) queue.push(i * MSS)
  return queue
}

describe('SackScoreboard', () => {
  it('tags only segments a block covers completely and counts fackets up to the highest', () => {
    const queue = queueOf(10)
    expect(queue.tagSackBlock(150, 400, 0)).toBe(2)
    expect(queue.sackedOut).toBe(2)
    expect(queue.facketsOut).toBe(4)
    expect(queue.tagSackBlock(200, 400, 0)).toBe(0)
    expect(queue.inFlight).toBe(8)
  })

  it('marks the head lost up to a count (FACK), skipping SACKed segments, and computes the pipe', () => {
    const queue = queueOf(10)
    queue.tagSackBlock(100, 200, 0)
    queue.tagSackBlock(500, 700, 0)
    queue.markHeadLost(queue.facketsOut - 3, Infinity)
    expect([0, 1, 2, 3].map((i) => queue.tagAt(i))).toEqual([
      SegmentTag.Lost,
      SegmentTag.Sacked,
      SegmentTag.Lost,
      SegmentTag.Lost,
    ])
    expect(queue.lostOut).toBe(3)
    // 10 out, 3 SACKed, 3 lost: 4 in flight; a retransmission adds one.
    expect(queue.inFlight).toBe(4)
    queue.markRetransmitted(0, 1000)
    expect(queue.inFlight).toBe(5)
    // SACK of the lost-and-retransmitted segment: it is neither lost nor in flight any more.
    queue.tagSackBlock(0, 100, 0)
    expect(queue.lostOut).toBe(2)
    expect(queue.retransOut).toBe(0)
    expect(queue.inFlight).toBe(4)
  })

  it('finds a lost retransmission once data sent after it is SACKed', () => {
    const queue = queueOf(10)
    queue.markHeadLost(1, Infinity)
    queue.markRetransmitted(0, 1000)
    expect(queue.markLostRetransmits(900, 0)).toBe(0)
    queue.push(1100)
    expect(queue.markLostRetransmits(1100, 0)).toBe(1)
    expect(queue.tagAt(0)).toBe(SegmentTag.Lost)
    expect(queue.retransOut).toBe(0)
  })

  it('keeps SACKed segments and marks the rest lost on a timeout; releases tags with the ACK', () => {
    const queue = queueOf(6)
    queue.tagSackBlock(200, 400, 0)
    queue.markHeadLost(1, Infinity)
    queue.markRetransmitted(0, 600)
    queue.enterLoss()
    expect([0, 1, 2, 3, 4, 5].map((i) => queue.tagAt(i))).toEqual([2, 2, 1, 1, 2, 2])
    expect([queue.sackedOut, queue.lostOut, queue.retransOut, queue.facketsOut]).toEqual([2, 4, 0, 4])
    expect(queue.releaseAcked(400)).toBe(4)
    expect([queue.sackedOut, queue.lostOut, queue.facketsOut, queue.size]).toEqual([0, 2, 0, 2])
    queue.releaseAcked(600)
    expect([queue.size, queue.inFlight, queue.lostOut]).toEqual([0, 0, 0])
  })

  it('grows past its initial capacity without losing entries or tags', () => {
    const queue = new SackScoreboard(16)
    for (let i = 1; i <= 10; i++) queue.push(i * MSS)
    queue.releaseAcked(800)
    for (let i = 11; i <= 40; i++) queue.push(i * MSS)
    queue.tagSackBlock(1000, 1100, 800)
    expect(queue.size).toBe(32)
    expect(queue.endAt(31)).toBe(4000)
    expect(queue.tagAt(2)).toBe(SegmentTag.Sacked)
  })
})
