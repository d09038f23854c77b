// The TensorFlow.js peer of Symmetry Lab's hidden benchmark page (#/bench).
// scripts/bench.sh copies this file, tf-core.min.js, tf-backend-wasm.min.js
// and the backend's .wasm files (all from npm, pinned in package-lock.json)
// into dist/bench-peer/; nothing is fetched from the network. The page
// (src/app/bench/peer.rs) calls init(dir) once, then conv2d() and matmul(),
// each returning the milliseconds of one run on the same shapes as the Rust
// kernels: conv2d 3x3, 16 -> 16 channels, 128x128, "same" (zero) padding;
// a 512x512 matrix product.
(function () {
  "use strict";
  const tf = globalThis.tf;
  let x, f, a, b;

  async function init(dir) {
    tf.wasm.setWasmPaths(new URL(dir, document.baseURI).href);
    // Single thread, as issue 6 asks (this page is not cross-origin isolated anyway).
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    if (!(await tf.setBackend("wasm"))) throw new Error("the tfjs wasm backend did not start");
    await tf.ready();
    x = tf.randomNormal([1, 128, 128, 16]);
    f = tf.randomNormal([3, 3, 16, 16]);
    a = tf.randomNormal([512, 512]);
    b = tf.randomNormal([512, 512]);
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    return `tfjs ${tf.version_core} ${tf.getBackend()} backend, SIMD ${simd ? "on" : "off"}, 1 thread`;
  }

  function time(run) {
    const t0 = performance.now();
    const y = run();
    y.dataSync();
    const ms = performance.now() - t0;
    y.dispose();
    return ms;
  }

  globalThis.symmetryLabPeer = {
    init,
    conv2d: () => time(() => tf.conv2d(x, f, 1, "same")),
    matmul: () => time(() => tf.matMul(a, b)),
  };
})();
