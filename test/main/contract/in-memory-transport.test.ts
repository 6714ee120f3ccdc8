import { createLabApiClient } from '../../../main/contract/client-proxy'
import { createApiDispatcher } from '../../../main/services/api-dispatcher'
import { createInMemoryTransport } from '../../../main/services/in-memory-transport'
import { defineContractSuite } from './contract-suite'

defineContractSuite('the in-memory transport (client proxy -> dispatcher)', async (harness) => {
  const dispatch = createApiDispatcher({ handlers: harness.services.handlers })
  const api = createLabApiClient(createInMemoryTransport(dispatch, harness.services.events))
  return { api, close: async () => undefined }
})
