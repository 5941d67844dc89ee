"""The original project's preprocessing, exactly, in NumPy/PyTorch (issue 15 §7), and the manifest `input` block that
makes HeadCt.Inference compute the same (written by export_r3d18.py):

* every CT slice, sorted by ImagePositionPatient[2] alone (Python's stable sort, files in name order), nothing
  resampled for gaps or gantry tilt (manifest `sortBy: z`);
* the stored pixel values (`pixel_array`: no rescale slope or intercept, Pixel Padding Value kept), so on a CT with
  intercept -1024 "brain 22..50" selects stored values 22..50, not HU (`windowOn: stored`);
* each slice resized to 128x128 by nearest neighbour with source index floor(i * size / 128), OpenCV's INTER_NEAREST
  (`resize: nearest-floor`);
* channels brain 22..50, bones 220..2000, blood 40..100 in that order, each keeping the value where
  lower <= value <= upper and 0 elsewhere; min-max over the whole stacked tensor, in float32;
* the result cast to float16 before the model (`inputPrecision: float16`); our float32 ONNX export is then fed the
  float16 values widened to float32.
"""
import os

import numpy as np
import pydicom
import torch

IN_PLANE = 128
# (name, lower, upper) in the original's channel order, on stored values.
WINDOWS = [("brain", 22.0, 50.0), ("bone", 220.0, 2000.0), ("blood", 40.0, 100.0)]


def read_series(folder):
    """Stored values [D, H, W] float32 of the CT slices in `folder`, sorted by ImagePositionPatient[2] only (ties keep
    file-name order)."""
    slices = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        ds = pydicom.dcmread(path)
        if "PixelData" in ds and getattr(ds, "Modality", "CT") == "CT":
            slices.append(ds)
    if not slices:
        raise ValueError(f"no CT slices in {folder}")
    slices.sort(key=lambda ds: float(ds.ImagePositionPatient[2]))
    return np.stack([ds.pixel_array for ds in slices]).astype(np.float32)


def resize_nearest(volume, size=IN_PLANE):
    """Each slice to size x size, source index floor(i * source / size) on both axes (exact in integers)."""
    rows = (np.arange(size) * volume.shape[1]) // size
    columns = (np.arange(size) * volume.shape[2]) // size
    return volume[:, rows[:, None], columns[None, :]]


def preprocess(stored):
    """[D, H, W] stored values -> [1, 3, D, 128, 128] model input (float16 values as float32)."""
    resized = resize_nearest(stored)
    channels = [np.where((resized >= lower) & (resized <= upper), resized, np.float32(0)) for _, lower, upper in WINDOWS]
    tensor = np.stack(channels).astype(np.float32)
    low, high = tensor.min(), tensor.max()
    tensor = (tensor - low) / (high - low) if high > low else np.zeros_like(tensor)
    return torch.from_numpy(tensor.astype(np.float16).astype(np.float32))[None]


def input_manifest(input_name="volume"):
    """The manifest's `input` block that makes HeadCt.Inference compute exactly `preprocess`."""
    return {
        "name": input_name,
        "layout": "NCDHW",
        "height": IN_PLANE,
        "width": IN_PLANE,
        "depthPolicy": "Native",
        "depth": None,
        "targetSliceSpacingMm": None,
        "channels": [{"name": n, "lowerHu": lo, "upperHu": hi, "maskOutside": True} for n, lo, hi in WINDOWS],
        "normalisation": "TensorMinMax",
        "windowOn": "stored",
        "resize": "nearest-floor",
        "sortBy": "z",
        "inputPrecision": "float16",
    }


def applicability_manifest():
    """What is known of the original checkpoint's intended studies: plain head CT. Its slice thickness and age range
    are not recorded here, so they are left open (not checked) until the checkpoint's owner states them."""
    return {
        "modalities": ["CT"],
        "head": {"volumeMl": {"min": 900, "max": 2100}, "maxCutFraction": 0.25},
        "sliceThicknessMm": None,
        "contrast": "none",
        "ageYears": None,
    }


def out_of_distribution_manifest():
    return {
        "method": "None",
        "reason": "the original checkpoint comes without statistics of its training data",
    }
