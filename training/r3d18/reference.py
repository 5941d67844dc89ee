"""Reference run of the original pipeline in PyTorch on one DICOM series, for parity checks against HeadCt.Inference:
pydicom -> stored values sorted by ImagePositionPatient[2] -> original preprocessing -> r3d_18 -> logit and CAM upsampled to
the stack's grid.

    /usr/bin/python3 training/r3d18/reference.py --series DIR (--checkpoint X.pth | --random-init --seed 0 | --preprocess-only) --out DIR

Writes `reference.json` (logit, shapes, CAM peak as [z, y, x] on the volume grid, timings), `tensor.f32` (the model
input, C-order float32 little-endian) and `cam.f32` (the CAM on the stack's grid [D, H, W])."""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from r3d18 import model as r3d18_model  # noqa: E402
from r3d18 import preprocess  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--series", required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint")
    source.add_argument("--random-init", action="store_true")
    source.add_argument("--preprocess-only", action="store_true", help="write tensor.f32 and the shapes, run no model")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.set_num_threads(2)
    timings = {}

    started = time.perf_counter()
    stored = preprocess.read_series(args.series)
    timings["readSeconds"] = time.perf_counter() - started

    started = time.perf_counter()
    tensor = preprocess.preprocess(stored)
    timings["preprocessSeconds"] = time.perf_counter() - started
    os.makedirs(args.out, exist_ok=True)
    tensor.numpy().astype("<f4").tofile(os.path.join(args.out, "tensor.f32"))
    result = {"volumeShape": list(stored.shape), "tensorShape": list(tensor.shape), "timings": timings}
    if not args.preprocess_only:
        result.update(run_model(args, stored, tensor, timings))
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result))


def run_model(args, stored, tensor, timings):
    started = time.perf_counter()
    model = r3d18_model.build(checkpoint=args.checkpoint, seed=args.seed)
    timings["buildSeconds"] = time.perf_counter() - started

    started = time.perf_counter()
    with torch.no_grad():
        logit, features = r3d18_model.WithFeatures(model)(tensor)
        weights = model.fc.weight[0]
        cam = torch.relu((weights[None, :, None, None, None] * features).sum(1, keepdim=True))
        cam_volume = F.interpolate(cam, size=stored.shape, mode="trilinear", align_corners=False)[0, 0]
    timings["inferenceSeconds"] = time.perf_counter() - started

    cam_volume.numpy().astype("<f4").tofile(os.path.join(args.out, "cam.f32"))
    peak = np.unravel_index(int(torch.argmax(cam_volume)), tuple(cam_volume.shape))
    return {
        "logit": float(logit[0, 0]),
        "featureShape": list(features.shape),
        "camPeak": [int(i) for i in peak],
        "camMax": float(cam_volume.max()),
    }


if __name__ == "__main__":
    main()
