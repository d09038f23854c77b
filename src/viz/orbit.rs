//! The geometry of the orbit picture of group feature maps: the `|G|`
//! orientation planes of one channel laid out around the group, so that a
//! group element moves the whole picture rigidly.
//!
//! C4: one ring, orientation `r^k` at angle `90°·k` counterclockwise from the
//! right (as on screen, y down). A quarter turn of the input turns every
//! plane AND moves it one slot along the ring: the ring turns as one piece.
//! D4: two rings side by side: the rotations `r^k` on the left, the flipped
//! orientations `r^k f` on the right, mirrored (`f` at the left of its ring,
//! facing `e`). A left-right flip then mirrors the whole picture: the rings
//! swap, each mirrored; a rotation turns both rings in place.
//!
//! Coordinates are in a view box `width × 100` (`100 × 100` for one ring),
//! so the same numbers place HTML tiles (as percentages) and SVG arrows.

use crate::engine::grid_group::GridGroup;

/// Side of a ring's square in view-box units.
pub const RING: f64 = 100.0;
/// Gap between the two rings of D4.
pub const GAP: f64 = 12.0;
/// Distance of a tile's centre from its ring's centre.
pub const RADIUS: f64 = 33.0;
/// Side of a tile.
pub const TILE: f64 = 30.0;
/// Half the angle a tile covers on its ring, seen from the centre.
const TILE_HALF_ANGLE: f64 = 24.0;

/// How many rings a group needs (1 for C4, 2 for D4).
pub fn rings(group: GridGroup) -> usize {
    if group == GridGroup::D4 {
        2
    } else {
        1
    }
}

/// Width of the view box.
pub fn width(group: GridGroup) -> f64 {
    let n = rings(group) as f64;
    n * RING + (n - 1.0) * GAP
}

/// Left edge of ring `r`.
pub fn ring_left(r: usize) -> f64 {
    r as f64 * (RING + GAP)
}

/// Ring and angle (degrees, counterclockwise from the right) of orientation `i`.
pub fn slot(group: GridGroup, i: usize) -> (usize, f64) {
    match (group, i) {
        (GridGroup::D4, i) if i >= 4 => (1, 180.0 + 90.0 * (i - 4) as f64),
        (_, i) => (0, 90.0 * i as f64),
    }
}

/// A point at `angle` and `radius` around the centre of ring `r`.
pub fn around(r: usize, angle: f64, radius: f64) -> (f64, f64) {
    let a = angle.to_radians();
    (ring_left(r) + RING / 2.0 + radius * a.cos(), RING / 2.0 - radius * a.sin())
}

/// The centre of orientation `i`'s tile.
pub fn centre(group: GridGroup, i: usize) -> (f64, f64) {
    let (r, a) = slot(group, i);
    around(r, a, RADIUS)
}

/// Top-left corner of orientation `i`'s tile inside its ring's square, in
/// percent of the ring (for an absolutely positioned HTML tile).
pub fn tile_percent(group: GridGroup, i: usize) -> (f64, f64) {
    let (r, a) = slot(group, i);
    let (x, y) = around(r, a, RADIUS);
    (x - ring_left(r) - TILE / 2.0, y - TILE / 2.0)
}

/// A rigid motion (mirror, then turn) applied to every ring about its own centre.
pub use crate::engine::orbit_motion::RingMotion;

/// Where the motion takes the centre of orientation `i`: ring and angle.
pub fn destination(group: GridGroup, i: usize, m: RingMotion) -> (usize, f64) {
    let (r, a) = slot(group, i);
    let (r, a) = if m.flip { (rings(group) - 1 - r, 180.0 - a) } else { (r, a) };
    (r, a + m.degrees)
}

/// An SVG path (with its arrow head as a second path) from orientation `i`
/// to where `m` takes it: an arc along the ring for a turn, a curve across
/// the gap for a flip. `lands_on_slot` shortens the end so the head stops at
/// the edge of the destination tile instead of its centre.
pub fn arrow(group: GridGroup, i: usize, m: RingMotion, lands_on_slot: bool) -> (String, String) {
    let (r0, a0) = slot(group, i);
    let (r1, a1) = destination(group, i, m);
    let end_gap = if lands_on_slot { TILE_HALF_ANGLE } else { 0.0 };
    if !m.flip {
        // An arc of `degrees` along the ring, offset per slot so that arcs
        // longer than a quarter turn do not lie on top of each other.
        let d = m.degrees;
        let sign = if d < 0.0 { -1.0 } else { 1.0 };
        let start_gap = TILE_HALF_ANGLE.min(d.abs() * 0.3);
        let (from, to) = (a0 + sign * start_gap, a0 + d - sign * end_gap.min(d.abs() * 0.3));
        let radius = if d.abs() > 95.0 { RADIUS + 3.5 * (i % 4) as f64 - 5.0 } else { RADIUS };
        let (sx, sy) = around(r0, from, radius);
        let (ex, ey) = around(r0, to, radius);
        let large = if (to - from).abs() > 180.0 { 1 } else { 0 };
        // Counterclockwise on screen (y down) is SVG sweep flag 0.
        let sweep = if sign > 0.0 { 0 } else { 1 };
        let path = format!("M {sx:.2} {sy:.2} A {radius:.2} {radius:.2} 0 {large} {sweep} {ex:.2} {ey:.2}");
        // Tangent at the end, in the direction of travel.
        let t = to.to_radians();
        let (tx, ty) = (-t.sin() * sign, -t.cos() * sign);
        (path, head(ex, ey, tx, ty))
    } else {
        let (sx, sy) = around(r0, a0, RADIUS);
        let (ex, ey) = around(r1, a1, RADIUS);
        let mid = width(group) / 2.0;
        let bow = if r0 == 0 { -14.0 } else { 14.0 };
        let (cx, cy) = (mid, (sy + ey) / 2.0 + bow);
        let shorten = |x: f64, y: f64, px: f64, py: f64, by: f64| {
            let (dx, dy) = (px - x, py - y);
            let n = (dx * dx + dy * dy).sqrt().max(1e-9);
            (x + dx / n * by, y + dy / n * by)
        };
        let (sx, sy) = shorten(sx, sy, cx, cy, TILE / 2.0 + 1.0);
        let (ex, ey) = shorten(ex, ey, cx, cy, if lands_on_slot { TILE / 2.0 + 1.0 } else { 0.0 });
        let path = format!("M {sx:.2} {sy:.2} Q {cx:.2} {cy:.2} {ex:.2} {ey:.2}");
        let (tx, ty) = (ex - cx, ey - cy);
        let n = (tx * tx + ty * ty).sqrt().max(1e-9);
        (path, head(ex, ey, tx / n, ty / n))
    }
}

/// A small filled triangle at `(x, y)` pointing along the unit vector `(tx, ty)`.
fn head(x: f64, y: f64, tx: f64, ty: f64) -> String {
    let (len, half) = (4.5, 2.6);
    let (bx, by) = (x - tx * len, y - ty * len);
    let (nx, ny) = (-ty, tx);
    format!(
        "M {x:.2} {y:.2} L {:.2} {:.2} L {:.2} {:.2} Z",
        bx + nx * half,
        by + ny * half,
        bx - nx * half,
        by - ny * half
    )
}
