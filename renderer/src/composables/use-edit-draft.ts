import { ref, watch, type Ref } from 'vue'

/**
 * The text of a stored value being edited in place: starts as `toText(source())` and is replaced
 * whenever the stored value changes (after a save, or a refresh from elsewhere), dropping the draft.
 */
export function useEditDraft<T>(source: () => T, toText: (value: T) => string): Ref<string> {
  const draft = ref(toText(source()))
  watch(source, (value) => {
    draft.value = toText(value)
  })
  return draft
}
