/**
 * The IPC adapter of the lab API: one `ipcMain.handle` per contract method (channels derived from
 * the contract, never written by hand) that hands the payload and the sending frame's URL to the
 * dispatcher, which checks the sender, validates and answers with an envelope; and the event
 * stream to the window. All logic lives in the (Node-tested) dispatcher.
 */
import type { IpcMain, WebContents } from 'electron'
import { API_METHODS, EVENT_CHANNEL, methodChannel } from '../contract/api'
import type { ApiDispatch } from '../services/api-dispatcher'
import { forwardApiEvents, type ApiEventSources } from '../services/api-handlers'

/** Registers every contract method; returns the function that removes the handlers. */
export function registerLabApiIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: ApiDispatch,
): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(methodChannel(method), (event, payload: unknown) =>
      dispatch(method, payload, { url: event.senderFrame?.url }),
    )
  }
  return () => API_METHODS.forEach((method) => ipcMain.removeHandler(methodChannel(method)))
}

/** Sends every API event to the current window's renderer; returns the function that stops. */
export function forwardLabApiEvents(
  events: ApiEventSources,
  target: () => WebContents | undefined,
): () => void {
  const forwarding = forwardApiEvents(events, (message) => {
    const contents = target()
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, message)
  })
  return () => forwarding.dispose()
}
