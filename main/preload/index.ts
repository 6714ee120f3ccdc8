/**
 * The preload (built as CommonJS: sandboxed preloads cannot be ES modules). It exposes exactly one
 * object, `window.api`, generated from a method list; no Node or Electron object crosses the bridge.
 */
import { exposeLabApi } from './expose-lab-api'

exposeLabApi()
