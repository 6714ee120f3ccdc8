/**
 * Named parameter sets and saved comparison views. Parameter values are checked against the
 * registry (known id, in range, whole where required) before anything is stored; the built-in
 * `default` set is listed but cannot be overwritten or deleted.
 */
import { defaultValues, parameterRegistry } from '../../engine/params/registry'
import { defaultParameterSet } from '../../engine/params/sets/default'
import {
  AppError,
  type ComparisonViewRecord,
  type FieldIssue,
  type ParameterSetRecord,
} from '../contract/api'
import type { RunStore } from '../store/run-store'
import type { ComparisonViewInput, ParameterSetInput } from '../store/types'
import { DEFAULT_PARAMETER_SET } from './experiment-plan'
import { parseScopedId } from '../../engine/params/environment-scoped'
import { parameterValueProblem } from '../../engine/params/value-check'

/** The values of the built-in `default` set: the registry defaults with the set's own on top. */
export function builtInSetValues(): Record<string, number> {
  return { ...defaultValues(), ...defaultParameterSet.values }
}

/** The store operations the library needs. */
export type LibraryStore = Pick<RunStore, 'library'>

/** Checks parameter values against the registry; returns one issue per bad value. */
export function parameterValueIssues(values: Record<string, number>, pathPrefix = 'values'): FieldIssue[] {
  const issues: FieldIssue[] = []
  for (const [key, value] of Object.entries(values)) {
    const path = `${pathPrefix}.${key}`
    let id = key
    try {
      id = parseScopedId(key)?.id ?? key
    } catch (error) {
      issues.push({ path, message: error instanceof Error ? error.message : String(error) })
      continue
    }
    const spec = parameterRegistry.get(id)
    if (!spec) {
      issues.push({ path, message: `unknown parameter id "${id}"` })
      continue
    }
    const problem = parameterValueProblem(spec, value)
    if (problem !== null) issues.push({ path, message: problem })
  }
  return issues
}

/** Parameter sets and saved comparison views. */
export class LibraryService {
  constructor(private readonly store: LibraryStore) {}

  private builtInDefaultSet(): ParameterSetRecord {
    return {
      name: DEFAULT_PARAMETER_SET,
      values: builtInSetValues(),
      provenance: { builtIn: true, description: defaultParameterSet.description },
      createdMs: 0,
    }
  }

  listParameterSets(): ParameterSetRecord[] {
    const stored = this.store.library.listParameterSets().filter((set) => set.name !== DEFAULT_PARAMETER_SET)
    return [this.builtInDefaultSet(), ...stored]
  }

  getParameterSet(name: string): ParameterSetRecord {
    if (name === DEFAULT_PARAMETER_SET) return this.builtInDefaultSet()
    const set = this.store.library.getParameterSet(name)
    if (!set) throw AppError.notFound('parameter set', name)
    return set
  }

  saveParameterSet(input: ParameterSetInput): ParameterSetRecord {
    if (input.name === DEFAULT_PARAMETER_SET) {
      throw new AppError(
        'CONFLICT',
        `"${DEFAULT_PARAMETER_SET}" is the built-in set; save under another name`,
      )
    }
    const issues = parameterValueIssues(input.values)
    if (issues.length > 0) throw AppError.validation(issues, 'Invalid parameter set')
    return this.store.library.saveParameterSet(input)
  }

  deleteParameterSet(name: string): void {
    if (name === DEFAULT_PARAMETER_SET) {
      throw new AppError('CONFLICT', `"${DEFAULT_PARAMETER_SET}" is the built-in set and cannot be deleted`)
    }
    if (!this.store.library.deleteParameterSet(name)) throw AppError.notFound('parameter set', name)
  }

  listViews(): ComparisonViewRecord[] {
    return this.store.library.listComparisonViews()
  }

  saveView(input: ComparisonViewInput): ComparisonViewRecord {
    if (input.baselineRunId && !input.runIds.includes(input.baselineRunId)) {
      throw AppError.validation([{ path: 'baselineRunId', message: 'must be one of runIds' }])
    }
    if (input.id !== undefined && !this.store.library.getComparisonView(input.id)) {
      throw AppError.notFound('view', input.id)
    }
    return this.store.library.saveComparisonView(input)
  }

  deleteView(id: string): void {
    if (!this.store.library.deleteComparisonView(id)) throw AppError.notFound('view', id)
  }
}
