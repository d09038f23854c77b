#!/usr/bin/env python3
"""Write the text and PNG seeds of fuzz/corpus/ (the JPEG seeds were made once
with the `image` crate's encoder and are committed as they are).

Small, real examples of what users load: the fuzzer mutates them. Run from the
repository root; it rewrites only the files it names.
"""
import os
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png(w, h, depth, color, rows, extra=b"", interlace=0):
    """rows: raw scanlines without the filter byte."""
    raw = b"".join(b"\x00" + r for r in rows)
    ihdr = struct.pack(">IIBBBBB", w, h, depth, color, 0, 0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def images():
    put("image_decode", "gray8x8.png", png(8, 8, 8, 0, [bytes((x * 32 + y) % 256 for x in range(8)) for y in range(8)]))
    put("image_decode", "rgba5x3.png",
        png(5, 3, 8, 6, [bytes(v for x in range(5) for v in (x * 50, y * 80, 10, 255 if x % 2 else 0))
                         for y in range(3)]))
    plte = chunk(b"PLTE", bytes([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255]))
    trns = chunk(b"tRNS", bytes([255, 128]))
    put("image_decode", "palette4x4.png", png(4, 4, 2, 3, [bytes([0b00011011]) for _ in range(4)], plte + trns))
    put("image_decode", "gray16_2x2.png", png(2, 2, 16, 0, [b"\x00\x00\xff\xff", b"\x80\x00\x12\x34"]))
    put("image_decode", "graya1x1.png", png(1, 1, 8, 4, [b"\xc0\x80"]))
    put("image_decode", "bits1_9x2.png", png(9, 2, 1, 0, [b"\xaa\x80", b"\x55\x00"]))
    # Adam7 interlacing: the scanlines of the 7 passes of a 3x3 RGB picture.
    passes = [b"\x00" + b"\x10\x20\x30"] + [b"\x00" + b"\x40\x50\x60"] + [b"\x00" + b"\x70\x80\x90" * 2] \
        + [b"\x00" + b"\xa0\xb0\xc0"] + [b"\x00" + b"\xd0\xe0\xf0" * 2] * 2
    ihdr = struct.pack(">IIBBBBB", 3, 3, 8, 2, 0, 0, 1)
    put("image_decode", "adam7_3x3.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"".join(passes))) + chunk(b"IEND", b""))
    # Refused: header larger than the limits, zero size, truncated, not PNG/JPEG.
    big = struct.pack(">IIBBBBB", 100000, 1, 8, 0, 0, 0, 0)
    put("image_decode", "huge_header.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", big) + chunk(b"IEND", b""))
    zero = struct.pack(">IIBBBBB", 0, 5, 8, 0, 0, 0, 0)
    put("image_decode", "zero_width.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", zero) + chunk(b"IEND", b""))
    p = png(8, 8, 8, 0, [bytes(range(8))] * 8)
    put("image_decode", "truncated.png", p[: len(p) // 2])
    put("image_decode", "gif_header.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01")


def fasta():
    put("fasta", "two_records.fa", ">seq1 first\nACGTACGTNN\nacgtRYSWKM\n>seq2\nGATTACA\n")
    put("fasta", "crlf.fa", ">win\r\nACGT\r\nTTGA\r\n\r\n>second\r\nCCCC\r\n")
    put("fasta", "old_mac_cr.fa", ">mac\rACGT\rGGCC\r")
    put("fasta", "headerless.txt", "ACGTTGCA\nGGGCCC\n")
    put("fasta", "iupac_rna.fa", ">iupac\nACGTURYSWKMBDHVN\nacgturyswkmbdhvn\n")
    put("fasta", "genbank_origin.txt", "        1 gatcctccat atacaacggt atctccacct caggtttaga\n       41 tctcaacaac\n")
    put("fasta", "comments_bom.fa", "\ufeff;old comment\n>named\n;mid\nAC GT\tAC\n>empty\n\n")
    put("fasta", "bad_protein.fa", ">prot\nMKLVFFAEDV*\n")
    put("fasta", "gaps.fa", ">aln\nAC--GT..A\n")
    put("fasta", "before_header.fa", "ACGT\n>x\nGG\n")
    put("fasta", "latin1_name.fa", b">caf\xe9 \xff\nACGT\n")


def sequence_text():
    put("sequence_text", "plain.txt", "ACGTACGT")
    put("sequence_text", "lower_spaces.txt", "acgt acgt\tnnnn\r\nuuu")
    put("sequence_text", "genbank.txt", "  61 gatcctccat atacaacggt\n 121 tctcaacaac")
    put("sequence_text", "header.txt", ">oops\nACGT")
    put("sequence_text", "digits.txt", "AC12GT")
    put("sequence_text", "iupac.txt", "RYSWKMBDHVN")
    put("sequence_text", "unicode.txt", "ACGT\u00e9\u2013T")


def graphs():
    el = {
        "triangle_tail.txt": "# a triangle with a tail\n0 1\n1 2\n2 0 0.5\n2 3\n",
        "separators.csv": "0,1\n1\t2\r\n2 , 0 , 1e-3\n",
        "dupes_loops.txt": "1 2\n2 1\n3 3\n5 5 -2\n",
        "bad_negative.txt": "0 1\n1 -2\n",
        "bad_float_id.txt": "0 1.5\n",
        "bad_weight.txt": "0 1 nan\n0 2 inf\n",
        "big_id.txt": "0 99999\n",
        "too_big_id.txt": "0 100000\n",
        "utf8_comment.txt": "# caf\u00e9 \u2192 graph\n0 1 # \u00e9\n",
        "plus_sign.txt": "+1 +2 +3.5\n",
    }
    for name, text in el.items():
        put("graph_edge_list", name, text)
        put("graph_file", "el_" + name, text)
    js = {
        "molecule.json": '{"nodes": [{"id": 0, "label": "O1", "type": "O", "features": [1, 0], "x": 0.2, "y": 0.5},'
                         ' {"id": 1, "type": "C", "features": [0, 1], "x": 0.8, "y": 0.5}, {"id": "c", "type": "H",'
                         ' "features": [0, 0], "x": 1, "y": 1}], "edges": [[0, 1], [1, "c", 2.5]]}',
        "bare_edges.json": '{"edges": [[0, 1], [1, 2], [2, 0, 0.5]]}',
        "string_ids.json": '{"nodes": ["a", "b", 3], "edges": [["a", "b"], ["b", "3"], [3, "a"]]}',
        "extra_keys.json": '{"directed": false, "nodes": [0, 1], "edges": [[0, 1]], "meta": {"x": [1, 2]}}',
        "bad_features.json": '{"nodes": [{"features": [1]}, {"features": [1, 2]}], "edges": [[0, 1]]}',
        "bad_id.json": '{"nodes": [0, 0], "edges": [[0, 1]]}',
        "float_id.json": '{"edges": [[0, 1.5]]}',
        "unlisted.json": '{"nodes": ["a"], "edges": [["a", "z"]]}',
        "partial_xy.json": '{"nodes": [{"x": 1, "y": 2}, {"x": 3}], "edges": [[0, 1]]}',
        "not_object.json": '[[0, 1]]',
        "truncated.json": '{"edges": [[0, 1], [1',
        "bom_spaces.json": '\ufeff  \n {"edges": [[0, 1e0]], "nodes": [{"id": 1}, {"id": 0, "label": 7}]}',
        "deep.json": '{"edges": ' + "[" * 200 + "]" * 200 + "}",
        "weights.json": '{"edges": [[0, 1, -1e38], [1, 2, 3.4e39], [2, 3, "1"]]}',
    }
    for name, text in js.items():
        put("graph_json", name, text)
        put("graph_file", "js_" + name, text)


def urls():
    u = {
        "full.txt": "#/image?preset=letter&g=rot90;shift(1,2)&model=cnn-flatten&pad=zero&filters=symmetric"
                    "&pool=blur&seed=9",
        "typos.txt": "#/image?preset=nope&g=spin&model=cnn-gap&seed=x&pad=zero",
        "escaped.txt": "#/image?g=shift(3%2C5)%3Brot90&preset=digit3&embed=1",
        "plus_space.txt": "#/image?g=rot(45)+&seed=+4&a=1&a=2",
        "bare.txt": "#/graph",
        "no_hash.txt": "image?model=p4cnn&g=flipx;flipy^-1",
        "empty_values.txt": "#/image?g=&preset=&model&&=",
        "bad_percent.txt": "#/image?g=%ZZ%&preset=%E9%FF",
        "unicode.txt": "#/image?preset=caf\u00e9&g=rot(\u0661)",
        "seed_max.txt": "#/image?seed=4294967295&g=zshift(-3,4)",
        "embed.txt": "#/image?embed=1&g=id",
    }
    for name, text in u.items():
        put("url_state", name, text)


def exprs():
    e = {
        "image.txt": "shift(3,5);rot90",
        "image_all.txt": "zshift(-1,2); rot180 ;rot270;flipx;flipy;rot(45);rot(-90)^-1;id;identity;shift(7)",
        "graph_seed.txt": "perm(7);perm(7)^-1",
        "graph_list.txt": "perm(2,0,1);swap(0,4);permx(1,0);swapx(1,2)^-1",
        "graph_bad_perm.txt": "perm(0,0,3)^-1",
        "dna.txt": "rc;shift(4);shift(-1000000)^-1",
        "sequence.txt": "delay(5);warp(2);warp(0.25)",
        "sequence_big.txt": "delay(100000);warp(8);warp(8)",
        "numbers.txt": "shift(1e6,-1e6);rot(36000);rot(1e-45);warp(7.99999999999)",
        "bad.txt": "spin(3);shift(1,2;rot90(1);rc^-1^-1;perm();warp(nan)",
        "inverses.txt": "zshift(1,1)^-1;delay(1)^-1;warp(2)^-1;rot(45)^-1",
        "case.txt": "ROT90; FlipX ; Shift ( 1 , 2 )",
    }
    for name, text in e.items():
        put("transform_expr", name, text)


if __name__ == "__main__":
    images()
    fasta()
    sequence_text()
    graphs()
    urls()
    exprs()
