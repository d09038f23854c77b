#!/usr/bin/env python3
"""Check a Symmetry Lab export with numpy, independently of the app.

    python3 docs/check_export.py FILE.json [FILE.json ...]

For each file: validate it against docs/export.schema.json (the keywords the
schema uses), rebuild g·x from the input with `input_action`, rebuild
ρ(g) f(x) of every layer from f(x) with its `action`, recompute the first
layer when it is a convolution (conv2d, conv1d, rc_conv1d) on x and on g·x,
recompute every layer's invariance and equivariance errors, and apply the
verdict rule. Prints one line per check; exits 1 if any check fails.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXACT, APPROXIMATE = 1e-4, 5e-2


# ---- the schema (type, enum, required, properties, items, minItems, minimum, oneOf, $ref)
def type_ok(t, v):
    return {
        "object": isinstance(v, dict),
        "array": isinstance(v, list),
        "string": isinstance(v, str),
        "number": isinstance(v, (int, float)) and not isinstance(v, bool),
        "integer": isinstance(v, int) and not isinstance(v, bool),
        "null": v is None,
        "boolean": isinstance(v, bool),
    }[t]


def validate(root, s, v, path, errors):
    if "$ref" in s:
        return validate(root, root["$defs"][s["$ref"].split("/")[-1]], v, path, errors)
    if "type" in s:
        types = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(type_ok(t, v) for t in types):
            errors.append(f"{path}: not of type {s['type']}")
            return
    if "enum" in s and v not in s["enum"]:
        errors.append(f"{path}: {v!r} not in {s['enum']}")
    if "oneOf" in s:
        passing = 0
        for alt in s["oneOf"]:
            e = []
            validate(root, alt, v, path, e)
            passing += not e
        if passing != 1:
            errors.append(f"{path}: matches {passing} oneOf alternatives")
    if "minimum" in s and type_ok("number", v) and v < s["minimum"]:
        errors.append(f"{path}: {v} < {s['minimum']}")
    if isinstance(v, dict):
        for key in s.get("required", []):
            if key not in v:
                errors.append(f"{path}: missing {key!r}")
        for key, sub in s.get("properties", {}).items():
            if key in v:
                validate(root, sub, v[key], f"{path}.{key}", errors)
    if isinstance(v, list):
        if len(v) < s.get("minItems", 0):
            errors.append(f"{path}: fewer than {s['minItems']} items")
        if "items" in s:
            for i, item in enumerate(v):
                validate(root, s["items"], item, f"{path}[{i}]", errors)


# ---- numbers
def array(a):
    return np.array([np.nan if v is None else v for v in a["data"]], dtype=np.float64).reshape(a["shape"])


def moved(f, action):
    """ρ(g) f from an index map: entry i of the result is f.flat[source[i]], 0 where source is -1."""
    src = np.array(action["source"], dtype=np.int64)
    flat = f.reshape(-1)
    out = np.where(src >= 0, flat[np.maximum(src, 0)], 0.0)
    return out.reshape(action["shape"])


def rel(a, b):
    """‖a − b‖ / max(‖b‖, 1e-12), 0 when both are zero (the app's definition)."""
    if a.shape != b.shape:
        return float("inf")
    d = np.linalg.norm((a - b).ravel())
    return 0.0 if d == 0 else d / max(np.linalg.norm(b.ravel()), 1e-12)


def same_error(mine, reported):
    """A recomputed error against the exported one (null stands for infinite: the shapes differ)."""
    if reported is None:
        return mine == float("inf")
    return abs(mine - reported) <= 1e-5 * max(1.0, mine)


def verdict(inv, eq, baseline):
    if inv < EXACT:
        return "invariant"
    if eq is not None and eq < EXACT:
        return "equivariant"
    smaller = min(inv, eq if eq is not None else float("inf"))
    if smaller < APPROXIMATE and smaller < baseline / 10:
        return "approximate"
    return "neither"


def pad_index(n, k, circular):
    """For "same" cross-correlation: source index of output i and tap u, or -1 for a zero pad."""
    p = k // 2
    idx = np.arange(n)[:, None] + np.arange(k)[None, :] - p
    return idx % n if circular else np.where((idx >= 0) & (idx < n), idx, -1)


def conv2d(x, w, b, circular):
    c, h, wd = x.shape
    o, _, k, _ = w.shape
    rows, cols = pad_index(h, k, circular), pad_index(wd, k, circular)
    xp = np.concatenate([x, np.zeros((c, 1, wd))], axis=1)
    xp = np.concatenate([xp, np.zeros((c, h + 1, 1))], axis=2)
    # patches[c, i, u, j, v] = x[c, rows[i, u], cols[j, v]] (index -1 reads the zero row/column)
    patches = xp[:, rows[:, :, None, None], cols[None, None, :, :]]
    return np.einsum("ciujv,ocuv->oij", patches, w) + b[:, None, None]


def conv1d(x, w, b, circular):
    c, n = x.shape
    o, _, k = w.shape
    idx = pad_index(n, k, circular)
    xp = np.concatenate([x, np.zeros((c, 1))], axis=1)
    return np.einsum("ciu,ocu->oi", xp[:, idx], w) + b[:, None]


def check(path, schema):
    doc = json.load(open(path))
    name = os.path.basename(path)
    results = []

    def report(ok, what):
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {what}")

    errors = []
    validate(schema, schema, doc, "$", errors)
    report(not errors, "follows docs/export.schema.json" + (f" ({errors[:3]})" if errors else ""))
    if errors:
        return False

    x, gx = array(doc["input"]), array(doc["transformed_input"])
    act = doc["input_action"]
    if act["kind"] == "index_map":
        report(np.array_equal(moved(x, act), gx), f"g·x rebuilt from x by the index map of {doc['transformation']}")
    else:
        print(f"skip {name}: g·x is not an index map here ({act.get('reason', act['kind'])})")

    for k, layer in enumerate(doc["layers"]):
        label = f"layer {k + 1} {layer['kind']}"
        fx, fgx = array(layer["f_x"]), array(layer["f_gx"])
        if k == 0 and layer["kind"] in ("conv2d", "conv1d", "rc_conv1d"):
            w, b = array(layer["params"][0]), array(layer["params"][1])
            circular = layer["settings"]["padding"] == "circular"
            conv = conv2d if layer["kind"] == "conv2d" else conv1d
            for inp, out, which in ((x, fx, "x"), (gx, fgx, "g·x")):
                err = np.abs(conv(inp, w, b, circular) - out).max()
                report(err < 1e-4 * max(1.0, np.abs(out).max()), f"{label} recomputed on {which} (max difference {err:.2e})")
        inv = rel(fgx, fx)
        report(same_error(inv, layer["invariance_error"]), f"{label}: invariance error {inv:.3g}")
        eq = None
        if layer["action"] is not None and layer["action"]["kind"] == "index_map":
            rho = moved(fx, layer["action"])
            report(np.allclose(rho, array(layer["rho_g_f_x"]), rtol=0, atol=0), f"{label}: ρ(g) f(x) rebuilt by the index map")
            eq = rel(fgx, rho)
            report(same_error(eq, layer["equivariance_error"]), f"{label}: equivariance error {eq:.3g}")
        elif layer["equivariance_error"] is not None:
            eq = layer["equivariance_error"]
        baseline = layer["baseline_error"] if layer["baseline_error"] is not None else float("inf")
        rule = verdict(inv, eq, baseline)
        report(rule == layer["verdict"], f"{label}: the rule says {rule}, the export {layer['verdict']}")
    return all(results)


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    schema = json.load(open(os.path.join(HERE, "export.schema.json")))
    ok = [check(p, schema) for p in paths]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
