"""Train the phantom demonstrator: a compact 3-D CNN whose logit is a log-sum-exp pool of a voxel score map
s = sum_k w_k A_k + b (a 1x1x1 convolution of the last feature map A), so the CAM sum_k w_k A_k is exactly the map the
score is pooled from and its peak is where the evidence is. Trained on tensors exported by the C# serving
preprocessing (`phantoms tensors`). Exports ONNX + manifest and reports AUC, sensitivity/specificity at the threshold
and the pointing-game score (overall and per lesion kind) on a held-out set, how often heads with every mimic of blood
and no lesion score positive, and the out-of-distribution statistics of the pooled feature vector (mean and max of each
feature-map channel over the whole grid): their mean and precision matrix for a squared Mahalanobis distance, and its
threshold at a stated percentile of the training set, all written to the manifest for the C# predictor."""
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
VERSION = "0.4.0"
INTENDED_USE = (
    "DEMONSTRATOR ONLY. Trained on synthetic head-CT phantoms (skull with skull base, sinuses, mastoids and orbits; "
    "brain with grey/white contrast, ventricles, sulci, posterior fossa; calcifications, dense venous sinuses and "
    "beam-hardening streaks as mimics; 0.6-5 mm slices, 64-512 matrices) with painted hyperdense lesions; never "
    "trained or validated on patient data. It is not a medical device and must not be used for diagnosis or any "
    "clinical decision."
)
OOD_PERCENTILE = 99.0
# The studies the demonstrator was made for, checked by the C# predictor before its output is presented: what the
# phantoms are (adult-sized heads, 0.6-5 mm slices, no contrast), and a whole head in the field of view.
APPLICABILITY = {
    "modalities": ["CT"],
    "head": {"volumeMl": {"min": 900, "max": 2100}, "maxCutFraction": 0.25},
    "sliceThicknessMm": {"min": 0.6, "max": 5.0},
    "contrast": "none",
    "ageYears": {"min": 18, "max": None},
}


def block(c_in, c_out, stride=1):
    return nn.Sequential(nn.Conv3d(c_in, c_out, 3, stride=stride, padding=1, bias=False), nn.BatchNorm3d(c_out), nn.ReLU(inplace=True))


class CompactCnn(nn.Module):
    """Fine stage at half in-plane resolution (D x H/2 x W/2) for where, a coarse stage at a quarter for what is
    around it (skull, sulci), fused at the fine resolution by a 1x1x1 convolution: the feature map keeps enough
    resolution for the attention peak to land inside thin subdural crescents."""

    def __init__(self, channels, fine=16, coarse=32, width=24, sharpness=4.0):
        super().__init__()
        self.fine = block(channels, fine, (1, 2, 2))
        self.coarse = nn.Sequential(block(fine, coarse, 2), block(coarse, coarse))
        self.fuse = nn.Sequential(nn.Conv3d(fine + coarse, width, 1, bias=False), nn.BatchNorm3d(width), nn.ReLU(inplace=True))
        self.head = nn.Conv3d(width, 1, 1)
        self.sharpness = sharpness

    def score_map(self, x):
        a = self.fine(x)
        c = F.interpolate(self.coarse(a), size=a.shape[2:], mode="nearest")
        features = self.fuse(torch.cat([a, c], 1))
        return self.head(features), features

    def pool(self, s):
        """Smooth maximum of the score map: log-mean-exp, between the mean (r -> 0) and the max (r -> inf)."""
        r = self.sharpness
        return (torch.logsumexp(r * s.flatten(1), dim=1, keepdim=True) - float(np.log(s[0].numel()))) / r

    def forward(self, x):
        s, features = self.score_map(x)
        return self.pool(s), features


def voxel_loss(s, mask, y):
    """Dense supervision from the phantoms' masks: every voxel of the score map is a lesion/no-lesion call (the mask
    max-pooled to the feature grid; negatives are all zero), lesion voxels weighted up for their rarity."""
    target = F.adaptive_max_pool3d(mask, s.shape[2:])
    return F.binary_cross_entropy_with_logits(s, target, pos_weight=s.new_tensor(20.0))


def crop_corners(masks, labels, generator, crop):
    """Training crops (convolutions are translation-equivariant, so the model trains on crops and serves on the whole
    grid for a fifth of the CPU): for a positive the crop holds a lesion voxel drawn at random, at a random place in the
    crop; for a negative it is anywhere. Air is 0 in every channel, like the zero padding at a crop's edge."""
    full = masks.shape[1:]
    corners = []
    for i in range(len(masks)):
        if labels[i] == 1:
            voxels = np.argwhere(masks[i])
            centre = voxels[generator.integers(len(voxels))]
            low = [max(0, min(centre[d] - generator.integers(crop[d]), full[d] - crop[d])) for d in range(3)]
        else:
            low = [generator.integers(full[d] - crop[d] + 1) for d in range(3)]
        corners.append(low)
    return corners


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def auc(scores, labels):
    """Mann–Whitney U over all positive/negative pairs, ties counted half."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def probabilities(model, inputs):
    model.eval()
    with torch.no_grad():
        return np.concatenate([torch.sigmoid(model(torch.from_numpy(inputs[s:s + 8]))[0][:, 0]).numpy() for s in range(0, len(inputs), 8)])


def choose_threshold(probs, labels):
    """The operating point, chosen on training volumes (whole grids, as served; training saw crops, whose pooled
    score sits a little higher): the midpoint of the probability interval that maximises balanced accuracy."""
    candidates = np.unique(probs)
    best, best_score = 0.5, -1.0
    for i, t in enumerate(candidates):
        decided = probs >= t
        score = decided[labels == 1].mean() + (~decided[labels == 0]).mean()
        if score > best_score:
            below = candidates[i - 1] if i > 0 else 0.0
            best, best_score = float((below + t) / 2), score
    return best


def evaluate(model, inputs, labels, masks, kinds, lesions, threshold):
    """Probabilities, and for positives whether the CAM peak (upsampled trilinearly to the input grid, as the C#
    predictor does to the volume grid) lies inside the lesion mask."""
    model.eval()
    weights = model.head.weight.detach()[0, :, 0, 0, 0]
    probs, hits, per_kind = [], [], {}
    with torch.no_grad():
        for start in range(0, len(inputs), 8):
            x = torch.from_numpy(inputs[start:start + 8])
            logit, a = model(x)
            cams = F.relu((weights[None, :, None, None, None] * a).sum(1, keepdim=True))
            cams = F.interpolate(cams, size=x.shape[2:], mode="trilinear", align_corners=False)[:, 0]
            for j in range(len(x)):
                i = start + j
                probs.append(torch.sigmoid(logit[j, 0]).item())
                if labels[i] == 1:
                    peak = np.unravel_index(int(torch.argmax(cams[j])), cams[j].shape)
                    hit = bool(masks[i][peak]) and float(cams[j].max()) > 0
                    hits.append(hit)
                    per_kind.setdefault(kinds[i], []).append(hit)
    probs = np.array(probs)
    decided = probs >= threshold
    kinds = np.array(kinds)
    positives = np.flatnonzero(labels == 1)
    hit_of = dict(zip(positives, hits))
    by_class = {}
    for k in sorted(set(kinds) - {"None"}):
        for subtle in (False, True):
            chosen = [i for i in positives if kinds[i] == k and lesions[i] is not None and lesions[i]["subtle"] == subtle]
            if chosen:
                by_class[f"{k}/{'subtle' if subtle else 'conspicuous'}"] = {
                    "count": len(chosen),
                    "sensitivity": float(decided[chosen].mean()),
                    "pointing_game": float(np.mean([hit_of[i] for i in chosen])),
                }
    cisternal = [i for i in positives if lesions[i] is not None and lesions[i].get("cisternal")]
    if cisternal:
        by_class["Subarachnoid/cisternal"] = {
            "count": len(cisternal),
            "sensitivity": float(decided[cisternal].mean()),
            "pointing_game": float(np.mean([hit_of[i] for i in cisternal])),
        }
    return {
        "count": int(len(labels)),
        "positives": int(labels.sum()),
        "auc": auc(probs, labels),
        "sensitivity": float(decided[labels == 1].mean()),
        "specificity": float((~decided[labels == 0]).mean()),
        "pointing_game": float(np.mean(hits)),
        "pointing_game_by_kind": {k: float(np.mean(v)) for k, v in sorted(per_kind.items())},
        "sensitivity_by_kind": {k: float(decided[kinds == k].mean()) for k in sorted(set(kinds)) if k != "None"},
        "by_kind_and_conspicuity": by_class,
    }


def pooled_features(model, inputs):
    """The pooled feature vector per volume, as the C# predictor computes it: for each channel of the feature map,
    its mean then its max over the whole grid."""
    model.eval()
    rows = []
    with torch.no_grad():
        for start in range(0, len(inputs), 8):
            _, a = model(torch.from_numpy(np.ascontiguousarray(inputs[start:start + 8])))
            flat = a.flatten(2)
            rows.append(torch.cat([flat.mean(2), flat.amax(2)], 1).double().numpy())
    return np.concatenate(rows)


def ood_statistics(features, percentile):
    """Mean and precision (inverse of the covariance, shrunk towards its diagonal by 5 % so it stays well conditioned)
    of the training set's pooled features, and the threshold on the squared Mahalanobis distance at `percentile`."""
    mean = features.mean(0)
    centred = features - mean
    covariance = centred.T @ centred / (len(features) - 1)
    covariance = 0.95 * covariance + 0.05 * np.diag(np.diag(covariance)) + 1e-9 * np.eye(len(mean))
    precision = np.linalg.inv(covariance)
    scores = mahalanobis(features, mean, precision)
    return mean, precision, float(np.percentile(scores, percentile)), scores


def mahalanobis(features, mean, precision):
    centred = features - mean
    return np.einsum("ni,ij,nj->n", centred, precision, centred)


def load(folder):
    inputs = np.load(os.path.join(folder, "inputs.npy"))
    labels = np.load(os.path.join(folder, "labels.npy")).astype(np.int64)
    masks = np.load(os.path.join(folder, "masks.npy"))
    with open(os.path.join(folder, "kinds.json")) as f:
        kinds = json.load(f)
    lesions = [None] * len(labels)
    if os.path.exists(os.path.join(folder, "lesions.json")):
        with open(os.path.join(folder, "lesions.json")) as f:
            lesions = json.load(f)
    return inputs, labels, masks, kinds, lesions


def scans_of(folder):
    path = os.path.join(folder, "scans.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def by_slice_thickness(probs, labels, scans, threshold):
    """Sensitivity and specificity for thin (< 1.5 mm), medium and thick (>= 3 mm) slices."""
    if scans is None:
        return {}
    thickness = np.array([s["sliceMm"] for s in scans])
    out = {}
    for name, chosen in (("thin <1.5 mm", thickness < 1.5), ("1.5-3 mm", (thickness >= 1.5) & (thickness < 3)), ("thick >=3 mm", thickness >= 3)):
        pos, neg = chosen & (labels == 1), chosen & (labels == 0)
        out[name] = {"count": int(chosen.sum()),
                     "sensitivity": float((probs[pos] >= threshold).mean()) if pos.any() else None,
                     "specificity": float((probs[neg] < threshold).mean()) if neg.any() else None}
    return out


def export(model, input_spec, out_dir, metrics, threshold, ood):
    model.eval()
    os.makedirs(out_dir, exist_ok=True)
    onnx_name = NAME + ".onnx"
    onnx_path = os.path.join(out_dir, onnx_name)
    c = len(input_spec["channels"])
    dummy = torch.zeros(1, c, input_spec["depth"], input_spec["height"], input_spec["width"])
    torch.onnx.export(model, dummy, onnx_path, input_names=[input_spec["name"]], output_names=["logit", "features"],
                      dynamic_axes={input_spec["name"]: {0: "n"}, "logit": {0: "n"}, "features": {0: "n"}}, opset_version=13)
    with open(onnx_path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    manifest = {
        "name": NAME,
        "version": VERSION,
        "sha256": sha,
        "onnxFile": onnx_name,
        "input": input_spec,
        "output": {"name": "logit", "kind": "Logit", "decisionThreshold": threshold},
        "attention": {
            "kind": "FeatureMapWithClassWeights",
            "featureMapOutput": "features",
            "classWeights": [float(w) for w in model.head.weight.detach()[0, :, 0, 0, 0]],
        },
        "intendedUse": INTENDED_USE,
        "applicability": APPLICABILITY,
        "outOfDistribution": ood,
        "trainedOn": "synthetic head-CT phantoms (tools/Phantoms), see training/README.md",
        "heldOutMetrics": metrics,
    }
    with open(os.path.join(out_dir, NAME + ".manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return onnx_path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--out", default="models")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--limit", type=int, default=2400, help="training samples used (the first ones)")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--warmup", type=int, default=30, help="steps of linear learning-rate warm-up")
    parser.add_argument("--voxel-weight", type=float, default=1.0, help="weight of the dense mask loss (0: labels only)")
    parser.add_argument("--crop", type=int, nargs=3, default=[16, 40, 40], help="training crop D H W on the model grid")
    parser.add_argument("--calibration", type=int, default=400, help="training volumes the threshold is chosen on")
    parser.add_argument("--checkpoint", help="also save the trained state dict here (outside models/)")
    parser.add_argument("--fine", type=int, default=16, help="channels of the fine stage")
    parser.add_argument("--coarse", type=int, default=32, help="channels of the coarse stage")
    parser.add_argument("--width", type=int, default=24, help="channels of the fused feature map (the CAM's)")
    parser.add_argument("--mimics", help="exported heads without lesion and with every mimic (`phantoms tensors --mix mimicsonly`)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)

    inputs, labels, masks, _, _ = load(args.train)
    inputs, labels, masks = inputs[:args.limit], labels[:args.limit], masks[:args.limit]
    with open(os.path.join(args.train, "input.json")) as f:
        input_spec = json.load(f)
    model = CompactCnn(inputs.shape[1], fine=args.fine, coarse=args.coarse, width=args.width)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps = args.epochs * ((len(inputs) + args.batch - 1) // args.batch)
    schedule = lambda step: min(1.0, (step + 1) / args.warmup) * 0.5 * (1 + np.cos(np.pi * step / steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, schedule)
    generator = np.random.default_rng(args.seed)
    crop = args.crop
    started, cpu_started = time.time(), time.process_time()
    for epoch in range(args.epochs):
        model.train()
        order = generator.permutation(len(inputs))
        total_bce, total_voxel = 0.0, 0.0
        for start in range(0, len(order), args.batch):
            batch = np.sort(order[start:start + args.batch])
            corners = crop_corners(masks[batch], labels[batch], generator, crop)
            x = torch.from_numpy(np.stack([inputs[i][:, z:z + crop[0], y:y + crop[1], w:w + crop[2]] for i, (z, y, w) in zip(batch, corners)]))
            m = torch.from_numpy(np.stack([masks[i][z:z + crop[0], y:y + crop[1], w:w + crop[2]] for i, (z, y, w) in zip(batch, corners)])).float()[:, None]
            # Left–right flip of input and mask together: heads are roughly symmetric, lesions are not.
            flip = torch.from_numpy(generator.random(len(batch)) < 0.5)
            x[flip] = x[flip].flip(-1)
            m[flip] = m[flip].flip(-1)
            y = torch.from_numpy(labels[batch]).float()[:, None]
            s, _ = model.score_map(x)
            logit = model.pool(s)
            bce = F.binary_cross_entropy_with_logits(logit, y)
            dense = voxel_loss(s, m, y)
            loss = bce + args.voxel_weight * dense
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            scheduler.step()
            total_bce += bce.item() * len(batch)
            total_voxel += dense.item() * len(batch)
        print(f"epoch {epoch + 1}/{args.epochs} bce {total_bce / len(inputs):.4f} voxel {total_voxel / len(inputs):.4f} "
              f"({time.time() - started:.0f} s)", flush=True)

    train_seconds, cpu_seconds = round(time.time() - started), round(time.process_time() - cpu_started)
    calibration = np.arange(0, len(inputs), max(1, len(inputs) // args.calibration))
    threshold = round(choose_threshold(probabilities(model, inputs[calibration]), labels[calibration]), 4)
    test = load(args.test)
    metrics = evaluate(model, *test, threshold)
    metrics["threshold"] = threshold
    test_probs = probabilities(model, test[0])
    metrics["by_slice_thickness"] = by_slice_thickness(test_probs, test[1], scans_of(args.test), threshold)

    train_features = pooled_features(model, inputs)
    mean, precision, ood_threshold, train_scores = ood_statistics(train_features, OOD_PERCENTILE)
    test_scores = mahalanobis(pooled_features(model, test[0]), mean, precision)
    metrics["ood"] = {"threshold": ood_threshold, "percentile": OOD_PERCENTILE,
                      "held_out_above": float((test_scores > ood_threshold).mean()),
                      "held_out_median": float(np.median(test_scores)), "train_median": float(np.median(train_scores))}
    if args.mimics:
        mimic_inputs = load(args.mimics)[0]
        mimic_probs = probabilities(model, mimic_inputs)
        mimic_scores = mahalanobis(pooled_features(model, mimic_inputs), mean, precision)
        metrics["mimics_only"] = {"count": int(len(mimic_probs)), "positive_rate": float((mimic_probs >= threshold).mean()),
                                  "max_probability": float(mimic_probs.max()), "median_probability": float(np.median(mimic_probs)),
                                  "ood_above": float((mimic_scores > ood_threshold).mean())}
    ood = {
        "method": "MahalanobisPooledFeatures",
        "featureOutput": "features",
        "pooling": "MeanThenMax",
        "mean": [float(v) for v in mean],
        "precision": [float(v) for v in precision.flatten()],
        "threshold": round(ood_threshold, 3),
        "percentile": OOD_PERCENTILE,
        "trainingSamples": int(len(inputs)),
        "trainedOn": "synthetic head-CT phantoms",
    }
    metrics["train_seconds"] = train_seconds
    metrics["train_cpu_seconds"] = cpu_seconds
    metrics["train_samples"] = int(len(inputs))
    metrics["epochs"] = args.epochs
    print(json.dumps(metrics, indent=2))
    if args.checkpoint:
        torch.save(model.state_dict(), args.checkpoint)
    path = export(model, input_spec, args.out, metrics, threshold, ood)
    print(f"exported {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
