/**
 * A minimal ONNX writer: the handful of onnx.proto messages a small inference graph needs
 * (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto,
 * OperatorSetIdProto, StringStringEntryProto), encoded as protobuf by hand. Used to build the
 * stand-in models that exercise the production engines without real weights; no dependency.
 * Field numbers are those of onnx/onnx.proto (IR version 8).
 */

export type ElemType = 'float32' | 'int64';

export interface TensorInit {
  readonly name: string;
  readonly type: ElemType;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

/** A graph input/output: element type and shape (numbers fixed, strings symbolic). */
export interface ValueInfo {
  readonly name: string;
  readonly type: ElemType;
  readonly shape: ReadonlyArray<number | string>;
}

export type AttrValue =
  | { readonly int: number }
  | { readonly ints: readonly number[] }
  | { readonly float: number }
  | { readonly tensor: TensorInit };

export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs?: Readonly<Record<string, AttrValue>>;
}

export interface OnnxModel {
  readonly graphName: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly TensorInit[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  /** Default-domain opset version (default 17). */
  readonly opset?: number;
  /** metadata_props, e.g. what sherpa-onnx reads from a Whisper encoder. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly producer?: string;
}

const DATA_TYPE: Record<ElemType, number> = { float32: 1, int64: 7 };
// onnx.proto AttributeProto.AttributeType
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_TENSOR = 4;
const ATTR_INTS = 7;

function varint(value: number | bigint): Buffer {
  // Negative int64 values are sent as their 64-bit two's complement (10 bytes).
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Buffer.from(out);
}

const key = (field: number, wire: 0 | 2 | 5): Buffer => varint((field << 3) | wire);
const vInt = (field: number, v: number | bigint): Buffer => Buffer.concat([key(field, 0), varint(v)]);
const vBytes = (field: number, b: Uint8Array): Buffer =>
  Buffer.concat([key(field, 2), varint(b.length), Buffer.from(b)]);
const vStr = (field: number, s: string): Buffer => vBytes(field, Buffer.from(s, 'utf8'));
const vFloat = (field: number, f: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeFloatLE(f);
  return Buffer.concat([key(field, 5), b]);
};
const cat = (parts: readonly Buffer[]): Buffer => Buffer.concat(parts);

function tensor(t: TensorInit): Buffer {
  const n = t.dims.reduce((a, d) => a * d, 1);
  if (t.data.length !== n)
    throw new Error(`tensor ${t.name}: ${t.data.length} values for dims ${t.dims.join('x')}`);
  if ((t.type === 'int64') !== t.data instanceof BigInt64Array)
    throw new Error(`tensor ${t.name}: data type`);
  // raw_data is little-endian, which is what typed arrays hold on x86/arm64.
  const raw = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return cat([...t.dims.map((d) => vInt(1, d)), vInt(2, DATA_TYPE[t.type]), vStr(8, t.name), vBytes(9, raw)]);
}

function valueInfo(v: ValueInfo): Buffer {
  const dims = v.shape.map((d) => vBytes(1, typeof d === 'number' ? vInt(1, d) : vStr(2, d)));
  const tensorType = cat([vInt(1, DATA_TYPE[v.type]), vBytes(2, cat(dims))]);
  return cat([vStr(1, v.name), vBytes(2, vBytes(1, tensorType))]);
}

function attribute(name: string, a: AttrValue): Buffer {
  if ('int' in a) return cat([vStr(1, name), vInt(20, ATTR_INT), vInt(3, a.int)]);
  if ('ints' in a) return cat([vStr(1, name), vInt(20, ATTR_INTS), ...a.ints.map((i) => vInt(8, i))]);
  if ('float' in a) return cat([vStr(1, name), vInt(20, ATTR_FLOAT), vFloat(2, a.float)]);
  return cat([vStr(1, name), vInt(20, ATTR_TENSOR), vBytes(5, tensor(a.tensor))]);
}

function node(n: OnnxNode, i: number): Buffer {
  return cat([
    ...n.inputs.map((x) => vStr(1, x)),
    ...n.outputs.map((x) => vStr(2, x)),
    vStr(3, `${n.op}_${i}`),
    vStr(4, n.op),
    ...Object.entries(n.attrs ?? {}).map(([k, v]) => vBytes(5, attribute(k, v))),
  ]);
}

/** The serialized ModelProto. */
export function encodeOnnx(m: OnnxModel): Buffer {
  const graph = cat([
    ...m.nodes.map((n, i) => vBytes(1, node(n, i))),
    vStr(2, m.graphName),
    ...m.initializers.map((t) => vBytes(5, tensor(t))),
    ...m.inputs.map((v) => vBytes(11, valueInfo(v))),
    ...m.outputs.map((v) => vBytes(12, valueInfo(v))),
  ]);
  return cat([
    vInt(1, 8), // ir_version
    vStr(2, m.producer ?? 'voice-appliance stand-in'),
    vBytes(7, graph),
    vBytes(8, cat([vStr(1, ''), vInt(2, m.opset ?? 17)])),
    ...Object.entries(m.metadata ?? {}).map(([k, v]) => vBytes(14, cat([vStr(1, k), vStr(2, v)]))),
  ]);
}

/** Deterministic uniform floats in [-scale, scale) (mulberry32), so generated files are reproducible. */
export function randomFloats(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale;
  }
  return out;
}

export const f32 = (
  name: string,
  dims: readonly number[],
  data: Float32Array | readonly number[],
): TensorInit => ({
  name,
  type: 'float32',
  dims,
  data: data instanceof Float32Array ? data : Float32Array.from(data),
});

export const i64 = (name: string, dims: readonly number[], data: readonly number[]): TensorInit => ({
  name,
  type: 'int64',
  dims,
  data: BigInt64Array.from(data.map((x) => BigInt(x))),
});
