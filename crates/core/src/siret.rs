//! The SIRET check (`vitrine:siret`).

/// Why a text is not a SIRET.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiretError {
    /// Not 14 characters long, or not only digits: `digits` is how many digits were given.
    Length { digits: usize, non_digits: usize },
    /// 14 digits whose checksum is wrong.
    Checksum,
}

/// Checks a SIRET: 14 digits with a valid Luhn checksum, or a La Poste
/// establishment (SIREN 356000000) whose digit sum is a multiple of 5.
pub fn check_siret(text: &str) -> Result<(), SiretError> {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    let non_digits = text.chars().count() - digits;
    if digits != 14 || non_digits != 0 {
        return Err(SiretError::Length { digits, non_digits });
    }
    let b = text.as_bytes();
    if text.starts_with("356000000") {
        let sum: u32 = b.iter().map(|d| u32::from(d - b'0')).sum();
        return if sum.is_multiple_of(5) {
            Ok(())
        } else {
            Err(SiretError::Checksum)
        };
    }
    let mut sum = 0u32;
    for (i, d) in b.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    if sum.is_multiple_of(10) {
        Ok(())
    } else {
        Err(SiretError::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_la_poste() {
        assert_eq!(check_siret("73282932000074"), Ok(()));
        assert_eq!(check_siret("73282932000075"), Err(SiretError::Checksum));
        assert_eq!(
            check_siret("802954785"),
            Err(SiretError::Length {
                digits: 9,
                non_digits: 0
            })
        );
        assert_eq!(
            check_siret("8029547850002A"),
            Err(SiretError::Length {
                digits: 13,
                non_digits: 1
            })
        );
        assert_eq!(check_siret("35600000000015"), Ok(()));
    }
}
