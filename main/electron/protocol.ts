import { protocol, type Session } from 'electron'
import { createAppProtocolHandler } from './app-protocol-handler'
import { APP_SCHEME } from './app-scheme'

/**
 * Declares app:// as a privileged scheme. Electron only accepts this before the `ready` event,
 * so the composition root calls it at module load. `standard` gives the scheme URL semantics and
 * an origin, `secure` makes it a secure context, `supportFetchAPI` and `corsEnabled` let Vite's
 * `<script type="module" crossorigin>` tags load.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ])
}

/** Serves the built renderer in `rendererDir` on app:// for the given session. */
export function registerAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir))
}
