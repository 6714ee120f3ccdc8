/**
 * Archives and CSV. In the Electron app the user picks files through the injected `FileDialogs`;
 * in browser mode (no dialogs) files travel as base64 bytes in the request and the answer, and the
 * service uses a private temporary folder for the SQLite file the store reads or writes.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AppError,
  type ArchiveExportResult,
  type ArchiveImportResult,
  type CsvExportResult,
  type RunFilter,
} from '../contract/api'
import { ArchiveError, type RunStore } from '../store/run-store'
import type { Clock } from './clock'

/** A file-type filter for the dialogs. */
export interface FileFilter {
  name: string
  extensions: string[]
}

/** File pickers (Electron's dialogs in the app). Both resolve undefined when the user cancels. */
export interface FileDialogs {
  chooseSavePath(options: {
    title: string
    defaultFileName: string
    filters: FileFilter[]
  }): Promise<string | undefined>
  chooseOpenPath(options: { title: string; filters: FileFilter[] }): Promise<string | undefined>
}

/** The store operations the archive service needs. */
export type ArchiveStore = Pick<
  RunStore,
  'exportArchive' | 'importArchive' | 'runsCsv' | 'getExperiment' | 'listRuns'
>

/** Archive file extension (a SQLite database with the store's schema). */
export const ARCHIVE_EXTENSION = 'lrolab'
const ARCHIVE_FILTERS: FileFilter[] = [
  { name: 'LRO Lab Bench archive', extensions: [ARCHIVE_EXTENSION, 'sqlite', 'db'] },
  { name: 'All files', extensions: ['*'] },
]
const CSV_FILTERS: FileFilter[] = [{ name: 'CSV', extensions: ['csv'] }]

/** Exports and imports archives, and exports run tables as CSV. */
export class ArchiveService {
  constructor(
    private readonly store: ArchiveStore,
    private readonly clock: Clock,
    /** Absent in browser mode: files then travel as bytes. */
    private readonly dialogs?: FileDialogs,
  ) {}

  private stampedFileName(stem: string, extension: string): string {
    const stamp = new Date(this.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
    return `${stem}-${stamp}.${extension}`
  }

  async exportArchive(experimentIds?: string[]): Promise<ArchiveExportResult> {
    for (const id of experimentIds ?? []) {
      if (!this.store.getExperiment(id)) throw AppError.notFound('experiment', id)
    }
    const fileName = this.stampedFileName('lro-labbench', ARCHIVE_EXTENSION)
    if (this.dialogs) {
      const path = await this.dialogs.chooseSavePath({
        title: 'Export archive',
        defaultFileName: fileName,
        filters: ARCHIVE_FILTERS,
      })
      if (path === undefined) return { kind: 'cancelled', experiments: 0, runs: 0 }
      const report = this.store.exportArchive(path, experimentIds)
      return { kind: 'saved', path, ...report }
    }
    return this.withTemporaryFolder(async (folder) => {
      const path = join(folder, fileName)
      const report = this.store.exportArchive(path, experimentIds)
      const bytes = await readFile(path)
      return {
        kind: 'download',
        fileName,
        mimeType: 'application/vnd.sqlite3',
        bytesBase64: bytes.toString('base64'),
        ...report,
      }
    })
  }

  async importArchive(
    request: { bytesBase64?: string; fileName?: string } = {},
  ): Promise<ArchiveImportResult> {
    if (request.bytesBase64 !== undefined) {
      const bytes = Buffer.from(request.bytesBase64, 'base64')
      return this.withTemporaryFolder(async (folder) => {
        const path = join(folder, `import.${ARCHIVE_EXTENSION}`)
        await writeFile(path, bytes)
        return this.importFrom(path)
      })
    }
    if (!this.dialogs) {
      throw AppError.validation([
        { path: 'bytesBase64', message: 'required in browser mode (the archive bytes)' },
      ])
    }
    const path = await this.dialogs.chooseOpenPath({ title: 'Import archive', filters: ARCHIVE_FILTERS })
    if (path === undefined) return { kind: 'cancelled' }
    return this.importFrom(path)
  }

  private importFrom(path: string): ArchiveImportResult {
    try {
      return { kind: 'imported', ...this.store.importArchive(path) }
    } catch (error) {
      if (error instanceof ArchiveError) throw new AppError('IMPORT_REJECTED', error.message)
      throw error
    }
  }

  async exportCsv(request: { runIds?: string[]; filter?: RunFilter } = {}): Promise<CsvExportResult> {
    const filter: RunFilter = request.runIds
      ? { ...request.filter, ids: request.runIds }
      : { ...request.filter }
    const csv = this.store.runsCsv(filter)
    // Count rows in SQL: CSV fields (notes) may contain line breaks.
    const total = this.store.listRuns({ ...filter, limit: 1, offset: 0 }).total
    const rows = Math.max(0, Math.min(total - (filter.offset ?? 0), filter.limit ?? total))
    const fileName = this.stampedFileName('lro-labbench-runs', 'csv')
    if (this.dialogs) {
      const path = await this.dialogs.chooseSavePath({
        title: 'Export CSV',
        defaultFileName: fileName,
        filters: CSV_FILTERS,
      })
      if (path === undefined) return { kind: 'cancelled', rows: 0 }
      await writeFile(path, csv, 'utf8')
      return { kind: 'saved', path, rows }
    }
    return {
      kind: 'download',
      fileName,
      mimeType: 'text/csv',
      bytesBase64: Buffer.from(csv, 'utf8').toString('base64'),
      rows,
    }
  }

  private async withTemporaryFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
    const folder = await mkdtemp(join(tmpdir(), 'lro-labbench-'))
    try {
      return await work(folder)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
}
