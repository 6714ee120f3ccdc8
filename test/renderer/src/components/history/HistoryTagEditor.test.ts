import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import HistoryNoteEditor from '../../../../../renderer/src/components/history/HistoryNoteEditor.vue'
import HistoryTagEditor from '../../../../../renderer/src/components/history/HistoryTagEditor.vue'

describe('HistoryTagEditor.vue', () => {
  it('saves parsed tags on Enter and not when unchanged', async () => {
    const wrapper = mount(HistoryTagEditor, { props: { tags: ['a'], label: 'Tags' } })
    await wrapper.get('input').trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('save')).toBeUndefined()
    await wrapper.get('input').setValue('a, paper , a')
    await wrapper.get('input').trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('save')?.[0]).toEqual([['a', 'paper']])
    expect(wrapper.get('input').attributes('aria-label')).toBe('Tags')
  })
})

describe('HistoryNoteEditor.vue', () => {
  it('saves on blur and restores on Escape', async () => {
    const wrapper = mount(HistoryNoteEditor, { props: { notes: 'old', label: 'Notes' } })
    const input = wrapper.get('input')
    await input.setValue('draft')
    await input.trigger('keydown', { key: 'Escape' })
    expect((input.element as HTMLInputElement).value).toBe('old')
    await input.setValue('new note')
    await input.trigger('blur')
    expect(wrapper.emitted('save')?.[0]).toEqual(['new note'])
  })
})
