#!/usr/bin/env python3
"""Writes tests/data/bad-models/: small hostile checkpoints for the model reader's regression
tests (TestHostileCheckpoints::rejectsHostileFiles), each a kind of input the model-reader fuzzers
(tools/fuzz-model.sh) found or showed to be costly. Standard library only; deterministic."""
import os
import struct
import sys
import zipfile

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), '..', 'data', 'bad-models')
os.makedirs(out, exist_ok=True)
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def zip_file(name, records):
    """records: (name, bytes, compress) in order; written as torch.save lays them out."""
    with zipfile.ZipFile(os.path.join(out, name), 'w') as z:
        for record, data, compress in records:
            info = zipfile.ZipInfo('archive/' + record, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            z.writestr(info, data)


def checkpoint(name, pickle, storages=(), deflate=(), version=b'3\n'):
    records = [('data.pkl', pickle, False), ('byteorder', b'little', False)]
    records += [('data/' + k, v, k in deflate) for k, v in storages]
    if version is not None:
        records.append(('version', version, False))
    zip_file(name, records)


def text(s):  # BINUNICODE
    s = s.encode()
    return b'X' + struct.pack('<I', len(s)) + s


def integer(i):  # BININT
    return b'J' + struct.pack('<i', i)


def persistent_id(key, numel):
    return (b'(' + text('storage') + b'ctorch\nFloatStorage\n' + text(key) + text('cpu') +
            integer(numel) + b'tQ')


def rebuild_args(key, numel, sizes, strides):
    def tup(xs):
        return b'(' + b''.join(integer(x) for x in xs) + b't'
    return (b'(' + persistent_id(key, numel) + integer(0) + tup(sizes) + tup(strides) +
            b'\x89ccollections\nOrderedDict\n)Rt')


REBUILD = b'ctorch._utils\n_rebuild_tensor_v2\n'
FOUR_FLOATS = struct.pack('<4f', 1, 2, 3, 4)
GOOD = (b'\x80\x02}' + text('params') + b'}' + text('w') + REBUILD +
        rebuild_args('0', 4, [4], [1]) + b'Rss.')

# One 4000-character key, repeated through the memo as 4000 top-level keys: the key list
# copied it each time (16 MB from 20 KB; quadratic in the file's size).
checkpoint('repeated-key.pth', b'\x80\x02}(' + text('k' * 4000) + b'q\x00K\x01' +
           b'h\x00K\x01' * 4000 + b'u.')

# A storage key of 4000 characters used by 4000 persistent ids through the memo: each copied
# and hashed the key again.
checkpoint('repeated-storage-key.pth',
           b'\x80\x02' + persistent_id('0' * 4000, 1)[:-1] + b'q\x00Q0' + b'h\x00Q0' * 4000 +
           b'}.', [('0' * 4000, FOUR_FLOATS)])

# One float broadcast (stride 0) to 2^26 elements, rebuilt 40 times from a memoised call:
# 256 MB each, 10 GB from a file of under 1 KB.
checkpoint('broadcast-again.pth',
           b'\x80\x02' + REBUILD + b'q\x01' + rebuild_args('0', 1, [1 << 26], [0]) + b'q\x020' +
           b'h\x01h\x02R0' * 40 + b'}.', [('0', FOUR_FLOATS[:4])])

# 20 MB of zeros deflated to 20 KB: the zip reader allocated and inflated all of it.
checkpoint('deflated-bomb.pth', GOOD, [('0', bytes(20 << 20))], deflate=('0',))

# The zip reader's constructor throws, and leaks its directory, on these version records.
checkpoint('version-missing.pth', GOOD, [('0', FOUR_FLOATS)], version=None)
checkpoint('version-not-a-number.pth', GOOD, [('0', FOUR_FLOATS)], version=b'three\n')
checkpoint('version-too-new.pth', GOOD, [('0', FOUR_FLOATS)], version=b'99\n')


# The version record's CRC and its compression method, as the fuzzer mutated them (in the
# central directory, whose copy comes last).
checkpoint('good.tmp', GOOD, [('0', FOUR_FLOATS)])
with open(os.path.join(out, 'good.tmp'), 'rb') as f:
    good = f.read()
os.remove(os.path.join(out, 'good.tmp'))
entry = good.rindex(b'PK\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00')  # the version's entry
# The DOS folder attribute (0x10) on the version record, as the fuzzer set it: miniz took it
# for a folder and LibTorch read its two bytes unwritten.
for name, offset, value in (('version-bad-crc.pth', 16, b'\0\0\0\0'),
                            ('version-bad-method.pth', 10, struct.pack('<H', 99)),
                            ('version-marked-folder.pth', 38, struct.pack('<I', 0x10))):
    data = bytearray(good)
    data[entry + offset:entry + offset + len(value)] = value
    with open(os.path.join(out, name), 'wb') as f:
        f.write(bytes(data))

# model.json, as fuzz_model_json found: numbers nlohmann refuses (beyond a double) or casts
# with undefined behaviour (a float beyond the integer field's range).
for name, text in (('json-number-beyond-double.json', '{"name": "x", "version": 1e400}'),
                   ('json-dim-beyond-int.json', '{"config": {"g": {"dim": 1.8e99}}}'),
                   ('json-blocks-beyond-int.json',
                    '{"config": {"g": {"num_blocks": [1, 3, 8, 3e10]}}}'),
                   ('json-factor-beyond-int64.json',
                    '{"config": {"g": {"ffn_expansion_factor": 1e300}}}'),
                   ('json-steps-beyond-int64.json',
                    '{"lineage": [{"run": "a", "steps": 1e300}]}'),
                   ('json-timesteps-billions.json',
                    '{"config": {"schedule": {"timesteps": 2000000000}}}')):
    with open(os.path.join(out, name), 'w') as f:
        f.write(text + '\n')
