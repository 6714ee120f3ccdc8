import { defineStore } from 'pinia'
import { ref } from 'vue'

/** The four views of the bench. */
export const VIEWS = ['design', 'live', 'history', 'compare'] as const
export type ViewName = (typeof VIEWS)[number]

/** Which view is shown; mirrored in `location.hash` so reloads and links keep the view. */
export const useNavigationStore = defineStore('navigation', () => {
  const initial = location.hash.replace('#', '') as ViewName
  /** The visible view. */
  const view = ref<ViewName>((VIEWS as readonly string[]).includes(initial) ? initial : 'design')

  /** Shows a view. */
  function show(next: ViewName): void {
    view.value = next
    if (location.hash !== `#${next}`) history.replaceState(null, '', `#${next}`)
  }

  return { view, show }
})
