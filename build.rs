//! Windows only: embed the application manifest (dist/windows/bangtin.exe.manifest:
//! no admin rights, long paths, UTF-8) in bangtin.exe.

fn main() {
    println!("cargo:rerun-if-changed=dist/windows");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        embed_resource::compile("dist/windows/bangtin.rc", embed_resource::NONE)
            .manifest_required()
            .expect("the Windows manifest must be embedded (needs windres or rc.exe)");
    }
}
