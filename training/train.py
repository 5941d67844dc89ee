"""Train the phantom demonstrator: a compact 3-D CNN with a global-average-pool + linear head (so CAM is exact),
on tensors exported by the C# serving preprocessing (`phantoms tensors`). Exports ONNX + manifest and reports
AUC, sensitivity/specificity at the threshold and the pointing-game score on a held-out set."""
import argparse
import hashlib
import json
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

NAME = "hemorrhage-phantom-cnn"
VERSION = "0.1.0"
THRESHOLD = 0.5
INTENDED_USE = (
    "DEMONSTRATOR ONLY. Trained on synthetic head-CT phantoms (ellipsoid skull and brain with grey/white contrast, "
    "ventricles, sulci, noise) with painted hyperdense lesions; never trained or validated on patient data. "
    "It is not a medical device and must not be used for diagnosis or any clinical decision."
)


def block(c_in, c_out, stride):
    return nn.Sequential(nn.Conv3d(c_in, c_out, 3, stride=stride, padding=1, bias=False), nn.BatchNorm3d(c_out), nn.ReLU(inplace=True))


class CompactCnn(nn.Module):
    def __init__(self, channels, width=24):
        super().__init__()
        self.features = nn.Sequential(
            block(channels, 8, (1, 2, 2)),
            block(8, 16, 2),
            block(16, width, 1),
            block(width, width, 1),
        )
        self.head = nn.Linear(width, 1)

    def forward(self, x):
        a = self.features(x)
        logit = self.head(a.mean(dim=(2, 3, 4)))
        return logit, a


def pointing_hinge(model, a, mask, y):
    """For positives, hinge on the CAM peak: the strongest sum_k w_k A_k inside the lesion (mask max-pooled to the
    feature grid) must beat the strongest outside it by a margin of 1. The phantoms come with masks, so attention is
    taught to point at the lesion; it cannot be met by a CAM that is zero everywhere."""
    positives = y[:, 0] > 0
    if not positives.any():
        return a.new_zeros(())
    cam = (model.head.weight[0][None, :, None, None, None] * a[positives]).sum(1).flatten(1)
    factor = [mask.shape[d] // a.shape[d] for d in (2, 3, 4)]
    inside = F.max_pool3d(mask[positives], kernel_size=factor).flatten(1) > 0
    best_inside = cam.masked_fill(~inside, -1e4).max(1).values
    best_outside = cam.masked_fill(inside, -1e4).max(1).values
    return F.relu(1 + best_outside - best_inside).mean()


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def auc(scores, labels):
    """Mann–Whitney U over all positive/negative pairs, ties counted half."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def evaluate(model, inputs, labels, masks, kinds):
    model.eval()
    weights = model.head.weight.detach()[0]
    probs, hits, per_kind = [], [], {}
    with torch.no_grad():
        for i in range(len(inputs)):
            x = torch.from_numpy(inputs[i:i + 1])
            logit, a = model(x)
            probs.append(torch.sigmoid(logit)[0, 0].item())
            if labels[i] == 1:
                cam = F.relu((weights[None, :, None, None, None] * a).sum(1, keepdim=True))
                cam = F.interpolate(cam, size=x.shape[2:], mode="trilinear", align_corners=False)[0, 0]
                peak = np.unravel_index(int(torch.argmax(cam)), cam.shape)
                hit = bool(masks[i][peak]) and float(cam.max()) > 0
                hits.append(hit)
                per_kind.setdefault(kinds[i], []).append(hit)
    probs = np.array(probs)
    decided = probs >= THRESHOLD
    return {
        "count": int(len(labels)),
        "positives": int(labels.sum()),
        "auc": auc(probs, labels),
        "sensitivity": float(decided[labels == 1].mean()),
        "specificity": float((~decided[labels == 0]).mean()),
        "pointing_game": float(np.mean(hits)),
        "pointing_game_by_kind": {k: float(np.mean(v)) for k, v in sorted(per_kind.items())},
        "sensitivity_by_kind": {k: float(decided[[j for j in range(len(kinds)) if kinds[j] == k]].mean()) for k in sorted(set(kinds)) if k != "None"},
    }


def load(folder):
    inputs = np.load(os.path.join(folder, "inputs.npy"))
    labels = np.load(os.path.join(folder, "labels.npy")).astype(np.int64)
    masks = np.load(os.path.join(folder, "masks.npy"))
    with open(os.path.join(folder, "kinds.json")) as f:
        kinds = json.load(f)
    return inputs, labels, masks, kinds


def export(model, input_spec, out_dir, metrics):
    model.eval()
    os.makedirs(out_dir, exist_ok=True)
    onnx_name = NAME + ".onnx"
    onnx_path = os.path.join(out_dir, onnx_name)
    c = len(input_spec["channels"])
    dummy = torch.zeros(1, c, input_spec["depth"], input_spec["height"], input_spec["width"])
    torch.onnx.export(model, dummy, onnx_path, input_names=[input_spec["name"]], output_names=["logit", "features"], opset_version=13)
    with open(onnx_path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    manifest = {
        "name": NAME,
        "version": VERSION,
        "sha256": sha,
        "onnxFile": onnx_name,
        "input": input_spec,
        "output": {"name": "logit", "kind": "Logit", "decisionThreshold": THRESHOLD},
        "attention": {
            "kind": "FeatureMapWithClassWeights",
            "featureMapOutput": "features",
            "classWeights": [float(w) for w in model.head.weight.detach()[0]],
        },
        "intendedUse": INTENDED_USE,
        "trainedOn": "synthetic head-CT phantoms (tools/Phantoms), see training/README.md",
        "heldOutMetrics": metrics,
    }
    with open(os.path.join(out_dir, NAME + ".manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    return onnx_path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--out", default="models")
    parser.add_argument("--epochs", type=int, default=22)
    parser.add_argument("--limit", type=int, default=640, help="training samples used (the first ones)")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--attention-weight", type=float, default=0.0, help="weight of the pointing hinge (0: plain CAM)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)

    inputs, labels, masks, _ = load(args.train)
    inputs, labels, masks = inputs[:args.limit], labels[:args.limit], masks[:args.limit]
    with open(os.path.join(args.train, "input.json")) as f:
        input_spec = json.load(f)
    model = CompactCnn(inputs.shape[1])
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=args.epochs)
    generator = np.random.default_rng(args.seed)
    started = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = generator.permutation(len(inputs))
        total, total_bce, total_outside = 0.0, 0.0, 0.0
        for start in range(0, len(order), args.batch):
            batch = order[start:start + args.batch]
            x = torch.from_numpy(inputs[batch])
            # Left–right flip: the phantoms (and heads) are roughly symmetric, lesions are not.
            flip = torch.from_numpy(generator.random(len(batch)) < 0.5)
            x[flip] = x[flip].flip(-1)
            m = torch.from_numpy(masks[batch]).float()[:, None]
            m[flip] = m[flip].flip(-1)
            y = torch.from_numpy(labels[batch]).float()[:, None]
            logit, a = model(x)
            bce = F.binary_cross_entropy_with_logits(logit, y)
            outside = pointing_hinge(model, a, m, y)
            loss = bce + args.attention_weight * outside
            total_bce += bce.item() * len(batch)
            total_outside += outside.item() * len(batch)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(batch)
        scheduler.step()
        print(f"epoch {epoch + 1}/{args.epochs} loss {total / len(inputs):.4f} bce {total_bce / len(inputs):.4f} pointing hinge {total_outside / len(inputs):.4f} ({time.time() - started:.0f} s)", flush=True)

    test = load(args.test)
    metrics = evaluate(model, *test)
    metrics["threshold"] = THRESHOLD
    metrics["train_seconds"] = round(time.time() - started)
    print(json.dumps(metrics, indent=2))
    path = export(model, input_spec, args.out, metrics)
    print(f"exported {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
