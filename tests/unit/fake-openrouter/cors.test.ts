import { describe, expect, it } from 'vitest';
import { sdk, useFake } from './fixture';

const fake = useFake();
const APP = 'http://localhost:4173';

async function preflight(headers: string) {
	const response = await fetch(`${fake().url}/chat/completions`, {
		method: 'OPTIONS',
		headers: {
			origin: APP,
			'access-control-request-method': 'POST',
			'access-control-request-headers': headers
		}
	});
	return {
		status: response.status,
		allowHeaders: (response.headers.get('access-control-allow-headers') ?? '').split(/,\s*/),
		origin: response.headers.get('access-control-allow-origin')
	};
}

describe('CORS', () => {
	it('answers preflights for the headers real clients send', async () => {
		const asked =
			'authorization,content-type,http-referer,x-openrouter-title,x-stainless-os,x-stainless-retry-count';
		const { status, allowHeaders, origin } = await preflight(asked);
		expect(status).toBe(204);
		expect(origin).toBe(APP);
		expect(allowHeaders).toEqual(expect.arrayContaining(asked.split(',')));
	});

	it('leaves an unknown header out in strict mode and records it as rejected', async () => {
		fake().setMode({ corsStrict: true });
		const { allowHeaders } = await preflight(
			'authorization,content-type,x-stainless-lang,openai-beta'
		);
		expect(allowHeaders).toContain('x-stainless-lang');
		expect(allowHeaders).not.toContain('openai-beta');
		const entry = fake().requests({ method: 'OPTIONS' })[0];
		expect(entry?.preflight?.rejectedHeaders).toEqual(['openai-beta']);
		const withOrigin = await fetch(`${fake().url}/key`, {
			headers: { origin: APP, authorization: 'Bearer sk-or-v1-x', 'api-key': 'x' }
		});
		expect(withOrigin.status).toBe(400);
	});

	it('exposes Retry-After and X-Generation-Id unless exposeHeaders is off', async () => {
		const get = () => fetch(`${fake().url}/models`, { headers: { origin: APP } });
		expect((await get()).headers.get('access-control-expose-headers')).toContain('retry-after');
		fake().setMode({ exposeHeaders: false });
		const response = await get();
		expect(response.headers.get('access-control-expose-headers')).toBeNull();
		expect(response.headers.get('access-control-allow-origin')).toBe(APP);
		expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
	});

	it('gives no allow-origin to an origin outside allowedOrigins', async () => {
		fake().setMode({ allowedOrigins: ['http://localhost:5173'] });
		expect((await preflight('authorization')).origin).toBeNull();
	});

	it('records the key, attribution headers and no unknown headers for SDK requests', async () => {
		await sdk(fake()).chat.completions.create({
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'hi' }]
		});
		const entry = fake().requests({ path: '/chat/completions' })[0];
		expect(entry?.key).toBe('sk-or-v1-test-key-0001');
		expect(entry?.headers['http-referer']).toBe(APP);
		expect(entry?.headers['x-openrouter-title']).toBe('Maestro');
		expect(entry?.unknownHeaders).toEqual([]);
		expect(entry?.retryCount).toBe(0);
		expect(entry?.status).toBe(200);
	});
});
