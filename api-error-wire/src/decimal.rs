//! Integers written as JSON numbers without `fmt` or an allocation.

/// The decimal digits of `n`, written at the end of `buf`.
///
/// ```text
/// let mut buf = [0; 20];
/// assert_eq!(decimal(1207, &mut buf), b"1207");
/// ```
pub fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        // `n % 10` is a digit.
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn digits_as_display_writes_them() {
        let mut buf = [0; 20];
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            1207,
            u64::from(u32::MAX),
            u64::MAX - 1,
            u64::MAX,
        ] {
            assert_eq!(decimal(n, &mut buf), n.to_string().as_bytes());
        }
        for shift in 0..64 {
            let n = 1u64 << shift;
            assert_eq!(decimal(n - 1, &mut buf), (n - 1).to_string().as_bytes());
        }
    }
}
