import { findModel, filterModels } from '../catalogue';
import { errorBody } from '../errors';
import type { RouteContext } from '../state';
import { sendJson } from '../util';

/** GET /models (filters by output/input modalities and supported parameters; no auth, like the real one). */
export function handleModels(ctx: RouteContext): void {
	const data = filterModels(ctx.url.searchParams);
	const offset = Number(ctx.url.searchParams.get('offset') ?? NaN);
	const limit = Number(ctx.url.searchParams.get('limit') ?? NaN);
	if (Number.isFinite(offset) || Number.isFinite(limit)) {
		const start = Number.isFinite(offset) ? offset : 0;
		const page = data.slice(start, start + (Number.isFinite(limit) ? limit : 500));
		return sendJson(ctx.res, 200, { data: page, total_count: data.length, links: { next: null } });
	}
	// `links` and `total_count` are required fields of the spec's ModelsListResponse.
	sendJson(ctx.res, 200, { data, total_count: data.length, links: { next: null } });
}

/** GET /model/{author}/{slug} and /models/{author}/{slug}/endpoints. */
export function handleModelDetail(ctx: RouteContext, id: string, endpoints: boolean): void {
	const model = findModel(id);
	if (!model) return sendJson(ctx.res, 404, errorBody(404, `Model ${id} not found`));
	if (!endpoints) return sendJson(ctx.res, 200, { data: model });
	sendJson(ctx.res, 200, {
		data: {
			id: model.id,
			name: model.name,
			created: model.created,
			description: model.description,
			architecture: model.architecture,
			endpoints: [
				{
					name: `${model.name} | fake`,
					model_name: model.name,
					context_length: model.context_length,
					pricing: model.pricing,
					provider_name: 'Fake',
					tag: 'fake',
					quantization: null,
					max_completion_tokens: model.top_provider.max_completion_tokens,
					max_prompt_tokens: null,
					supported_parameters: model.supported_parameters,
					status: 0,
					uptime_last_30m: 100
				}
			]
		}
	});
}
