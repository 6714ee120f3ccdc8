import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { useEditDraft } from '../../../../renderer/src/composables/use-edit-draft'

describe('useEditDraft', () => {
  it('starts from the stored value and follows it, dropping the draft', async () => {
    const stored = ref(['a', 'b'])
    const draft = useEditDraft(
      () => stored.value,
      (tags) => tags.join(', '),
    )
    expect(draft.value).toBe('a, b')
    draft.value = 'typed'
    await nextTick()
    expect(draft.value).toBe('typed')
    stored.value = ['c']
    await nextTick()
    expect(draft.value).toBe('c')
  })

  it('resets on a new stored value even when its text is the same', async () => {
    const stored = ref(['a'])
    const draft = useEditDraft(
      () => stored.value,
      (tags) => tags.join(', '),
    )
    draft.value = 'a, b'
    stored.value = ['a']
    await nextTick()
    expect(draft.value).toBe('a')
  })
})
