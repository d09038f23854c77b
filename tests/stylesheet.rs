//! The stylesheet parses as a whole: a rule left open swallows every rule
//! after it (a merge once dropped one closing brace, and the augmentation
//! lab's samples grew to the width of the page on a tablet).

fn without_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

#[test]
fn every_block_of_the_stylesheet_is_closed() {
    let css = without_comments(include_str!("../static/app.css"));
    let mut depth = 0i32;
    for (n, line) in css.lines().enumerate() {
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "a '}}' without its '{{' near line {} (comments removed)", n + 1);
        }
        assert!(!line.starts_with("<<<<<<<") && !line.starts_with(">>>>>>>"), "a merge marker at line {}", n + 1);
    }
    assert_eq!(depth, 0, "a block is left open");
}

#[test]
fn the_check_sees_an_open_block() {
    let css = without_comments("a { b: c; }\n@media (x) {\n  d { e: f; }\n/* } */\n");
    assert_eq!(css.matches('{').count() - css.matches('}').count(), 1);
}
