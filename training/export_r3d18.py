"""Export the original project's r3d_18 (torchvision, 3-channel stem, 1-logit fc) to ONNX with outputs `logit` and
`features`, plus the manifest that makes HeadCt.Inference reproduce the original preprocessing.

    /usr/bin/python3 training/export_r3d18.py --checkpoint model.pth --out models
    /usr/bin/python3 training/export_r3d18.py --random-init --seed 0 --out /tmp/r3d18     # untrained, for tests
"""
import argparse
import hashlib
import json
import os
import time

import torch

from r3d18 import model as r3d18_model
from r3d18 import preprocess

OPSET = 17
INTENDED_USE = (
    "Research use only. The original project's r3d_18 hemorrhage classifier, run with its own preprocessing. "
    "Its performance is whatever its checkpoint's training gave; nothing here validates it. Not a medical device; "
    "not for diagnosis or any clinical decision."
)
RANDOM_INTENDED_USE = "TEST ONLY. Randomly initialised r3d_18 (no training): its output means nothing. Not a medical device."


def export(model, onnx_path, input_name, depth=16):
    wrapped = r3d18_model.WithFeatures(model).eval()
    dummy = torch.zeros(1, len(preprocess.WINDOWS), depth, preprocess.IN_PLANE, preprocess.IN_PLANE)
    torch.onnx.export(
        wrapped, dummy, onnx_path, opset_version=OPSET,
        input_names=[input_name], output_names=["logit", "features"],
        dynamic_axes={input_name: {0: "batch", 2: "depth"}, "logit": {0: "batch"}, "features": {0: "batch", 2: "feature_depth"}},
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", help="the original's .pth (weights under model_state_dict, or a bare state dict)")
    source.add_argument("--random-init", action="store_true", help="untrained weights from --seed (tests only)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="folder for <name>.onnx and <name>.manifest.json")
    parser.add_argument("--name", default=None, help="model name (default r3d18-hemorrhage, or r3d18-random with --random-init)")
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--threshold", type=float, default=0.5, help="decision threshold on the probability")
    parser.add_argument("--input-name", default="volume")
    args = parser.parse_args()

    torch.set_num_threads(2)
    name = args.name or ("r3d18-random" if args.random_init else "r3d18-hemorrhage")
    started = time.perf_counter()
    model = r3d18_model.build(checkpoint=args.checkpoint, seed=args.seed)
    os.makedirs(args.out, exist_ok=True)
    onnx_name = name + ".onnx"
    onnx_path = os.path.join(args.out, onnx_name)
    export(model, onnx_path, args.input_name)
    with open(onnx_path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    manifest = {
        "name": name,
        "version": args.version,
        "sha256": sha,
        "onnxFile": onnx_name,
        "input": preprocess.input_manifest(args.input_name),
        "output": {"name": "logit", "kind": "Logit", "decisionThreshold": args.threshold},
        "attention": {"kind": "FeatureMapWithClassWeights", "featureMapOutput": "features", "classWeights": r3d18_model.class_weights(model)},
        "intendedUse": RANDOM_INTENDED_USE if args.random_init else INTENDED_USE,
        "applicability": preprocess.applicability_manifest(),
        "outOfDistribution": preprocess.out_of_distribution_manifest(),
    }
    manifest_path = os.path.join(args.out, name + ".manifest.json")
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"exported {onnx_path} ({os.path.getsize(onnx_path) / 1e6:.1f} MB, sha256 {sha}) and {manifest_path} "
          f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
