//! 2-D convolution: `y[o] = b[o] + Σ_c w[o, c] ⋆ x[c]` (cross-correlation,
//! "same" size). It commutes with cyclic shifts when padding is circular
//! (claim I1), only away from the border with zero padding (I2), and with
//! rot90 only when every filter is itself rot90-symmetric (I7).

use super::{expect_grid, Geometry, Layer, LayerError, Param, Setting};
use crate::engine::kernels::conv2d::{conv2d, Padding};
use crate::engine::space::{Signal, Space};
use ndarray::{Array1, Array4};

/// A convolution layer: weights `(out, in, K, K)` with odd `K`, one bias per output.
#[derive(Clone, Debug, PartialEq)]
pub struct Conv2d {
    pub weight: Array4<f32>,
    pub bias: Array1<f32>,
    pub padding: Padding,
}

impl Conv2d {
    pub fn new(weight: Array4<f32>, bias: Array1<f32>, padding: Padding) -> Self {
        assert!(weight.dim().2 % 2 == 1 && weight.dim().2 == weight.dim().3, "filters are square with odd size");
        assert_eq!(weight.dim().0, bias.len());
        Conv2d { weight, bias, padding }
    }

    pub fn in_channels(&self) -> usize {
        self.weight.dim().1
    }

    pub fn out_channels(&self) -> usize {
        self.weight.dim().0
    }

    pub fn kernel_size(&self) -> usize {
        self.weight.dim().2
    }
}

impl Layer for Conv2d {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![
            ("padding", Setting::text(self.padding.name())),
            ("kernel", Setting::Number(self.kernel_size() as f64)),
            ("stride", Setting::Number(1.0)),
        ]
    }

    fn kind(&self) -> &'static str {
        "conv2d"
    }

    fn label(&self) -> String {
        let k = self.kernel_size();
        format!("conv {k}×{k}, {}→{}, {} padding", self.in_channels(), self.out_channels(), self.padding.name())
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (stride, v) = expect_grid(x, "conv2d")?;
        if v.dim().0 != self.in_channels() {
            return Err(LayerError(format!("conv2d expects {} channels, got {}", self.in_channels(), v.dim().0)));
        }
        let y = conv2d(v, self.weight.view(), self.bias.view(), self.padding);
        Ok(Signal::new(y.into_dyn(), Space::Grid { stride }))
    }

    fn geometry(&self) -> Geometry {
        let k = self.kernel_size();
        Geometry::Window { size: k, stride: 1, offset: k / 2 }
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "weight".into(), value: self.weight.clone().into_dyn() },
            Param { name: "bias".into(), value: self.bias.clone().into_dyn() },
        ]
    }
}
