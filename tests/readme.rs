//! The README's key table is the default keymap's (`qari keys --defaults`).

use qari::keymap::Keymap;

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- keys:start").expect("keys:start marker");
    let body = &readme[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let end = body.find("<!-- keys:end -->").expect("keys:end marker");
    assert_eq!(
        &body[..end],
        Keymap::defaults().markdown_table(),
        "regenerate with `cargo run -- keys --defaults`"
    );
}
