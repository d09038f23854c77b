//! How a convolution sees cells beyond the border, shared by the 1-D and
//! 2-D kernels.

/// How a convolution sees pixels beyond the border.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Padding {
    /// Wrap around (the image is a torus): exact shift equivariance (claim I1).
    Circular,
    /// Zeros outside: equivariance breaks at the border (claim I2).
    Zero,
}

impl Padding {
    pub fn name(self) -> &'static str {
        match self {
            Padding::Circular => "circular",
            Padding::Zero => "zero",
        }
    }
}
