//! Texts are cleared of control characters by a pass over their bytes, 16
//! at a time, that only looks closer at a block holding a byte that may
//! start one (below 0x20, DEL, or 0xc2). Tab and line feed are such bytes
//! and are allowed: a forbidden character must be found whatever else its
//! block holds, and a block of tabs alone must pass.

use pactum::{Rule, Source};

const LEN: usize = 48;

/// A title of `LEN` letters with `c` at `at` and up to `tabs` tabs after it
/// in the same block of 16 bytes (wrapping inside the block; never first or
/// last, where a text may not have white space).
fn title(c: Option<char>, at: usize, tabs: usize) -> String {
    let mut chars = vec!['a'; LEN];
    let block = at / 16 * 16;
    if let Some(c) = c {
        chars[at] = c;
    }
    for i in 0..tabs {
        let place = block + (at % 16 + 1 + i) % 16;
        if place != 0 && place != LEN - 1 {
            chars[place] = '\t';
        }
    }
    chars.into_iter().collect()
}

#[test]
fn a_control_character_is_found_beside_any_number_of_tabs_in_its_block_of_sixteen_bytes() {
    for c in ['\u{0}', '\u{1b}', '\u{7f}'] {
        for at in 0..LEN {
            for tabs in 0..4 {
                let text = title(Some(c), at, tabs);
                let err = Source::builder("s1", text.as_str())
                    .build()
                    .expect_err(&format!("{c:?} at {at} with {tabs} tabs"));
                let rules: Vec<Rule> = err.diagnostics().iter().map(|d| d.rule()).collect();
                assert_eq!(rules, [Rule::ControlCharacter], "{text:?}");
            }
        }
    }
}

#[test]
fn a_block_holding_only_tabs_among_its_suspect_bytes_passes() {
    for at in 0..LEN {
        for tabs in 0..4 {
            let text = title(None, at, tabs);
            let source = Source::builder("s1", text.as_str())
                .build()
                .unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(source.title(), text);
        }
    }
}
