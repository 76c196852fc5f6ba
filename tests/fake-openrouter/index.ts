export { startFakeOpenRouter, type FakeOpenRouter } from './server';
export { connectFakeOpenRouter, type FakeOpenRouterRemote } from './client';
export { DEFAULT_MODE, type LogFilter } from './state';
export { MODELS, VIDEO_MODELS } from './catalogue';
export { ALLOWED_REQUEST_HEADERS, EXPOSED_RESPONSE_HEADERS } from './cors';
export { VOCABULARY } from './content';
export type * from './types';
