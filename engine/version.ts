/** Engine version, stored with every run so results can be traced to the model that made them. */
export const ENGINE_VERSION = '0.1.0'
