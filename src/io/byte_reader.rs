//! The small binary layer under the compact link codes (`graph=`, packed
//! `seq=`): LEB128 variable-length whole numbers, zigzag for signed ones,
//! and a reader that checks every length against the bytes that are left
//! before anything is allocated, so a damaged or made-up code is refused in
//! words instead of panicking or allocating without bound.

/// Append `v` as LEB128: 7 bits a byte, small numbers in one byte.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Signed to unsigned, small magnitudes staying small: 0, -1, 1, -2 → 0, 1, 2, 3.
pub fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// The inverse of [`zigzag`].
pub fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

/// Reads a code front to back; every method fails with a message naming
/// `what` (e.g. "the encoded graph") when the bytes run out or are wrong.
pub struct ByteReader<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> ByteReader<'a> {
    pub fn new(bytes: &'a [u8], what: &'static str) -> Self {
        ByteReader { bytes, pos: 0, what }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    fn short(&self) -> String {
        format!("{} is cut short (damaged, or not copied whole)", self.what)
    }

    pub fn u8(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| self.short())?;
        self.pos += 1;
        Ok(b)
    }

    /// The next `k` bytes.
    pub fn take(&mut self, k: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(k).filter(|&e| e <= self.bytes.len()).ok_or_else(|| self.short())?;
        let slice = self.bytes.get(self.pos..end).ok_or_else(|| self.short())?;
        self.pos = end;
        Ok(slice)
    }

    /// A LEB128 number of at most 64 bits.
    pub fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("{} holds a number that is too long", self.what))
    }

    /// A number that must be at most `max` (`name` says what it counts).
    pub fn count(&mut self, max: usize, name: &str) -> Result<usize, String> {
        let v = self.varint()?;
        usize::try_from(v)
            .ok()
            .filter(|&v| v <= max)
            .ok_or_else(|| format!("{} has {v} {name}; at most {max} are accepted", self.what))
    }

    pub fn f32(&mut self) -> Result<f32, String> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    /// A string of at most `max` bytes, its length first.
    pub fn string(&mut self, max: usize) -> Result<String, String> {
        let len = self.count(max, "bytes in a name")?;
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| format!("{} holds a name that is not text", self.what))
    }

    /// Refuse bytes left over after the last field.
    pub fn finish(&self) -> Result<(), String> {
        match self.remaining() {
            0 => Ok(()),
            k => Err(format!("{} has {k} bytes too many at its end", self.what)),
        }
    }
}

/// Append a string, its length first (see [`ByteReader::string`]).
pub fn put_string(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_strings_round_trip_and_short_input_is_refused() {
        let mut out = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            put_varint(&mut out, v);
        }
        put_string(&mut out, "Mr. Hi");
        let mut r = ByteReader::new(&out, "the code");
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            assert_eq!(r.varint(), Ok(v));
        }
        assert_eq!(r.string(10).as_deref(), Ok("Mr. Hi"));
        assert!(r.finish().is_ok());
        assert!(r.u8().unwrap_err().contains("cut short"));
        for v in [0i64, -1, 1, -2, i64::MIN, i64::MAX] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert_eq!(zigzag(-1), 1);
        let mut r = ByteReader::new(&[0xff; 12], "the code");
        assert!(r.varint().unwrap_err().contains("too long"));
        let mut r = ByteReader::new(&[5, b'a'], "the code");
        assert!(r.string(10).is_err());
        let mut r = ByteReader::new(&[50], "the code");
        assert!(r.count(10, "nodes").unwrap_err().contains("50 nodes"));
        assert!(ByteReader::new(&[1], "the code").take(usize::MAX).is_err());
    }
}
