import protobuf from 'protobufjs';

/** ONNX tensor element types we emit (TensorProto.DataType). */
export const DataType = { FLOAT: 1, INT64: 7, FLOAT16: 10 } as const;

/** ONNX AttributeProto.AttributeType values we emit. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

/** A constant tensor stored in the model (raw little-endian bytes). */
export interface OnnxTensor {
	name: string;
	dims: number[];
	dataType: number;
	rawData: Uint8Array;
}

/** One node attribute; exactly one value field is set, matching `type`. */
export interface OnnxAttribute {
	name: string;
	type: number;
	f?: number;
	i?: number;
	s?: Uint8Array;
	floats?: number[];
	ints?: number[];
}

/** One operator in the graph. */
export interface OnnxNode {
	name: string;
	opType: string;
	input: string[];
	output: string[];
	attribute: OnnxAttribute[];
}

/** A graph input or output: float tensor, dims are numbers or symbolic names. */
export interface OnnxValue {
	name: string;
	dims?: (number | string)[];
}

/** Everything needed to serialise a single-graph ONNX model. */
export interface OnnxModel {
	opset: number;
	producer: string;
	graphName: string;
	nodes: OnnxNode[];
	initializers: OnnxTensor[];
	inputs: OnnxValue[];
	outputs: OnnxValue[];
	metadata: Record<string, string>;
}

const f = (id: number, type: string, rule?: 'repeated') =>
	rule ? { id, type, rule } : { id, type };

/** The subset of onnx.proto (field numbers from onnx/onnx.proto3) that a model file needs. */
const schema = {
	nested: {
		onnx: {
			nested: {
				ModelProto: {
					fields: {
						irVersion: f(1, 'int64'),
						producerName: f(2, 'string'),
						producerVersion: f(3, 'string'),
						domain: f(4, 'string'),
						modelVersion: f(5, 'int64'),
						docString: f(6, 'string'),
						graph: f(7, 'GraphProto'),
						opsetImport: f(8, 'OperatorSetIdProto', 'repeated'),
						metadataProps: f(14, 'StringStringEntryProto', 'repeated')
					}
				},
				OperatorSetIdProto: { fields: { domain: f(1, 'string'), version: f(2, 'int64') } },
				StringStringEntryProto: { fields: { key: f(1, 'string'), value: f(2, 'string') } },
				GraphProto: {
					fields: {
						node: f(1, 'NodeProto', 'repeated'),
						name: f(2, 'string'),
						initializer: f(5, 'TensorProto', 'repeated'),
						docString: f(10, 'string'),
						input: f(11, 'ValueInfoProto', 'repeated'),
						output: f(12, 'ValueInfoProto', 'repeated')
					}
				},
				NodeProto: {
					fields: {
						input: f(1, 'string', 'repeated'),
						output: f(2, 'string', 'repeated'),
						name: f(3, 'string'),
						opType: f(4, 'string'),
						attribute: f(5, 'AttributeProto', 'repeated'),
						domain: f(7, 'string')
					}
				},
				AttributeProto: {
					fields: {
						name: f(1, 'string'),
						f: f(2, 'float'),
						i: f(3, 'int64'),
						s: f(4, 'bytes'),
						floats: f(7, 'float', 'repeated'),
						ints: f(8, 'int64', 'repeated'),
						type: f(20, 'int32')
					}
				},
				TensorProto: {
					fields: {
						dims: f(1, 'int64', 'repeated'),
						dataType: f(2, 'int32'),
						name: f(8, 'string'),
						rawData: f(9, 'bytes')
					}
				},
				ValueInfoProto: { fields: { name: f(1, 'string'), type: f(2, 'TypeProto') } },
				TypeProto: { fields: { tensorType: f(1, 'TypeProtoTensor') } },
				TypeProtoTensor: { fields: { elemType: f(1, 'int32'), shape: f(2, 'TensorShapeProto') } },
				TensorShapeProto: { fields: { dim: f(1, 'Dimension', 'repeated') } },
				Dimension: { fields: { dimValue: f(1, 'int64'), dimParam: f(2, 'string') } }
			}
		}
	}
};

const root = protobuf.Root.fromJSON(schema);
const ModelProto = root.lookupType('onnx.ModelProto');

/** ONNX IR version 8 goes with opsets up to 18. */
const IR_VERSION = 8;

function valueInfo(value: OnnxValue) {
	const tensorType: Record<string, unknown> = { elemType: DataType.FLOAT };
	if (value.dims) {
		tensorType.shape = {
			dim: value.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }))
		};
	}
	return { name: value.name, type: { tensorType } };
}

/** Serialise a model to the bytes of an .onnx file. */
export function encodeModel(model: OnnxModel): Uint8Array {
	const message = ModelProto.fromObject({
		irVersion: IR_VERSION,
		producerName: model.producer,
		producerVersion: '1',
		opsetImport: [{ domain: '', version: model.opset }],
		metadataProps: Object.entries(model.metadata).map(([key, value]) => ({ key, value })),
		graph: {
			name: model.graphName,
			node: model.nodes,
			initializer: model.initializers,
			input: model.inputs.map(valueInfo),
			output: model.outputs.map(valueInfo)
		}
	});
	return ModelProto.encode(message).finish();
}

/** Decode a model back to a plain object (for tests and inspection). */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
	return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: Array });
}
