import { describe, expect, it } from 'vitest';
import { sdk, useFake } from './fixture';

const fake = useFake();

interface Model {
	id: string;
	architecture: { input_modalities: string[]; output_modalities: string[]; modality: string };
	pricing: Record<string, string>;
	supported_parameters: string[];
}

async function models(query = ''): Promise<Model[]> {
	const response = await fetch(`${fake().url}/models${query}`);
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: Model[] }).data;
}

describe('GET /models', () => {
	it('lists only text-output models by default, without needing a key', async () => {
		const list = await models();
		expect(list.length).toBeGreaterThan(4);
		expect(list.every((m) => m.architecture.output_modalities.includes('text'))).toBe(true);
		expect(list.map((m) => m.id)).not.toContain('black-forest-labs/flux.2-pro');
	});

	it('filters image-output models, including image-only ones and image+text Gemini', async () => {
		const list = await models('?output_modalities=image');
		const ids = list.map((m) => m.id);
		expect(ids).toContain('black-forest-labs/flux.2-pro');
		expect(ids).toContain('google/gemini-2.5-flash-image');
		expect(ids).not.toContain('openai/gpt-4o-mini');
		expect(
			list.find((m) => m.id === 'black-forest-labs/flux.2-pro')?.architecture.output_modalities
		).toEqual(['image']);
		expect(list.find((m) => m.id === 'google/gemini-2.5-flash-image')?.architecture.modality).toBe(
			'image+text->image+text'
		);
		expect((await models('?output_modalities=all')).length).toBeGreaterThan(
			(await models()).length
		);
		expect((await models('?output_modalities=text,image')).length).toBe(
			(await models('?output_modalities=all')).length
		);
	});

	it('filters by supported parameters and input modalities', async () => {
		const structured = await models('?supported_parameters=structured_outputs');
		expect(structured.every((m) => m.supported_parameters.includes('structured_outputs'))).toBe(
			true
		);
		expect(structured.map((m) => m.id)).not.toContain('anthropic/claude-sonnet-4.5');
		const vision = await models('?input_modalities=image');
		expect(vision.map((m) => m.id)).toEqual(
			expect.arrayContaining(['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4.5'])
		);
		expect(vision.map((m) => m.id)).not.toContain('deepseek/deepseek-r1');
	});

	it('has a :free variant priced "0" and realistic price strings elsewhere', async () => {
		const list = await models();
		const free = list.find((m) => m.id.endsWith(':free'));
		expect(free?.pricing).toMatchObject({ prompt: '0', completion: '0' });
		const mini = list.find((m) => m.id === 'openai/gpt-4o-mini');
		expect(mini?.pricing.prompt).toBe('0.00000015');
		expect(typeof mini?.pricing.image).toBe('string');
	});

	it('resolves one model, routing suffixes included, and 404s an unknown one', async () => {
		const one = await fetch(`${fake().url}/model/openai/gpt-4o-mini:nitro`);
		expect(((await one.json()) as { data: Model }).data.id).toBe('openai/gpt-4o-mini');
		const endpoints = await fetch(`${fake().url}/models/black-forest-labs/flux.2-pro/endpoints`);
		expect(
			((await endpoints.json()) as { data: { endpoints: unknown[] } }).data.endpoints
		).toHaveLength(1);
		expect((await fetch(`${fake().url}/model/nobody/nothing`)).status).toBe(404);
	});

	it('works with the SDK models.list()', async () => {
		const page = await sdk(fake()).models.list();
		expect(page.data.map((m) => m.id)).toContain('google/gemini-2.5-flash');
	});
});

describe('GET /key', () => {
	async function key(token: string | null, path = '/key') {
		const response = await fetch(`${fake().url}${path}`, {
			headers: token ? { authorization: `Bearer ${token}` } : {}
		});
		return {
			status: response.status,
			body: (await response.json()) as {
				data?: Record<string, unknown>;
				error?: { code: number; message: string };
			}
		};
	}

	it('returns the full data object of an ordinary key, also on the /auth/key alias', async () => {
		const { status, body } = await key('sk-or-v1-abcdef1234567890');
		expect(status).toBe(200);
		expect(body.data).toMatchObject({
			label: 'sk-or-v1-abc...890',
			limit: null,
			limit_remaining: null,
			is_free_tier: false
		});
		expect(Object.keys(body.data ?? {})).toEqual(
			expect.arrayContaining([
				'usage_daily',
				'usage_weekly',
				'usage_monthly',
				'byok_usage',
				'include_byok_in_limit',
				'expires_at'
			])
		);
		expect((await key('sk-or-v1-abcdef1234567890', '/auth/key')).body).toEqual(body);
	});

	it('chooses limit and free-tier variants by key prefix', async () => {
		expect((await key('sk-or-v1-free-1')).body.data).toMatchObject({
			is_free_tier: true,
			limit: null
		});
		expect((await key('sk-or-v1-capped-1')).body.data).toMatchObject({
			limit: 10,
			limit_remaining: 7.5,
			limit_reset: 'monthly'
		});
		expect((await key('sk-or-v1-low-1')).body.data?.limit_remaining).toBeLessThan(0.01);
		fake().setKey('sk-or-v1-custom', { limit: 3, limitRemaining: 2, isFreeTier: true });
		expect((await key('sk-or-v1-custom')).body.data).toMatchObject({
			limit: 3,
			limit_remaining: 2,
			is_free_tier: true
		});
	});

	it('answers 401 with OpenRouter bodies for a missing or bad key', async () => {
		expect(await key(null)).toEqual({
			status: 401,
			body: { error: { code: 401, message: 'No auth credentials found' } }
		});
		expect(await key('sk-or-v1-bad-key')).toEqual({
			status: 401,
			body: { error: { code: 401, message: 'User not found.' } }
		});
		expect((await key('not-an-openrouter-key')).status).toBe(401);
	});

	it('refuses /credits to an ordinary key', async () => {
		expect((await key('sk-or-v1-abcdef', '/credits')).status).toBe(403);
	});
});
