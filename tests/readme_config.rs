//! The README's config reference is the commented default file
//! (`qari config --default`), and its example error is what qari prints.

use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn readme_config_reference_matches_the_default_file() {
    let readme = readme();
    let start = readme
        .find("<!-- config:start")
        .expect("config:start marker");
    let body = &readme[start..];
    let body = &body[body.find("```toml\n").expect("toml block") + 8..];
    let end = body
        .find("```\n<!-- config:end -->")
        .expect("config:end marker");
    assert_eq!(
        &body[..end],
        qari::config::default_file::default_file(),
        "regenerate with `cargo run -- config --default`"
    );
}

#[test]
fn readme_error_example_is_what_qari_says() {
    let src = "[display]\nlayout = \"rtl\"\n\n\n\n\n\n\n\n\n[keys.reader]\n\"g x\" = \"go_tpo\"\n";
    let path = Path::new("/home/me/.config/qari/config.toml");
    let file = qari::config::LoadedConfig {
        config: qari::config::parse(src, path).unwrap(),
        path: Some(path.to_path_buf()),
        source: src.to_string(),
    };
    let err = qari::config::Settings::from_loaded(
        file,
        &qari::config::SettingsArgs::default(),
        None,
        None,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(readme().contains(&format!("Error: {err}\n")), "{err}");
}
