//! The buffer a whole file's text is copied into on load.
//!
//! A file of a few hundred megabytes is copied into fresh memory, and the
//! kernel maps that memory one 4 KiB page at a time on first write: on a
//! 165 MB file that is 40,000 page faults, about a third of the load's time.
//! On Linux the buffer is advised to use transparent huge pages (2 MiB), as
//! the `madvise` setting most distributions ship allows, which takes the
//! faults down to a hundred. Elsewhere, or when the kernel declines, the
//! buffer is an ordinary allocation.

/// The size of a huge page (x86-64 and most arm64 kernels).
#[cfg(any(target_os = "linux", test))]
const HUGE_PAGE: usize = 2 << 20;

/// An empty string with room for `capacity` bytes.
pub(crate) fn text_buffer(capacity: usize) -> String {
    let text = String::with_capacity(capacity);
    #[cfg(target_os = "linux")]
    advise_huge_pages(text.as_ptr() as usize, text.capacity());
    text
}

/// Advises the kernel to back the whole 2 MiB pages of this allocation with
/// huge pages (the advice changes neither the contents nor the mapping's
/// rights; a refusal only keeps 4 KiB pages).
#[cfg(target_os = "linux")]
fn advise_huge_pages(start: usize, len: usize) {
    // A buffer under two huge pages holds no whole one worth a system call.
    if len < 2 * HUGE_PAGE {
        return;
    }
    let first = start.next_multiple_of(HUGE_PAGE);
    let end = (start + len) / HUGE_PAGE * HUGE_PAGE;
    if end > first {
        // SAFETY: [first, end) lies inside an allocation this function's
        // caller owns and has not shared; MADV_HUGEPAGE is advice about how
        // to back that range and does not change its contents or validity.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buffer_holds_what_is_written_to_it() {
        for capacity in [0, 10, HUGE_PAGE * 3 + 17] {
            let mut text = text_buffer(capacity);
            assert!(text.capacity() >= capacity);
            let piece = "é,\"x\"\n";
            while text.len() + piece.len() <= capacity {
                text.push_str(piece);
            }
            assert!(text.len() + piece.len() > capacity);
            assert!(
                text.as_bytes()
                    .chunks(piece.len())
                    .all(|c| c == piece.as_bytes())
            );
        }
    }
}
