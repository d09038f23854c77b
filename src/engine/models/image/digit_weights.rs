//! The file format of the trained digit classifiers' weights: int8 with one
//! f32 scale per block (a filter plane, or a row of the dense layer), a few
//! bytes of header per network. Little endian throughout.
//!
//! ```text
//! offset  bytes  field
//! 0       4      magic "SLDW" (Symmetry Lab digit weights)
//! 4       1      format version, 2
//! 5       1      number of networks N
//! then N records, each:
//!         1      architecture: index in ImageArch::ALL (0 cnn-gap, 1 cnn-flatten, 2 p4cnn, 3 p4mcnn)
//!         2      channels of the first and the second convolution (c1, c2)
//!         2      kernel sizes of the first and the second convolution (k1, k2, odd)
//!         1      input side the network was trained at (64)
//!         2      held-out accuracy of the f32 weights, in 1/10000 (u16)
//!         2      held-out accuracy of these int8 weights, in 1/10000 (u16)
//!         2      number of held-out digits both were measured on (u16)
//!         then 6 tensors, shapes given by the architecture (see `trained::Spec::shapes`):
//!         conv 1 weight, conv 1 bias, conv 2 weight, conv 2 bias, dense weight, dense bias.
//!         A weight is cut into blocks of consecutive entries: one K × K
//!         filter plane for a convolution (its last two axes), one output's
//!         row for the dense layer. B blocks: B f32 scales, then the entries
//!         as i8 in row-major order; entry = i8 · scale[block].
//!         A bias: its O values as f32.
//! ```
//!
//! A block's scale keeps its largest weight at ±127, so the rounding error
//! of a weight is at most half a step, `max|w_block| / 254`. Version 1 had
//! one scale per output channel; a group convolution's output channel mixes
//! planes of very different sizes, and the coarser steps cost p4mcnn half a
//! point of accuracy, so scales are now per plane (a few hundred bytes more).

use crate::engine::space::Tensor;
use ndarray::IxDyn;

/// The magic bytes at the start of the file.
pub const MAGIC: &[u8; 4] = b"SLDW";
/// The format version this code reads and writes.
pub const VERSION: u8 = 2;

/// One network's record: its header fields and its six tensors.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Index in `ImageArch::ALL`.
    pub arch: u8,
    pub channels: [u8; 2],
    pub kernels: [u8; 2],
    pub input_size: u8,
    /// Held-out accuracy (in 1/10000) of the f32 weights and of the int8 ones.
    pub float_accuracy: u16,
    pub int8_accuracy: u16,
    pub held_out: u16,
    /// conv 1 weight and bias, conv 2 weight and bias, dense weight and bias.
    pub tensors: Vec<Tensor>,
}

/// Entries per block of a weight of this shape: the last two axes of a
/// convolution's filters, the row of a dense layer.
pub fn block_len(shape: &[usize]) -> usize {
    let tail = if shape.len() >= 3 { &shape[shape.len() - 2..] } else { shape.get(1..).unwrap_or(&[]) };
    tail.iter().product::<usize>().max(1)
}

/// Quantise a weight: one scale per block ([`block_len`]) and the i8 entries
/// in row-major order.
pub fn quantise(w: &Tensor) -> (Vec<f32>, Vec<i8>) {
    let std = w.as_standard_layout();
    let values = std.as_slice().expect("standard layout is contiguous");
    let mut scales = Vec::new();
    let mut q = Vec::with_capacity(values.len());
    for block in values.chunks(block_len(w.shape())) {
        let m = block.iter().fold(0f32, |m, v| m.max(v.abs()));
        let s = if m > 0.0 { m / 127.0 } else { 1.0 };
        scales.push(s);
        q.extend(block.iter().map(|v| (v / s).round().clamp(-127.0, 127.0) as i8));
    }
    (scales, q)
}

/// The weight a quantised one stands for.
pub fn dequantise(shape: &[usize], scales: &[f32], q: &[i8]) -> Option<Tensor> {
    let per = block_len(shape);
    let len: usize = shape.iter().product();
    if q.len() != len || scales.len() != len.div_ceil(per) {
        return None;
    }
    let v: Vec<f32> = q.iter().enumerate().map(|(k, &x)| x as f32 * scales[k / per]).collect();
    Tensor::from_shape_vec(IxDyn(shape), v).ok()
}

/// Which tensors of a record are weights (quantised) rather than biases.
fn is_weight(k: usize) -> bool {
    k.is_multiple_of(2)
}

/// Encode records. `shapes(record)` gives the six tensor shapes the reader
/// will expect; every tensor must already have them.
pub fn encode(records: &[Record]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    out.push(records.len() as u8);
    for r in records {
        out.push(r.arch);
        out.extend(r.channels);
        out.extend(r.kernels);
        out.push(r.input_size);
        for v in [r.float_accuracy, r.int8_accuracy, r.held_out] {
            out.extend(v.to_le_bytes());
        }
        for (k, t) in r.tensors.iter().enumerate() {
            if is_weight(k) {
                let (scales, q) = quantise(t);
                scales.iter().for_each(|s| out.extend(s.to_le_bytes()));
                out.extend(q.iter().map(|&b| b as u8));
            } else {
                t.iter().for_each(|s| out.extend(s.to_le_bytes()));
            }
        }
    }
    out
}

/// A cursor over the bytes that never reads past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("the weight file is truncated")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, String> {
        Ok(self.take(4 * n)?.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
}

/// Decode a file; `shapes(record header)` gives the six tensor shapes of a
/// record from its header fields (the tensors are still empty then).
pub fn decode(
    bytes: &[u8],
    shapes: impl Fn(&Record) -> Result<Vec<Vec<usize>>, String>,
) -> Result<Vec<Record>, String> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err("not a Symmetry Lab weight file".into());
    }
    let version = r.u8()?;
    if version != VERSION {
        return Err(format!("weight file version {version}, this build reads {VERSION}"));
    }
    let n = r.u8()?;
    let mut records = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let mut rec = Record {
            arch: r.u8()?,
            channels: [r.u8()?, r.u8()?],
            kernels: [r.u8()?, r.u8()?],
            input_size: r.u8()?,
            float_accuracy: r.u16()?,
            int8_accuracy: r.u16()?,
            held_out: r.u16()?,
            tensors: Vec::new(),
        };
        for (k, shape) in shapes(&rec)?.into_iter().enumerate() {
            let len: usize = shape.iter().product();
            let t = if is_weight(k) {
                let scales = r.f32s(len.div_ceil(block_len(&shape)))?;
                let q: Vec<i8> = r.take(len)?.iter().map(|&b| b as i8).collect();
                dequantise(&shape, &scales, &q).ok_or("a weight does not match its shape")?
            } else {
                Tensor::from_shape_vec(IxDyn(&shape), r.f32s(len)?).map_err(|e| e.to_string())?
            };
            rec.tensors.push(t);
        }
        records.push(rec);
    }
    if r.at != bytes.len() {
        return Err("the weight file has trailing bytes".into());
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Rng;

    fn record(rng: &mut Rng) -> Record {
        let shapes = [vec![3, 1, 3, 3], vec![3], vec![2, 3, 3, 3], vec![2], vec![10, 2], vec![10]];
        Record {
            arch: 0,
            channels: [3, 2],
            kernels: [3, 3],
            input_size: 64,
            float_accuracy: 9512,
            int8_accuracy: 9510,
            held_out: 1000,
            tensors: shapes.iter().map(|s| Tensor::from_shape_fn(IxDyn(s), |_| rng.symmetric(0.7))).collect(),
        }
    }

    fn shapes_of(r: &Record) -> Result<Vec<Vec<usize>>, String> {
        let (c1, c2) = (r.channels[0] as usize, r.channels[1] as usize);
        Ok(vec![vec![c1, 1, 3, 3], vec![c1], vec![c2, c1, 3, 3], vec![c2], vec![10, c2], vec![10]])
    }

    #[test]
    fn round_trip_within_half_a_step() {
        let rec = record(&mut Rng::new(1));
        let bytes = encode(std::slice::from_ref(&rec));
        let back = decode(&bytes, shapes_of).unwrap();
        assert_eq!(back.len(), 1);
        let b = &back[0];
        assert_eq!((b.arch, b.channels, b.kernels, b.float_accuracy, b.held_out), (0, [3, 2], [3, 3], 9512, 1000));
        for (k, (t, u)) in rec.tensors.iter().zip(&b.tensors).enumerate() {
            assert_eq!(t.shape(), u.shape());
            let per = block_len(t.shape());
            let (tv, uv): (Vec<f32>, Vec<f32>) = (t.iter().copied().collect(), u.iter().copied().collect());
            for (blk, (tb, ub)) in tv.chunks(per).zip(uv.chunks(per)).enumerate() {
                let step = tb.iter().fold(0f32, |m, v| m.max(v.abs())) / 127.0;
                let err = tb.iter().zip(ub).fold(0f32, |m, (a, b)| m.max((a - b).abs()));
                let bound = if k % 2 == 0 { step / 2.0 * 1.001 } else { 0.0 };
                assert!(err <= bound, "tensor {k} block {blk}: {err} > {bound}");
            }
        }
        assert_eq!(
            (block_len(&[3, 1, 3, 3]), block_len(&[2, 3, 8, 5, 5]), block_len(&[10, 7]), block_len(&[10])),
            (9, 25, 7, 1)
        );
        // 6 bytes of file header, 12 of record header, f32 scales (one per 3×3
        // plane: 3 and 6; one per dense row: 10) and biases, one byte per weight.
        assert_eq!(bytes.len(), 6 + 12 + 4 * (3 + 3 + 6 + 2 + 10 + 10) + 27 + 54 + 20);
    }

    #[test]
    fn damaged_files_are_refused_not_read() {
        let bytes = encode(&[record(&mut Rng::new(2))]);
        assert!(decode(&bytes[..bytes.len() - 1], shapes_of).unwrap_err().contains("truncated"));
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode(&extra, shapes_of).unwrap_err().contains("trailing"));
        assert!(decode(b"PNG!", shapes_of).is_err());
        let mut v1 = bytes;
        v1[4] = 1;
        assert!(decode(&v1, shapes_of).unwrap_err().contains("version"));
    }
}
