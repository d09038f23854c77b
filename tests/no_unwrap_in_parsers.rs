//! The parsers in `src/io/` must never panic on user data (issue 7), so their
//! non-test code may not call `.unwrap()`, `.expect(`, `panic!`,
//! `unreachable!`, `todo!` or `unimplemented!`. This test reads the sources,
//! drops comments, string literals and `#[cfg(test)]` items, and fails on any
//! such call that is not on the allowlist below.
//!
//! The allowlist is for calls whose value provably cannot come from the user;
//! each entry says why. (The fuzz targets check the rest at run time.)

use std::fs;
use std::path::{Path, PathBuf};

/// `(file, text of the line, why it cannot fail on user data)`.
const ALLOWED: &[(&str, &str, &str)] = &[];

const FORBIDDEN: &[&str] = &[".unwrap()", ".expect(", "panic!", "unreachable!", "todo!", "unimplemented!"];

#[test]
fn parsers_have_no_unwrap_expect_or_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut used = vec![false; ALLOWED.len()];
    for file in rust_files(&root.join("src/io")) {
        let rel = file.strip_prefix(root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            // A `#[cfg(test)] mod tests;` of its parent module.
            continue;
        }
        let source = fs::read_to_string(&file).unwrap_or_default();
        let code = without_tests(&strip_comments_and_strings(&source));
        for (n, (line, original)) in code.lines().zip(source.lines()).enumerate() {
            let Some(bad) = FORBIDDEN.iter().find(|f| line.contains(*f)) else { continue };
            match ALLOWED.iter().position(|(f, text, _)| *f == rel && original.trim() == *text) {
                Some(i) => used[i] = true,
                None => found.push(format!("{rel}:{}: `{bad}` in `{}`", n + 1, original.trim())),
            }
        }
    }
    assert!(
        found.is_empty(),
        "parsing code must not panic on user data; return an error instead (or justify on the allowlist):\n{}",
        found.join("\n")
    );
    let stale: Vec<_> = ALLOWED.iter().zip(&used).filter(|(_, u)| !**u).map(|(a, _)| a.0).collect();
    assert!(stale.is_empty(), "allowlist entries that no longer match any line: {stale:?}");
}

#[test]
fn the_scanner_sees_through_strings_and_tests() {
    let src = "fn a() { let s = \"x.unwrap()\"; // .expect(\n let c = '{'; b.unwrap(); }\n\
               #[cfg(test)]\nmod tests { fn t() { x.unwrap(); let s = \"}\"; } }\nfn z() { panic!() }\n";
    let code = without_tests(&strip_comments_and_strings(src));
    assert_eq!(code.lines().count(), src.lines().count());
    let hits: Vec<usize> =
        code.lines().enumerate().filter(|(_, l)| FORBIDDEN.iter().any(|f| l.contains(f))).map(|(i, _)| i + 1).collect();
    assert_eq!(hits, vec![2, 5]);
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no sources found under {}", dir.display());
    out
}

/// Replace comments and the contents of string and char literals by spaces,
/// keeping line breaks, so braces and method names inside them are ignored.
fn strip_comments_and_strings(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&c, i) {
            // Raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            out.push('"');
            (i + 1..=j).for_each(|_| out.push(' '));
            i = j + 1;
            while i < c.len() && !c[i..].starts_with(&close) {
                out.push(blank(c[i]));
                i += 1;
            }
            (0..close.len()).for_each(|_| out.push(' '));
            i += close.len();
        } else if c[i] == '"' {
            out.push('"');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c[i] == '\'' && is_char_literal(&c, i) {
            // 'x', '\n', '\u{..}': blank up to the closing quote.
            out.push('\'');
            i += 1;
            while i < c.len() && c[i] != '\'' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push('\'');
            i += 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn ident_before(c: &[char], i: usize) -> bool {
    i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_')
}

/// A quote that opens a char literal rather than a lifetime (`'a`).
fn is_char_literal(c: &[char], i: usize) -> bool {
    matches!((c.get(i + 1), c.get(i + 2)), (Some('\\'), _) | (Some(_), Some('\'')))
}

/// Blank out every item that follows a `#[cfg(test)]`-like attribute (up to
/// its matching closing brace or semicolon), keeping line breaks.
fn without_tests(code: &str) -> String {
    let mut out: Vec<char> = code.chars().collect();
    let text: String = out.iter().collect();
    let mut from = 0;
    while let Some(at) = find_test_attr(&text, from) {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let start = chars.iter().position(|&(b, _)| b == at).unwrap_or(chars.len());
        let mut depth = 0usize;
        let mut end = chars.len();
        for (k, &(_, ch)) in chars.iter().enumerate().skip(start) {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        for slot in out.iter_mut().take(end).skip(start) {
            if *slot != '\n' {
                *slot = ' ';
            }
        }
        from = chars.get(end).map_or(text.len(), |&(b, _)| b);
    }
    out.into_iter().collect()
}

/// Byte offset of the next `#[cfg(test)]` or `#[cfg(all(test, ...))]`.
fn find_test_attr(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    ["#[cfg(test)]", "#[cfg(all(test"].iter().filter_map(|p| rest.find(p)).min().map(|i| from + i)
}
